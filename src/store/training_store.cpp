#include "store/training_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kEventColumns =
    "SELECT e.id, e.application_id, e.title, e.held_on, e.location, e.checkin_token, e.checkin_open, "
    "e.created_by, e.created_at, (SELECT COUNT(*) FROM training_checkins c WHERE c.event_id = e.id) "
    "FROM training_events e ";

TrainingEventRecord read_event(const soci::row& row) {
  TrainingEventRecord event;
  event.id = row_integer(row, 0);
  event.application_id = row_integer(row, 1);
  event.title = row.get<std::string>(2);
  event.held_on = row.get<std::string>(3);
  event.location = row.get<std::string>(4);
  event.checkin_token = row.get<std::string>(5);
  event.checkin_open = row_integer(row, 6) != 0;
  event.created_by = row_integer(row, 7);
  event.created_at = row.get<std::string>(8);
  event.attendance = row_integer(row, 9);
  return event;
}

std::optional<TrainingEventRecord> first_event(soci::rowset<soci::row>& rows) {
  for (const auto& row : rows) return read_event(row);
  return std::nullopt;
}

}  // namespace

long long insert_training_event(soci::session& sql, const TrainingEventRecord& event) {
  const int open = event.checkin_open ? 1 : 0;
  sql << "INSERT INTO training_events (application_id, title, held_on, location, checkin_token, "
         "checkin_open, "
         "created_by, created_at) VALUES (:a, :t, :h, :l, :k, :o, :u, :at)",
      soci::use(event.application_id), soci::use(event.title), soci::use(event.held_on),
      soci::use(event.location), soci::use(event.checkin_token), soci::use(open), soci::use(event.created_by),
      soci::use(event.created_at);
  return last_insert_id(sql, "training_events");
}

std::optional<TrainingEventRecord> find_training_event(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kEventColumns) + "WHERE e.id = :id", soci::use(id));
  return first_event(rows);
}

std::optional<TrainingEventRecord> find_training_event_by_token(soci::session& sql,
                                                                const std::string& token) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kEventColumns) + "WHERE e.checkin_token = :k", soci::use(token));
  return first_event(rows);
}

std::vector<TrainingEventRecord> list_training_events(soci::session& sql, long long application_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kEventColumns) + "WHERE e.application_id = :a ORDER BY e.held_on, e.id",
       soci::use(application_id));
  std::vector<TrainingEventRecord> events;
  for (const auto& row : rows) events.push_back(read_event(row));
  return events;
}

void set_training_event_open(soci::session& sql, long long id, bool open) {
  const int value = open ? 1 : 0;
  sql << "UPDATE training_events SET checkin_open = :o WHERE id = :id", soci::use(value), soci::use(id);
}

bool insert_training_checkin(soci::session& sql, const TrainingCheckinRecord& checkin) {
  // ON CONFLICT keeps a second check-in of the same phone from aborting the transaction on
  // PostgreSQL; both backends report whether a row was written.
  soci::statement insert =
      (sql.prepare
           << "INSERT INTO training_checkins (event_id, name, phone, employer, checked_in_at, "
              "client_address) VALUES (:e, :n, :p, :w, :at, :ip) ON CONFLICT (event_id, phone) DO NOTHING",
       soci::use(checkin.event_id), soci::use(checkin.name), soci::use(checkin.phone),
       soci::use(checkin.employer), soci::use(checkin.checked_in_at), soci::use(checkin.client_address));
  insert.execute(true);
  return insert.get_affected_rows() == 1;
}

std::vector<TrainingCheckinRecord> list_training_checkins(soci::session& sql, long long event_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, event_id, name, phone, employer, checked_in_at, client_address "
                      "FROM training_checkins WHERE event_id = :e ORDER BY id",
       soci::use(event_id));
  std::vector<TrainingCheckinRecord> checkins;
  for (const auto& row : rows) {
    TrainingCheckinRecord checkin;
    checkin.id = row_integer(row, 0);
    checkin.event_id = row_integer(row, 1);
    checkin.name = row.get<std::string>(2);
    checkin.phone = row.get<std::string>(3);
    checkin.employer = row.get<std::string>(4);
    checkin.checked_in_at = row.get<std::string>(5);
    checkin.client_address = row.get<std::string>(6);
    checkins.push_back(std::move(checkin));
  }
  return checkins;
}

TrainingAttendance training_attendance(soci::session& sql, long long application_id,
                                       const std::string& today) {
  TrainingAttendance attendance;
  long long events = 0;
  long long held = 0;
  sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN e.held_on <= :today AND EXISTS (SELECT 1 FROM "
         "training_checkins c "
         "WHERE c.event_id = e.id) THEN 1 ELSE 0 END), 0) FROM training_events e WHERE e.application_id = :a",
      soci::use(today), soci::use(application_id), soci::into(events), soci::into(held);
  attendance.events = static_cast<int>(events);
  attendance.events_held = static_cast<int>(held);
  sql << "SELECT COUNT(DISTINCT c.phone), COUNT(*) FROM training_checkins c JOIN training_events e ON e.id = "
         "c.event_id WHERE e.application_id = :a",
      soci::use(application_id), soci::into(attendance.trainees), soci::into(attendance.checkins);
  return attendance;
}

}  // namespace iifund::store
