// 站内信: the signed-in user's inbox and its unread count.
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "http/review_fields.hpp"
#include "service/inbox.hpp"

namespace iifund::http {

namespace {

nlohmann::json notification_json(const store::NotificationRecord& notification) {
  auto params = nlohmann::json::parse(notification.params_json, nullptr, false);
  return {{"id", notification.id},
          {"kind", notification.kind},
          {"object", notification.object},
          {"params", params.is_discarded() ? nlohmann::json::object() : params},
          {"created_at", notification.created_at},
          {"read_at", notification.read_at ? nlohmann::json(*notification.read_at) : nlohmann::json()}};
}

HttpResponse unread_response(const domain::Result<long long>& unread, const HttpRequest& request) {
  if (!unread) return problem_response(unread.problem(), request);
  return json_response(200, nlohmann::json{{"unread", unread.value()}}.dump());
}

}  // namespace

HttpResponse get_notifications(ServerContext& context, HttpRequest& request) {
  auto page = query_id(request, "page");
  if (!page) return problem_response(page.problem(), request);
  auto unread_only = query_text(request, "unread");
  const bool only_unread = unread_only && (*unread_only == "1" || *unread_only == "true");
  const auto page_number = static_cast<int>(std::min<long long>(page.value().value_or(1), 1'000'000));
  auto inbox =
      service::read_inbox(context.database, *context.clock, request.caller, only_unread, page_number);
  if (!inbox) return problem_response(inbox.problem(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& notification : inbox->notifications) list.push_back(notification_json(notification));
  return json_response(200, nlohmann::json{{"notifications", list}, {"unread", inbox->unread}}.dump());
}

HttpResponse get_notifications_unread_count(ServerContext& context, HttpRequest& request) {
  return unread_response(service::unread_notifications(context.database, request.caller), request);
}

HttpResponse post_notification_read(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return unread_response(
      service::mark_notification_read(context.database, *context.clock, request.caller, *id), request);
}

HttpResponse post_notifications_read_all(ServerContext& context, HttpRequest& request) {
  return unread_response(
      service::mark_all_notifications_read(context.database, *context.clock, request.caller), request);
}

}  // namespace iifund::http
