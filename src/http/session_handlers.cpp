// Sign-in, sign-out, the current user, a user's own sessions, and changing one's password.
#include "http/account_json.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "http/session_cookies.hpp"
#include "service/passwords.hpp"
#include "service/sessions.hpp"

namespace iifund::http {

namespace {

HttpResponse no_content() {
  HttpResponse response;
  response.status = 204;
  return response;
}

}  // namespace

HttpResponse post_session(ServerContext& context, HttpRequest& request) {
  service::LoginRequest login{text_field(request, "username"), text_field(request, "password"),
                              request.caller.client_address, request.caller.user_agent};
  auto signed_in = service::log_in(context.database, *context.clock, context.accounts, login);
  if (!signed_in) {
    HttpResponse refused = problem_response(signed_in.problem(), request);
    if (signed_in.problem().status == 429) {
      refused.set_header("Retry-After", signed_in.problem().facts["retry_after_seconds"].dump());
    }
    return refused;
  }
  if (auto old_token = cookie_value(request, kSessionCookie); old_token && !old_token->empty()) {
    service::end_replaced_session(context.database, *context.clock, *old_token);
  }
  nlohmann::json body = {{"user", caller_json(signed_in->caller)}, {"csrf_token", signed_in->csrf_token}};
  HttpResponse response = json_response(200, body.dump());
  set_session_cookies(response, signed_in->session_token, signed_in->csrf_token, request.via_tls);
  return response;
}

HttpResponse get_session(ServerContext&, HttpRequest& request) {
  nlohmann::json body = {{"user", caller_json(request.caller)}, {"csrf_token", request.csrf_token}};
  return json_response(200, body.dump());
}

HttpResponse delete_session(ServerContext& context, HttpRequest& request) {
  if (auto ended = service::log_out(context.database, *context.clock, request.caller); !ended) {
    return problem_response(ended.problem(), request);
  }
  HttpResponse response = no_content();
  clear_session_cookies(response, request.via_tls);
  return response;
}

HttpResponse get_sessions(ServerContext& context, HttpRequest& request) {
  auto sessions =
      service::list_own_sessions(context.database, *context.clock, context.accounts.session, request.caller);
  if (!sessions) return problem_response(sessions.problem(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& session : sessions.value())
    list.push_back(session_json(session, request.caller.session_id));
  return json_response(200, nlohmann::json{{"sessions", list}}.dump());
}

HttpResponse delete_session_by_id(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  if (auto ended = service::end_own_session(context.database, *context.clock, request.caller, *id); !ended) {
    return problem_response(ended.problem(), request);
  }
  return no_content();
}

HttpResponse post_password(ServerContext& context, HttpRequest& request) {
  auto changed =
      service::change_password(context.database, *context.clock, request.caller,
                               text_field(request, "current_password"), text_field(request, "new_password"));
  if (!changed) return problem_response(changed.problem(), request);
  return no_content();
}

}  // namespace iifund::http
