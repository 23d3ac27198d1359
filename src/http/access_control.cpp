#include "http/access_control.hpp"

#include "http/client_address.hpp"
#include "http/problem_response.hpp"
#include "http/session_cookies.hpp"
#include "service/audit.hpp"
#include "service/sessions.hpp"
#include "service/tokens.hpp"

namespace iifund::http {

namespace {

bool changes_state(Method method) { return method != Method::get && method != Method::head; }

// What a user with a temporary password may still do: see and end its sessions, change it.
bool allowed_before_password_change(const Route& route) {
  return route.pattern == "/api/session" || route.pattern == "/api/password" ||
         route.pattern == "/api/sessions" || route.pattern == "/api/sessions/:id";
}

// Fills request.caller from the session cookie, if it names a live session.
void identify(ServerContext& context, HttpRequest& request) {
  auto token = cookie_value(request, kSessionCookie);
  if (!token || token->empty() || token->size() > 128) return;
  auto resumed = service::resume_session(context.database, *context.clock, context.accounts.session, *token,
                                         request.caller.client_address, request.caller.user_agent);
  if (!resumed) return;
  request.caller = resumed->caller;
  request.csrf_token = resumed->csrf_token;
}

HttpResponse deny(ServerContext& context, HttpRequest& request, const char* code) {
  service::record_denial(context.database, *context.clock, request.caller,
                         std::string(method_name(request.method)) + " " + request.path, code);
  return problem_response(domain::make_problem(code, 403), request);
}

bool csrf_matches(const HttpRequest& request) {
  const std::string* sent = request.header("x-csrf-token");
  return sent != nullptr && !request.csrf_token.empty() && service::same_secret(*sent, request.csrf_token);
}

}  // namespace

HttpResponse run_route(ServerContext& context, HttpRequest& request, const Route& route) {
  resolve_client(context.trusted_proxies, request);
  if (!access_rule_valid(route.access)) return deny(context, request, "forbidden");
  if (route.access == Access::anyone) return route.handler(context, request);
  identify(context, request);
  if (!request.caller.signed_in()) {
    return problem_response(domain::make_problem("not_signed_in", 401), request);
  }
  if (!access_allows_role(route.access, request.caller.role)) return deny(context, request, "forbidden");
  if (changes_state(request.method) && !csrf_matches(request)) return deny(context, request, "csrf_failed");
  if (request.caller.must_change_password && !allowed_before_password_change(route)) {
    return problem_response(domain::make_problem("password_change_required", 403), request);
  }
  HttpResponse response = route.handler(context, request);
  if (response.status == 403 || response.status == 404) {
    service::record_denial(context.database, *context.clock, request.caller,
                           std::string(method_name(request.method)) + " " + request.path,
                           response.status == 403 ? "forbidden" : "not_found");
  }
  return response;
}

}  // namespace iifund::http
