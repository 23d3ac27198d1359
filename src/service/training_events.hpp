#pragma once
// 培训场次与扫码签到: the events of an approved talent-training project (category 4). Each event
// gets an unguessable token; its QR code leads trainees to a public check-in page where each
// registers once (one check-in per phone number per event). Check-in is open on the event's day
// (Beijing time) while the enterprise has not closed it and the acceptance is not yet submitted,
// so the counts the acceptance shows are the people who were there.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/acceptance.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/training_store.hpp"

namespace iifund::service {

struct TrainingEventView {
  store::TrainingEventRecord event;
  bool open = false;
  std::string closed_reason;  // "" when open; closed | not_yet | over | acceptance_submitted
  std::string enterprise_name;
};

struct TrainingEventInput {
  std::string title;
  std::string held_on;  // YYYY-MM-DD
  std::string location;
};

struct TrainingEventList {
  std::vector<TrainingEventView> events;
  TrainingSummary summary;
  bool show_tokens = false;  // the enterprise and the organizer see the check-in links
};

struct TrainingCheckinList {
  TrainingEventView event;
  std::vector<store::TrainingCheckinRecord> checkins;
  bool phones_masked = true;  // PIPL: full numbers for the enterprise and the organizer only
};

struct CheckinInput {
  std::string name;
  std::string phone;
  std::string employer;
};

// The enterprise adds an event to its own approved talent-training application: 409
// training_not_applicable {category} for another category, acceptance_not_editable once the
// acceptance is submitted; 422 title (required, too_long), held_on (required, date_syntax),
// location (too_long). Audit training.event_add.
domain::Result<TrainingEventView> add_training_event(store::Database& db, const Clock& clock,
                                                     const Caller& caller, long long application_id,
                                                     const TrainingEventInput& input);
// The enterprise (own), the organizer and the bureau.
domain::Result<TrainingEventList> list_training_events(store::Database& db, const Clock& clock,
                                                       const Caller& caller, long long application_id);
// The enterprise closes or reopens its event's check-in. Audit training.checkin_open /
// training.checkin_close.
domain::Result<TrainingEventView> set_training_checkin_open(store::Database& db, const Clock& clock,
                                                            const Caller& caller, long long event_id,
                                                            bool open);
// The event for its QR code: the enterprise (own) and the organizer.
domain::Result<TrainingEventView> training_event_for_qr(store::Database& db, const Clock& clock,
                                                        const Caller& caller, long long event_id);
// Who checked in: the enterprise (own), the organizer and the bureau (phones masked for the bureau).
domain::Result<TrainingCheckinList> list_event_checkins(store::Database& db, const Clock& clock,
                                                        const Caller& caller, long long event_id);

// Public: the event behind a token (404 for an unknown token).
domain::Result<TrainingEventView> public_checkin_event(store::Database& db, const Clock& clock,
                                                       const std::string& token);
// Public check-in: 404 unknown token; 409 checkin_closed {reason, held_on}; 422 name (required,
// too_long), phone (required, phone_mainland), employer (too_long); 409 already_checked_in.
// Audit training.checkin (the phone masked).
domain::Result<store::TrainingCheckinRecord> check_in(store::Database& db, const Clock& clock,
                                                      const Caller& caller, const std::string& token,
                                                      const CheckinInput& input);

}  // namespace iifund::service
