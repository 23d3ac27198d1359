#include "store/application_store.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kListColumns =
    "a.id, a.number, a.batch_id, a.enterprise_id, a.category, a.county_code, a.state, a.project_name, "
    "a.requested_fen, a.computed_fen, a.bound_by, a.version, a.finalized_hash, a.finalized_at, "
    "a.returned_at, "
    "a.submitted_at, a.revision, a.created_by, a.created_at, a.updated_by, a.updated_at";

// Reads the columns of kListColumns, in order.
ApplicationRecord read_application(const soci::row& row) {
  ApplicationRecord a;
  a.id = row_integer(row, 0);
  a.number = row_optional_text(row, 1).value_or("");
  a.batch_id = row_integer(row, 2);
  a.enterprise_id = row_integer(row, 3);
  a.category = static_cast<int>(row_integer(row, 4));
  a.county_code = row.get<std::string>(5);
  a.state = row.get<std::string>(6);
  a.project_name = row.get<std::string>(7);
  a.requested_fen = row_integer(row, 8);
  a.computed_fen = row_integer(row, 9);
  a.bound_by = row.get<std::string>(10);
  a.version = static_cast<int>(row_integer(row, 11));
  a.finalized_hash = row_optional_text(row, 12);
  a.finalized_at = row_optional_text(row, 13);
  a.returned_at = row_optional_text(row, 14);
  a.submitted_at = row_optional_text(row, 15);
  a.revision = static_cast<int>(row_integer(row, 16));
  a.created_by = row_integer(row, 17);
  a.created_at = row.get<std::string>(18);
  a.updated_by = row_integer(row, 19);
  a.updated_at = row.get<std::string>(20);
  return a;
}

constexpr std::size_t kListColumnCount = 21;

// soci binds lvalues only: an optional text column as a value and its indicator.
}  // namespace

bool application_editable(const std::string& state) {
  return state == "draft" || state == "returned" || state == "supplement_requested";
}

domain::Result<long long> insert_application(soci::session& sql, const ApplicationRecord& application) {
  if (auto existing =
          find_live_application(sql, application.batch_id, application.enterprise_id, application.category)) {
    return domain::make_problem(
        "application_exists", 409,
        {{"number", existing->number}, {"id", existing->id}, {"category", application.category}});
  }
  sql << "INSERT INTO applications (batch_id, enterprise_id, category, county_code, state, project_name, "
         "form_json, created_by, created_at, updated_by, updated_at) "
         "VALUES (:b, :e, :c, :county, :s, :p, :f, :cb, :ca, :ub, :ua)",
      soci::use(application.batch_id), soci::use(application.enterprise_id), soci::use(application.category),
      soci::use(application.county_code), soci::use(application.state), soci::use(application.project_name),
      soci::use(application.form_json), soci::use(application.created_by), soci::use(application.created_at),
      soci::use(application.created_by), soci::use(application.created_at);
  auto created =
      find_live_application(sql, application.batch_id, application.enterprise_id, application.category);
  return created->id;
}

void set_application_number(soci::session& sql, long long id, const std::string& number) {
  sql << "UPDATE applications SET number = :n WHERE id = :id", soci::use(number), soci::use(id);
}

std::optional<ApplicationRecord> find_application(soci::session& sql, long long id) {
  std::string query =
      fmt::format("SELECT {}, a.form_json FROM applications a WHERE a.id = :id", kListColumns);
  soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(id));
  for (const auto& row : rows) {
    auto application = read_application(row);
    application.form_json = row.get<std::string>(kListColumnCount);
    return application;
  }
  return std::nullopt;
}

std::optional<ApplicationRecord> find_live_application(soci::session& sql, long long batch_id,
                                                       long long enterprise_id, int category) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM applications WHERE batch_id = :b AND enterprise_id = :e AND category = :c "
         "AND state <> 'withdrawn'",
      soci::use(batch_id), soci::use(enterprise_id), soci::use(category), soci::into(id, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return find_application(sql, id);
}

bool update_application_form(soci::session& sql, const ApplicationRecord& application, int expected_version) {
  OptionalText finalized_hash(application.finalized_hash);
  OptionalText finalized_at(application.finalized_at);
  soci::statement update =
      (sql.prepare
           << "UPDATE applications SET project_name = :p, requested_fen = :r, computed_fen = :c, "
              "bound_by = :bb, form_json = :f, version = version + 1, finalized_hash = :fh, "
              "finalized_at = :fa, updated_by = :ub, updated_at = :ua WHERE id = :id AND version = :v",
       soci::use(application.project_name), soci::use(application.requested_fen),
       soci::use(application.computed_fen), soci::use(application.bound_by), soci::use(application.form_json),
       soci::use(finalized_hash.text, finalized_hash.indicator),
       soci::use(finalized_at.text, finalized_at.indicator), soci::use(application.updated_by),
       soci::use(application.updated_at), soci::use(application.id), soci::use(expected_version));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

void update_application_state(soci::session& sql, const ApplicationRecord& application) {
  OptionalText returned_at(application.returned_at);
  OptionalText submitted_at(application.submitted_at);
  sql << "UPDATE applications SET state = :s, returned_at = :ra, submitted_at = :sa, revision = :rv, "
         "version = version + 1, updated_by = :ub, updated_at = :ua WHERE id = :id",
      soci::use(application.state), soci::use(returned_at.text, returned_at.indicator),
      soci::use(submitted_at.text, submitted_at.indicator), soci::use(application.revision),
      soci::use(application.updated_by), soci::use(application.updated_at), soci::use(application.id);
}

namespace {

// "%" and "_" typed by a user are letters, not wildcards.
std::string like_pattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

}  // namespace

ApplicationPage list_applications(soci::session& sql, const ApplicationQuery& query) {
  // Each filter is either applied or neutralized by its flag, so the statement text is fixed.
  const int by_enterprise = query.enterprise_id ? 1 : 0;
  const int by_county = query.county_code ? 1 : 0;
  const int by_batch = query.batch_id ? 1 : 0;
  const int by_category = query.category ? 1 : 0;
  const int by_state = query.state ? 1 : 0;
  const int no_drafts = query.exclude_drafts ? 1 : 0;
  const int by_text = query.text ? 1 : 0;
  const long long enterprise_id = query.enterprise_id.value_or(0);
  const std::string county = query.county_code.value_or("");
  const long long batch_id = query.batch_id.value_or(0);
  const int category = query.category.value_or(0);
  const std::string state = query.state.value_or("");
  const std::string text = like_pattern(query.text.value_or(""));
  const std::string where =
      " FROM applications a JOIN enterprises e ON e.id = a.enterprise_id WHERE "
      "(:f1 = 0 OR a.enterprise_id = :eid) AND (:f2 = 0 OR a.county_code = :county) AND "
      "(:f3 = 0 OR a.batch_id = :bid) AND (:f4 = 0 OR a.category = :cat) AND (:f5 = 0 OR a.state = :st) AND "
      "(:f6 = 0 OR a.state NOT IN ('draft','withdrawn')) AND "
      "(:f7 = 0 OR LOWER(e.name) LIKE LOWER(:q1) ESCAPE '\\' "
      "OR LOWER(e.credit_code) LIKE LOWER(:q2) ESCAPE '\\' "
      "OR LOWER(a.project_name) LIKE LOWER(:q3) ESCAPE '\\' "
      "OR LOWER(COALESCE(a.number, '')) LIKE LOWER(:q4) ESCAPE '\\')";
  ApplicationPage page;
  sql << "SELECT COUNT(*)" + where, soci::use(by_enterprise), soci::use(enterprise_id), soci::use(by_county),
      soci::use(county), soci::use(by_batch), soci::use(batch_id), soci::use(by_category),
      soci::use(category), soci::use(by_state), soci::use(state), soci::use(no_drafts), soci::use(by_text),
      soci::use(text), soci::use(text), soci::use(text), soci::use(text), soci::into(page.total);
  const int page_size = std::clamp(query.page_size, 1, 200);
  const long long offset = static_cast<long long>(std::max(query.page, 1) - 1) * page_size;
  std::string select = fmt::format("SELECT {}, e.name, e.credit_code{} ORDER BY a.id DESC LIMIT {} OFFSET {}",
                                   kListColumns, where, page_size, offset);
  soci::rowset<soci::row> rows =
      (sql.prepare << select, soci::use(by_enterprise), soci::use(enterprise_id), soci::use(by_county),
       soci::use(county), soci::use(by_batch), soci::use(batch_id), soci::use(by_category),
       soci::use(category), soci::use(by_state), soci::use(state), soci::use(no_drafts), soci::use(by_text),
       soci::use(text), soci::use(text), soci::use(text), soci::use(text));
  for (const auto& row : rows) {
    ApplicationListRow entry{read_application(row), row.get<std::string>(kListColumnCount),
                             row.get<std::string>(kListColumnCount + 1)};
    page.rows.push_back(std::move(entry));
  }
  return page;
}

std::vector<StateCategoryCount> count_applications_by_state(soci::session& sql,
                                                            const std::optional<long long>& batch_id,
                                                            const std::optional<std::string>& county_code) {
  const int by_batch = batch_id ? 1 : 0;
  const int by_county = county_code ? 1 : 0;
  const long long batch = batch_id.value_or(0);
  const std::string county = county_code.value_or("");
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT state, category, COUNT(*) FROM applications WHERE submitted_at IS NOT NULL "
                      "AND (:f1 = 0 OR batch_id = :b) AND (:f2 = 0 OR county_code = :c) "
                      "GROUP BY state, category ORDER BY state, category",
       soci::use(by_batch), soci::use(batch), soci::use(by_county), soci::use(county));
  std::vector<StateCategoryCount> counts;
  for (const auto& row : rows) {
    counts.push_back({row.get<std::string>(0), static_cast<int>(row_integer(row, 1)), row_integer(row, 2)});
  }
  return counts;
}

void insert_application_event(soci::session& sql, const ApplicationEvent& event) {
  soci::indicator actor_ind = event.actor_user_id ? soci::i_ok : soci::i_null;
  long long actor = event.actor_user_id.value_or(0);
  sql << "INSERT INTO application_events (application_id, action, from_state, to_state, actor_user_id, "
         "actor_role, reason, at, details_json) VALUES (:a, :act, :f, :t, :u, :r, :why, :at, :d)",
      soci::use(event.application_id), soci::use(event.action), soci::use(event.from_state),
      soci::use(event.to_state), soci::use(actor, actor_ind), soci::use(event.actor_role),
      soci::use(event.reason), soci::use(event.at), soci::use(event.details_json);
}

std::vector<ApplicationEvent> list_application_events(soci::session& sql, long long application_id) {
  std::vector<ApplicationEvent> events;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT id, application_id, action, from_state, to_state, actor_user_id, actor_role, "
              "reason, at, details_json FROM application_events WHERE application_id = :a ORDER BY id",
       soci::use(application_id));
  for (const auto& row : rows) {
    ApplicationEvent event;
    event.id = row_integer(row, 0);
    event.application_id = row_integer(row, 1);
    event.action = row.get<std::string>(2);
    event.from_state = row.get<std::string>(3);
    event.to_state = row.get<std::string>(4);
    if (row.get_indicator(5) == soci::i_ok) event.actor_user_id = row_integer(row, 5);
    event.actor_role = row.get<std::string>(6);
    event.reason = row.get<std::string>(7);
    event.at = row.get<std::string>(8);
    event.details_json = row.get<std::string>(9);
    events.push_back(std::move(event));
  }
  return events;
}

void insert_application_snapshot(soci::session& sql, const ApplicationSnapshot& snapshot) {
  sql << "INSERT INTO application_snapshots (application_id, revision, form_json, form_hash, computed_json, "
         "materials_json, submitted_by, submitted_at) VALUES (:a, :r, :f, :h, :c, :m, :b, :t)",
      soci::use(snapshot.application_id), soci::use(snapshot.revision), soci::use(snapshot.form_json),
      soci::use(snapshot.form_hash), soci::use(snapshot.computed_json), soci::use(snapshot.materials_json),
      soci::use(snapshot.submitted_by), soci::use(snapshot.submitted_at);
}

std::optional<ApplicationSnapshot> latest_application_snapshot(soci::session& sql, long long application_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT id, application_id, revision, form_json, form_hash, computed_json, materials_json, "
              "submitted_by, submitted_at FROM application_snapshots WHERE application_id = :a "
              "ORDER BY revision DESC LIMIT 1",
       soci::use(application_id));
  for (const auto& row : rows) {
    ApplicationSnapshot snapshot;
    snapshot.id = row_integer(row, 0);
    snapshot.application_id = row_integer(row, 1);
    snapshot.revision = static_cast<int>(row_integer(row, 2));
    snapshot.form_json = row.get<std::string>(3);
    snapshot.form_hash = row.get<std::string>(4);
    snapshot.computed_json = row.get<std::string>(5);
    snapshot.materials_json = row.get<std::string>(6);
    snapshot.submitted_by = row_integer(row, 7);
    snapshot.submitted_at = row.get<std::string>(8);
    return snapshot;
  }
  return std::nullopt;
}

std::vector<std::string> submitted_forms_of_category(soci::session& sql, long long batch_id, int category,
                                                     long long except_application_id) {
  std::vector<std::string> forms;
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT form_json FROM applications WHERE batch_id = :b AND category = :c AND id <> :a "
                      "AND submitted_at IS NOT NULL AND state NOT IN ('draft','withdrawn')",
       soci::use(batch_id), soci::use(category), soci::use(except_application_id));
  for (const auto& form : rows) forms.push_back(form);
  return forms;
}

void replace_application_invoices(soci::session& sql, long long application_id,
                                  const std::vector<std::string>& invoice_keys) {
  sql << "DELETE FROM application_invoices WHERE application_id = :a", soci::use(application_id);
  for (const auto& key : invoice_keys) {
    sql << "INSERT INTO application_invoices (application_id, invoice_key) VALUES (:a, :k)",
        soci::use(application_id), soci::use(key);
  }
}

std::vector<std::string> invoices_listed_elsewhere(soci::session& sql, long long batch_id,
                                                   long long application_id,
                                                   const std::vector<std::string>& invoice_keys) {
  std::vector<std::string> listed;
  for (const auto& key : invoice_keys) {
    int count = 0;
    sql << "SELECT COUNT(*) FROM application_invoices i JOIN applications a ON a.id = i.application_id "
           "WHERE i.invoice_key = :k AND a.batch_id = :b AND a.id <> :a AND a.state <> 'withdrawn'",
        soci::use(key), soci::use(batch_id), soci::use(application_id), soci::into(count);
    if (count > 0) listed.push_back(key);
  }
  return listed;
}

std::vector<std::string> invoices_claimed_elsewhere(soci::session& sql, long long batch_id,
                                                    long long application_id,
                                                    const std::vector<std::string>& invoice_keys) {
  std::vector<std::string> taken;
  for (const auto& key : invoice_keys) {
    long long owner = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT application_id FROM invoice_claims WHERE batch_id = :b AND invoice_key = :k",
        soci::use(batch_id), soci::use(key), soci::into(owner, ind);
    if (ind == soci::i_ok && owner != application_id) taken.push_back(key);
  }
  return taken;
}

std::vector<std::string> claim_invoices(soci::session& sql, long long batch_id, long long application_id,
                                        const std::vector<std::string>& invoice_keys,
                                        const std::string& now) {
  auto taken = invoices_claimed_elsewhere(sql, batch_id, application_id, invoice_keys);
  if (!taken.empty()) return taken;
  for (const auto& key : invoice_keys) {
    int mine = 0;
    sql << "SELECT COUNT(*) FROM invoice_claims WHERE batch_id = :b AND invoice_key = :k",
        soci::use(batch_id), soci::use(key), soci::into(mine);
    if (mine > 0) continue;  // claimed by this application at an earlier submission
    sql << "INSERT INTO invoice_claims (batch_id, invoice_key, application_id, claimed_at) VALUES (:b, :k, "
           ":a, :t)",
        soci::use(batch_id), soci::use(key), soci::use(application_id), soci::use(now);
  }
  return taken;
}

void release_invoice_claims(soci::session& sql, long long application_id) {
  sql << "DELETE FROM invoice_claims WHERE application_id = :a", soci::use(application_id);
}

}  // namespace iifund::store
