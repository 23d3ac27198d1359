#pragma once
// 公示与异议: a batch's published list with its period (publicities, one per batch) and the named
// objections filed against it, each with its signed or sealed letter and the organizer's
// investigation and outcome (objections).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct PublicityRecord {
  long long id = 0;
  long long batch_id = 0;
  long long run_id = 0;
  std::string starts_at;
  std::string ends_at;  // exclusive
  std::string entries_json = "[]";
  long long published_by = 0;
  std::string published_at;
  // Read only: the batch's names.
  std::string batch_name_zh;
  std::string batch_name_en;
};

long long insert_publicity(soci::session& sql, const PublicityRecord& publicity);
std::optional<PublicityRecord> find_publicity(soci::session& sql, long long id);
std::optional<PublicityRecord> find_batch_publicity(soci::session& sql, long long batch_id);
// Newest first.
std::vector<PublicityRecord> list_publicities(soci::session& sql);
void update_publicity_entries(soci::session& sql, long long id, const std::string& entries_json);

struct ObjectionRecord {
  long long id = 0;
  long long publicity_id = 0;
  std::optional<long long> application_id;
  std::string objector_name;
  std::string objector_organization;
  std::string phone;
  std::string address;
  std::string content;
  std::string letter_name;
  std::string letter_type;
  std::string letter_sha256;
  long long letter_size = 0;  // read only
  std::string client_address;
  std::string submitted_at;
  std::string state;  // received | investigating | upheld | rejected
  std::string investigation;
  std::string outcome;
  std::optional<long long> changed_fen;
  std::optional<long long> decided_by;
  std::optional<std::string> decided_at;
  // Read only: the application it names, and the batch of its publicity.
  std::string application_number;
  long long batch_id = 0;
};

long long insert_objection(soci::session& sql, const ObjectionRecord& objection, std::string_view letter);
std::optional<ObjectionRecord> find_objection(soci::session& sql, long long id);
std::vector<ObjectionRecord> list_batch_objections(soci::session& sql, long long batch_id);
std::string read_objection_letter(soci::session& sql, long long id);
// How many objections came from `client_address` at or after `since` (UTC ISO).
long long count_objections_from(soci::session& sql, const std::string& client_address,
                                const std::string& since);
// Objections of the publicity still received or under investigation.
long long count_open_objections(soci::session& sql, long long publicity_id);
void update_objection_decision(soci::session& sql, const ObjectionRecord& objection);

}  // namespace iifund::store
