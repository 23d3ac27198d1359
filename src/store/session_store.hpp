#pragma once
// 登录会话: a session row holds only the SHA-256 of its token, so a copy of the database signs
// nobody in. Ended sessions stay (with when and why) for the audit trail.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct SessionRecord {
  long long id = 0;
  long long user_id = 0;
  std::string csrf_token;
  std::string created_at;  // UTC ISO-8601
  std::string last_seen_at;
  std::string client_address;
  std::string user_agent;
};

struct NewSessionRow {
  std::string token_hash;  // hex SHA-256 of the cookie's token
  std::string csrf_token;
  long long user_id = 0;
  std::string client_address;
  std::string user_agent;
};

long long insert_session(soci::session& sql, const NewSessionRow& row, const std::string& now);
// The session with this token hash, unless it was ended.
std::optional<SessionRecord> find_open_session(soci::session& sql, const std::string& token_hash);
std::vector<SessionRecord> list_open_sessions(soci::session& sql, long long user_id);
void touch_session(soci::session& sql, long long session_id, const std::string& now);
// Returns whether an open session of this user was ended.
bool end_session(soci::session& sql, long long session_id, long long user_id, const std::string& reason,
                 const std::string& now);
// Ends every open session of the user except `keep` (0 keeps none); returns how many ended.
long long end_user_sessions(soci::session& sql, long long user_id, long long keep, const std::string& reason,
                            const std::string& now);

}  // namespace iifund::store
