#pragma once
// 专家库: the pool of review experts. Fields and declared conflicts are JSON lists in their row;
// an expert's account (role expert) is linked through user_id, at most one account per record.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct ExpertRecord {
  long long id = 0;
  std::string name;
  std::string title;
  std::string employer_name;
  std::string employer_credit_code;
  std::string county_code;
  std::vector<std::string> fields;
  std::vector<std::string> declared;  // credit codes
  int max_load = 10;
  bool active = true;
  std::string phone;
  std::optional<long long> user_id;
  std::optional<std::string> username;  // read only: the linked account's name
  int version = 1;
  std::string created_at;
  std::string updated_at;
};

struct ExpertQuery {
  std::string text;   // matches name, employer, title, phone
  std::string field;  // one of the expert's fields, exactly
  std::optional<bool> active;
};

long long insert_expert(soci::session& sql, const ExpertRecord& expert, const std::string& now);
// Writes every editable column when `expected_version` is current (and bumps it); false when stale.
bool update_expert(soci::session& sql, const ExpertRecord& expert, int expected_version,
                   const std::string& now);
std::optional<ExpertRecord> find_expert(soci::session& sql, long long id);
std::optional<ExpertRecord> find_expert_of_user(soci::session& sql, long long user_id);
std::optional<ExpertRecord> find_expert_by_name(soci::session& sql, const std::string& name);
std::vector<ExpertRecord> list_experts(soci::session& sql, const ExpertQuery& query);
// Links the account; false when the record already has one.
bool link_expert_user(soci::session& sql, long long expert_id, long long user_id, const std::string& now);
void unlink_expert_user(soci::session& sql, long long user_id);

}  // namespace iifund::store
