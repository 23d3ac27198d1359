// 企业档案: the enterprise's staff save its profile (GET /api/enterprises/:id shows it).
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "http/profile_json.hpp"
#include "service/enterprise_profiles.hpp"

namespace iifund::http {

HttpResponse put_enterprise_profile(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto saved = service::update_enterprise_profile(context.database, *context.clock, request.caller,
                                                  context.policy, *id, request.json);
  if (!saved) return problem_response(saved.problem(), request);
  return json_response(200, enterprise_profile_json(saved.value()).dump());
}

}  // namespace iifund::http
