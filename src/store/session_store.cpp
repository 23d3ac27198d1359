#include "store/session_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kSessionColumns =
    "SELECT id, user_id, csrf_token, created_at, last_seen_at, client_address, user_agent FROM sessions ";

SessionRecord read_session(const soci::row& row) {
  SessionRecord session;
  session.id = row_integer(row, 0);
  session.user_id = row_integer(row, 1);
  session.csrf_token = row.get<std::string>(2);
  session.created_at = row.get<std::string>(3);
  session.last_seen_at = row.get<std::string>(4);
  session.client_address = row.get<std::string>(5);
  session.user_agent = row.get<std::string>(6);
  return session;
}

}  // namespace

long long insert_session(soci::session& sql, const NewSessionRow& row, const std::string& now) {
  sql << "INSERT INTO sessions (token_hash, csrf_token, user_id, created_at, last_seen_at, client_address, "
         "user_agent) VALUES (:h, :c, :u, :t, :t2, :a, :ua)",
      soci::use(row.token_hash), soci::use(row.csrf_token), soci::use(row.user_id), soci::use(now),
      soci::use(now), soci::use(row.client_address), soci::use(row.user_agent);
  long long id = 0;
  sql << "SELECT id FROM sessions WHERE token_hash = :h", soci::use(row.token_hash), soci::into(id);
  return id;
}

std::optional<SessionRecord> find_open_session(soci::session& sql, const std::string& token_hash) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSessionColumns) + "WHERE token_hash = :h AND ended_at IS NULL",
       soci::use(token_hash));
  for (const auto& row : rows) return read_session(row);
  return std::nullopt;
}

std::vector<SessionRecord> list_open_sessions(soci::session& sql, long long user_id) {
  std::vector<SessionRecord> sessions;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSessionColumns) + "WHERE user_id = :u AND ended_at IS NULL ORDER BY id",
       soci::use(user_id));
  for (const auto& row : rows) sessions.push_back(read_session(row));
  return sessions;
}

void touch_session(soci::session& sql, long long session_id, const std::string& now) {
  sql << "UPDATE sessions SET last_seen_at = :t WHERE id = :id", soci::use(now), soci::use(session_id);
}

bool end_session(soci::session& sql, long long session_id, long long user_id, const std::string& reason,
                 const std::string& now) {
  soci::statement update =
      (sql.prepare << "UPDATE sessions SET ended_at = :t, ended_reason = :r WHERE id = :id AND user_id = :u "
                      "AND ended_at IS NULL",
       soci::use(now), soci::use(reason), soci::use(session_id), soci::use(user_id));
  update.execute(true);
  return update.get_affected_rows() > 0;
}

long long end_user_sessions(soci::session& sql, long long user_id, long long keep, const std::string& reason,
                            const std::string& now) {
  soci::statement update =
      (sql.prepare << "UPDATE sessions SET ended_at = :t, ended_reason = :r WHERE user_id = :u AND id <> :k "
                      "AND ended_at IS NULL",
       soci::use(now), soci::use(reason), soci::use(user_id), soci::use(keep));
  update.execute(true);
  return update.get_affected_rows();
}

}  // namespace iifund::store
