#pragma once
// Who may see or change an application, checked next to every load: an enterprise its own, a
// county officer its county's once submitted, the organizer and the bureau every submitted one,
// an expert one it reviews (an active assignment to its pool record, the batch's pledge
// accepted). Out of scope answers 404 not_found, exactly like an unknown id.
#include "domain/result.hpp"
#include "service/caller.hpp"
#include "store/application_store.hpp"

namespace iifund::service {

// Without the expert's scope, which needs the database (see expert_reviews_application).
bool may_read_application(const Caller& caller, const store::ApplicationRecord& application);
// The caller is an expert whose pool record has an active assignment to the application and who
// accepted the pledge of its batch.
bool expert_reviews_application(soci::session& sql, const Caller& caller,
                                const store::ApplicationRecord& application);
// The enterprise's own staff, while the application is editable (else 409 application_not_editable).
domain::Status may_edit_application(const Caller& caller, const store::ApplicationRecord& application);

// Loads and scope-checks for reading: 404 not_found when unknown or out of scope.
domain::Result<store::ApplicationRecord> load_readable_application(soci::session& sql, const Caller& caller,
                                                                   long long id);
// Loads and checks for editing: 404 when not readable by the caller's enterprise, 409
// application_not_editable (facts.state) when its state forbids editing.
domain::Result<store::ApplicationRecord> load_editable_application(soci::session& sql, const Caller& caller,
                                                                   long long id);

}  // namespace iifund::service
