#include "store/audit_log.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

// One WHERE clause for both the count and the page; unused filters match everything, so every
// query binds the same parameters in the same order.
constexpr const char* kAuditFilter =
    "WHERE (:actor = '' OR actor = :actor2) AND (:action = '' OR action = :action2 OR action LIKE :prefix) "
    "AND (:from = '' OR at >= :from2) AND (:to = '' OR at < :to2)";

struct FilterValues {
  std::string actor, action, prefix, from, to;
};

FilterValues filter_values(const AuditQuery& query) {
  FilterValues values{query.actor, query.action, "", query.from, query.to};
  // A filter ending in '.' names a family of actions ("user." → user.add, user.disable, …).
  values.prefix = !query.action.empty() && query.action.back() == '.' ? query.action + "%" : "\x01";
  return values;
}

}  // namespace

StoredAuditRecord read_audit_record(const soci::row& row) {
  StoredAuditRecord stored;
  stored.id = row_integer(row, 0);
  stored.record = {row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(5),
                   row.get<std::string>(6), row.get<std::string>(8), row.get<std::string>(3),
                   row.get<std::string>(4), row.get<std::string>(7)};
  if (row.get_indicator(9) == soci::i_ok) stored.chain_position = row_integer(row, 9);
  stored.seal = row_optional_text(row, 10);
  return stored;
}

void append_audit(soci::session& sql, const AuditRecord& record) {
  sql << "INSERT INTO audit_log (at, actor, role, client_address, action, object, result, details) "
         "VALUES (:a, :ac, :r, :ca, :an, :o, :res, :d)",
      soci::use(record.at), soci::use(record.actor), soci::use(record.role), soci::use(record.client_address),
      soci::use(record.action), soci::use(record.object), soci::use(record.result),
      soci::use(record.details_json);
}

AuditPage query_audit(soci::session& sql, const AuditQuery& query) {
  FilterValues v = filter_values(query);
  AuditPage page;
  soci::rowset<soci::row> counted =
      (sql.prepare << std::string("SELECT COUNT(*) FROM audit_log ") + kAuditFilter, soci::use(v.actor),
       soci::use(v.actor), soci::use(v.action), soci::use(v.action), soci::use(v.prefix), soci::use(v.from),
       soci::use(v.from), soci::use(v.to), soci::use(v.to));
  for (const auto& row : counted) page.total = row_integer(row, 0);
  long long limit = query.page_size;
  long long offset = (query.page - 1) * query.page_size;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kAuditRecordColumns) + kAuditFilter +
                          " ORDER BY id DESC LIMIT :limit OFFSET :offset",
       soci::use(v.actor), soci::use(v.actor), soci::use(v.action), soci::use(v.action), soci::use(v.prefix),
       soci::use(v.from), soci::use(v.from), soci::use(v.to), soci::use(v.to), soci::use(limit),
       soci::use(offset));
  for (const auto& row : rows) page.records.push_back(read_audit_record(row));
  return page;
}

}  // namespace iifund::store
