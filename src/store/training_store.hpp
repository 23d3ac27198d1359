#pragma once
// 培训场次与签到: a talent-training project's events, each with the token its QR code carries, and
// the trainees who checked in — one check-in per phone number per event.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct TrainingEventRecord {
  long long id = 0;
  long long application_id = 0;
  std::string title;
  std::string held_on;  // YYYY-MM-DD, Beijing time
  std::string location;
  std::string checkin_token;
  bool checkin_open = true;  // the enterprise may close (and reopen) its check-in
  long long created_by = 0;
  std::string created_at;
  long long attendance = 0;  // check-ins, when read with them
};

struct TrainingCheckinRecord {
  long long id = 0;
  long long event_id = 0;
  std::string name;
  std::string phone;
  std::string employer;
  std::string checked_in_at;
  std::string client_address;
};

long long insert_training_event(soci::session& sql, const TrainingEventRecord& event);
std::optional<TrainingEventRecord> find_training_event(soci::session& sql, long long id);
std::optional<TrainingEventRecord> find_training_event_by_token(soci::session& sql, const std::string& token);
// The application's events with their attendance, by date then id.
std::vector<TrainingEventRecord> list_training_events(soci::session& sql, long long application_id);
void set_training_event_open(soci::session& sql, long long id, bool open);

// False when that phone number has checked in to the event already.
bool insert_training_checkin(soci::session& sql, const TrainingCheckinRecord& checkin);
std::vector<TrainingCheckinRecord> list_training_checkins(soci::session& sql, long long event_id);

struct TrainingAttendance {
  int events = 0;          // recorded
  int events_held = 0;     // held on or before `today` with at least one check-in
  long long trainees = 0;  // distinct phone numbers over all events
  long long checkins = 0;  // all check-ins
};
TrainingAttendance training_attendance(soci::session& sql, long long application_id,
                                       const std::string& today);

}  // namespace iifund::store
