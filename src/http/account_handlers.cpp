// Enterprises (registration, viewing, verification, administrator transfer) and user management.
#include "http/account_json.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "http/profile_json.hpp"
#include "service/accounts.hpp"
#include "service/authorization.hpp"
#include "service/enterprise_profiles.hpp"
#include "service/enterprises.hpp"
#include "service/passwords.hpp"

namespace iifund::http {

namespace {

HttpResponse no_content() {
  HttpResponse response;
  response.status = 204;
  return response;
}

}  // namespace

HttpResponse post_enterprises(ServerContext& context, HttpRequest& request) {
  service::Registration form{text_field(request, "credit_code"),   text_field(request, "name"),
                             text_field(request, "county_code"),   text_field(request, "contact_name"),
                             text_field(request, "contact_phone"), text_field(request, "username"),
                             text_field(request, "password")};
  auto registered = service::register_enterprise(context.database, *context.clock, request.caller,
                                                 context.county_codes, form);
  if (!registered) return problem_response(registered.problem(), request);
  nlohmann::json body = {{"enterprise", enterprise_json(registered->enterprise, false)},
                         {"user", user_json(registered->user)}};
  return json_response(201, body.dump());
}

HttpResponse get_enterprise(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto enterprise = service::view_enterprise_profile(context.database, request.caller, context.policy, *id);
  if (!enterprise) return problem_response(enterprise.problem(), request);
  return json_response(200, enterprise_profile_json(enterprise.value()).dump());
}

HttpResponse get_county_enterprises(ServerContext& context, HttpRequest& request) {
  std::optional<bool> verified;
  if (auto found = request.query.find("verified"); found != request.query.end()) {
    if (found->second == "true" || found->second == "false") verified = found->second == "true";
  }
  auto enterprises = service::county_enterprises(context.database, request.caller, verified);
  if (!enterprises) return problem_response(enterprises.problem(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& listed : enterprises.value()) {
    auto entry = enterprise_json(listed.enterprise, true);
    entry["admin_user_id"] = nullptr;
    entry["admin_username"] = nullptr;
    entry["staff"] = nlohmann::json::array();
    for (const auto& user : listed.staff) {
      entry["staff"].push_back({{"id", user.id},
                                {"username", user.username},
                                {"display_name", user.display_name},
                                {"enterprise_admin", user.enterprise_admin},
                                {"disabled", user.disabled}});
      if (user.enterprise_admin) {
        entry["admin_user_id"] = user.id;
        entry["admin_username"] = user.username;
      }
    }
    list.push_back(std::move(entry));
  }
  return json_response(200, nlohmann::json{{"enterprises", list}}.dump());
}

HttpResponse post_enterprise_verify(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto verified = service::verify_enterprise(context.database, *context.clock, request.caller, *id,
                                             text_field(request, "note"));
  if (!verified) return problem_response(verified.problem(), request);
  return json_response(200, enterprise_json(verified.value(), true).dump());
}

HttpResponse post_enterprise_admin(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto user_id = id_field(request, "user_id");
  auto moved = service::transfer_enterprise_admin(context.database, *context.clock, request.caller, *id,
                                                  user_id.value_or(0));
  if (!moved) return problem_response(moved.problem(), request);
  return no_content();
}

HttpResponse post_user_reset_password(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto temporary = service::reset_password(context.database, *context.clock, request.caller, *id);
  if (!temporary) return problem_response(temporary.problem(), request);
  return json_response(200, nlohmann::json{{"temporary_password", temporary.value()}}.dump());
}

HttpResponse get_users(ServerContext& context, HttpRequest& request) {
  auto users = service::list_visible_users(context.database, request.caller);
  if (!users) return problem_response(users.problem(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& user : users.value()) list.push_back(user_json(user));
  return json_response(200, nlohmann::json{{"users", list}}.dump());
}

HttpResponse post_users(ServerContext& context, HttpRequest& request) {
  service::NewUser form{text_field(request, "username"),    text_field(request, "display_name"),
                        text_field(request, "role"),        optional_text_field(request, "county_code"),
                        id_field(request, "enterprise_id"), optional_text_field(request, "password"),
                        id_field(request, "expert_id")};
  auto created =
      service::create_user(context.database, *context.clock, request.caller, context.county_codes, form);
  if (!created) return problem_response(created.problem(), request);
  nlohmann::json body = {{"user", user_json(created->user)}};
  if (created->temporary_password) body["temporary_password"] = *created->temporary_password;
  if (created->expert_id) body["user"]["expert_id"] = *created->expert_id;
  return json_response(201, body.dump());
}

HttpResponse post_user_disable(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto done = service::set_user_enabled(context.database, *context.clock, request.caller, *id, false);
  return done ? no_content() : problem_response(done.problem(), request);
}

HttpResponse post_user_enable(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto done = service::set_user_enabled(context.database, *context.clock, request.caller, *id, true);
  return done ? no_content() : problem_response(done.problem(), request);
}

}  // namespace iifund::http
