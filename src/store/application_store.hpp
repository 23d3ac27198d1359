#pragma once
// 项目申报: an application row. The form itself is one JSON document (domain/application_form.hpp
// reads and checks it); the columns beside it are what lists, filters and uniqueness need.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "store/database.hpp"

namespace iifund::store {

struct ApplicationRecord {
  long long id = 0;
  std::string number;  // 申报编号, "<batch code>-<category>-<id, six digits>"
  long long batch_id = 0;
  long long enterprise_id = 0;
  int category = 0;
  std::string county_code;  // the recommending county: the applicant's (the lead's, in a cluster)
  std::string state;        // domain::ApplicationState's name
  std::string project_name;
  long long requested_fen = 0;
  long long computed_fen = 0;
  std::string bound_by;
  std::string form_json;
  int version = 1;  // optimistic lock: every save must name the version it started from
  std::optional<std::string> finalized_hash;
  std::optional<std::string> finalized_at;
  std::optional<std::string> returned_at;
  std::optional<std::string> submitted_at;
  int revision = 0;  // how many snapshots were frozen
  long long created_by = 0;
  std::string created_at;
  long long updated_by = 0;
  std::string updated_at;
};

// The states in which the enterprise may edit the form and its materials.
bool application_editable(const std::string& state);

// Refusal: 409 application_exists with facts.number when the enterprise already has a live
// application of that category in that batch.
domain::Result<long long> insert_application(soci::session& sql, const ApplicationRecord& application);
void set_application_number(soci::session& sql, long long id, const std::string& number);
std::optional<ApplicationRecord> find_application(soci::session& sql, long long id);
std::optional<ApplicationRecord> find_live_application(soci::session& sql, long long batch_id,
                                                       long long enterprise_id, int category);

// Writes the form and its derived columns when `expected_version` is current; false when stale.
bool update_application_form(soci::session& sql, const ApplicationRecord& application, int expected_version);
void update_application_state(soci::session& sql, const ApplicationRecord& application);

struct ApplicationQuery {
  std::optional<long long> enterprise_id;
  std::optional<std::string> county_code;
  std::optional<long long> batch_id;
  std::optional<int> category;
  std::optional<std::string> state;
  // Text matched (case-insensitively for ASCII) inside the enterprise's name or credit code, the
  // project's name or the application's number.
  std::optional<std::string> text;
  bool exclude_drafts = false;  // what a county officer or the organizer sees
  int page = 1;
  int page_size = 20;
};

struct ApplicationListRow {
  ApplicationRecord application;
  std::string enterprise_name;
  std::string enterprise_credit_code;
};

struct ApplicationPage {
  std::vector<ApplicationListRow> rows;  // without form_json
  long long total = 0;
};

ApplicationPage list_applications(soci::session& sql, const ApplicationQuery& query);

struct StateCategoryCount {
  std::string state;
  int category = 0;
  long long count = 0;
};

// How many submitted (at least once) applications are in each state and category, optionally
// of one batch and one county; ordered by state, then category.
std::vector<StateCategoryCount> count_applications_by_state(soci::session& sql,
                                                            const std::optional<long long>& batch_id,
                                                            const std::optional<std::string>& county_code);

struct ApplicationEvent {
  long long id = 0;
  long long application_id = 0;
  std::string action;
  std::string from_state;
  std::string to_state;
  std::optional<long long> actor_user_id;
  std::string actor_role;
  std::string reason;
  std::string at;
  std::string details_json = "{}";  // e.g. the fields a return asks to fix, a formal check's checklist
};

void insert_application_event(soci::session& sql, const ApplicationEvent& event);
std::vector<ApplicationEvent> list_application_events(soci::session& sql, long long application_id);

struct ApplicationSnapshot {
  long long id = 0;
  long long application_id = 0;
  int revision = 0;
  std::string form_json;
  std::string form_hash;
  std::string computed_json;
  std::string materials_json;
  long long submitted_by = 0;
  std::string submitted_at;
};

void insert_application_snapshot(soci::session& sql, const ApplicationSnapshot& snapshot);
std::optional<ApplicationSnapshot> latest_application_snapshot(soci::session& sql, long long application_id);

// The forms of the batch's other submitted (not draft, not withdrawn) applications of a category.
std::vector<std::string> submitted_forms_of_category(soci::session& sql, long long batch_id, int category,
                                                     long long except_application_id);

// The invoice keys an application lists, rewritten on each save (for the draft warning).
void replace_application_invoices(soci::session& sql, long long application_id,
                                  const std::vector<std::string>& invoice_keys);
// Keys of `invoice_keys` that another live application of the same batch lists.
std::vector<std::string> invoices_listed_elsewhere(soci::session& sql, long long batch_id,
                                                   long long application_id,
                                                   const std::vector<std::string>& invoice_keys);
// Keys of `invoice_keys` already claimed by another application of the batch.
std::vector<std::string> invoices_claimed_elsewhere(soci::session& sql, long long batch_id,
                                                    long long application_id,
                                                    const std::vector<std::string>& invoice_keys);
// Claims every key for the application; answers the keys already claimed by another one (then
// nothing is claimed). Claims are released when an application is withdrawn.
std::vector<std::string> claim_invoices(soci::session& sql, long long batch_id, long long application_id,
                                        const std::vector<std::string>& invoice_keys, const std::string& now);
void release_invoice_claims(soci::session& sql, long long application_id);

}  // namespace iifund::store
