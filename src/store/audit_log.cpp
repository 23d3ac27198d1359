#include "store/audit_log.hpp"

namespace iifund::store {

void append_audit(soci::session& sql, const AuditRecord& record) {
  sql << "INSERT INTO audit_log (at, actor, action, object, details) VALUES (:a, :ac, :an, :o, :d)",
      soci::use(record.at), soci::use(record.actor), soci::use(record.action), soci::use(record.object),
      soci::use(record.details_json);
}

}  // namespace iifund::store
