#include "service/application_scope.hpp"

#include "service/authorization.hpp"
#include "service/pledges.hpp"
#include "store/review_store.hpp"

namespace iifund::service {

namespace {

bool own_application(const Caller& caller, const store::ApplicationRecord& application) {
  return caller.is("enterprise") && caller.enterprise_id &&
         *caller.enterprise_id == application.enterprise_id;
}

// A draft (or a withdrawn draft) is the enterprise's own business until it is submitted.
bool ever_submitted(const store::ApplicationRecord& application) {
  return application.submitted_at.has_value();
}

domain::Problem not_found() { return domain::make_problem("not_found", 404); }

}  // namespace

bool may_read_application(const Caller& caller, const store::ApplicationRecord& application) {
  if (scope_check_disabled("application_read")) return true;
  if (own_application(caller, application)) return true;
  if (!ever_submitted(application)) return false;
  if (caller.is("county")) return caller.county_code && *caller.county_code == application.county_code;
  return caller.is("organizer") || caller.is("bureau");
}

bool expert_reviews_application(soci::session& sql, const Caller& caller,
                                const store::ApplicationRecord& application) {
  if (!caller.is("expert")) return false;
  auto expert = store::find_reviewer_of_user(sql, caller.user_id);
  return expert && store::has_active_assignment(sql, application.id, expert->id) &&
         pledge_accepted(sql, expert->id, application.batch_id);
}

domain::Status may_edit_application(const Caller& caller, const store::ApplicationRecord& application) {
  if (!own_application(caller, application)) return not_found();
  if (!store::application_editable(application.state)) {
    return domain::make_problem("application_not_editable", 409, {{"state", application.state}});
  }
  return domain::Ok{};
}

domain::Result<store::ApplicationRecord> load_readable_application(soci::session& sql, const Caller& caller,
                                                                   long long id) {
  auto application = store::find_application(sql, id);
  if (!application) return not_found();
  if (!may_read_application(caller, *application) && !expert_reviews_application(sql, caller, *application))
    return not_found();
  return std::move(*application);
}

domain::Result<store::ApplicationRecord> load_editable_application(soci::session& sql, const Caller& caller,
                                                                   long long id) {
  auto application = store::find_application(sql, id);
  if (!application) return not_found();
  if (auto allowed = may_edit_application(caller, *application); !allowed) return allowed.take_problem();
  return std::move(*application);
}

}  // namespace iifund::service
