#pragma once
// 申报企业: an enterprise registers itself with its credit code. A credit code is public, so the
// enterprise stays unverified until its county officer has checked the business licence and the
// sealed letter naming its administrator; an unverified enterprise may draft but not submit.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "store/database.hpp"

namespace iifund::store {

struct EnterpriseRecord {
  long long id = 0;
  std::string credit_code;
  std::string name;
  std::string county_code;  // division code of the county that verifies and recommends it
  std::string contact_name;
  std::string contact_phone;
  bool verified = false;
  std::optional<std::string> verified_at;
  std::optional<std::string> verification_note;
  bool is_demo = false;
  std::string created_at;           // set by the store
  std::string profile_json = "{}";  // 企业档案, see domain/enterprise_profile.hpp
  std::optional<std::string> profile_updated_at;
  long long version = 1;  // optimistic locking of the profile (and of every other change)
};

// Refusal: 409 enterprise_exists when the credit code is registered already.
domain::Result<long long> insert_enterprise(soci::session& sql, const EnterpriseRecord& enterprise,
                                            const std::string& now);
// Inserts or refreshes a demo enterprise (by credit code); refuses to touch a real one.
domain::Result<long long> save_demo_enterprise(soci::session& sql, const EnterpriseRecord& enterprise,
                                               const std::string& now);
std::optional<EnterpriseRecord> find_enterprise(soci::session& sql, long long id);
std::optional<EnterpriseRecord> find_enterprise_by_credit_code(soci::session& sql, const std::string& code);
// A county's enterprises, optionally only the verified or only the unverified ones.
std::vector<EnterpriseRecord> list_county_enterprises(soci::session& sql, const std::string& county_code,
                                                      std::optional<bool> verified);
// Saves the profile only if the row is still at `expected_version` (and bumps it); false when
// someone else saved first.
bool update_enterprise_profile(soci::session& sql, long long id, long long expected_version,
                               const std::string& profile_json, const std::string& now);
void mark_enterprise_verified(soci::session& sql, long long id, long long officer_id, const std::string& note,
                              const std::string& now);

}  // namespace iifund::store
