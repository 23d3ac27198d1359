#pragma once
// 公示与异议: once a selection is confirmed the organizer publishes the selected list (selected →
// publicized) for the policy's `rules.publicity_days`; the list is public, no login needed. While
// it is open anyone may file a written objection — named, with a phone number, the content and a
// signed or sealed letter (PDF/JPEG/PNG/OFD, sniffed); anonymous ones are refused, and one client
// address files at most five an hour. The organizer records the investigation and decides: an
// upheld objection removes the entry (publicized → objection_upheld, funded amount 0) or lowers
// its amount; the list's totals follow.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/publicity_store.hpp"

namespace iifund::service {

inline constexpr long long kObjectionsPerAddressPerHour = 5;
inline constexpr std::size_t kObjectionLetterMaxBytes = std::size_t{10} * 1024 * 1024;

struct PublicityView {
  store::PublicityRecord record;
  nlohmann::json entries;  // [{application_id, number, enterprise_name, project_name, category, amount_fen,
                           // county_code}]
  long long total_fen = 0;
  bool open = false;  // starts_at ≤ now < ends_at
};

// Organizer. 409 selection_not_confirmed, 409 publicity_exists, 422 nothing_to_publicize, 422
// validation_failed (starts_at: instant_syntax / starts_in_past); audit publicity.publish.
domain::Result<PublicityView> publish_publicity(store::Database& db, const Clock& clock, const Caller& caller,
                                                long long batch_id,
                                                const std::optional<std::string>& starts_at);

// Anyone: every publicity, newest first; one of them (404 when unknown).
domain::Result<std::vector<PublicityView>> public_publicities(store::Database& db, const Clock& clock);
domain::Result<PublicityView> public_publicity(store::Database& db, const Clock& clock, long long id);

struct ObjectionFiling {
  std::string objector_name;
  std::string objector_organization;
  std::string phone;
  std::string address;
  std::string content;
  std::string application_number;  // optional
  bool letter_given = false;       // "letter" is an object
  std::string letter_file_name;
  std::string letter_base64;
};

struct FiledObjection {
  long long id = 0;
  std::string reference;
};

// Anyone, while the publicity is open (409 publicity_closed with starts_at and ends_at). 422
// objection_anonymous naming each missing field (objector_name, phone, content, letter), 422
// validation_failed for other field errors (letter.content_base64: base64_invalid / file_empty /
// file_too_large; letter: content_type_refused; application_number: not_in_publicity), 429
// objection_rate_limited after five from the caller's address within an hour; audit objection.file.
domain::Result<FiledObjection> file_objection(store::Database& db, const Clock& clock, const Caller& caller,
                                              long long publicity_id, const ObjectionFiling& filing);

std::string objection_reference(const store::ObjectionRecord& objection);

// Organizer and bureau (the bureau sees phone numbers masked).
domain::Result<std::vector<store::ObjectionRecord>> batch_objections(store::Database& db,
                                                                     const Caller& caller,
                                                                     long long batch_id);

struct ObjectionLetter {
  store::ObjectionRecord objection;
  std::string bytes;
};

domain::Result<ObjectionLetter> objection_letter(store::Database& db, const Caller& caller, long long id);

struct ObjectionDecision {
  std::string state;  // investigating | upheld | rejected
  std::string investigation;
  std::string outcome;
  std::string change;                       // upheld: remove | reduce
  std::optional<long long> amount_fen;      // reduce: the lower amount
  std::optional<long long> application_id;  // when the objection named none
};

// Organizer. 409 objection_decided once upheld or rejected; 422 validation_failed (state:
// state_unknown; investigation, outcome: required; change: required / change_unknown;
// application_id: required / not_in_publicity; amount_fen: required); 422 amount_not_lower;
// upheld + remove: publicized → objection_upheld (reason = outcome), funded amount 0, entry taken
// off the list; upheld + reduce: the funded amount and the entry lowered; audit objection.decide.
domain::Result<store::ObjectionRecord> decide_objection(store::Database& db, const Clock& clock,
                                                        const Caller& caller, long long id,
                                                        const ObjectionDecision& decision);

}  // namespace iifund::service
