#include <nlohmann/json.hpp>

#include "http/handlers.hpp"
#include "http/problem_response.hpp"
#include "service/health.hpp"
#include "store/batch_store.hpp"

namespace iifund::http {

HttpResponse get_health(ServerContext& context, HttpRequest& request) {
  auto health = service::check_health(context.database);
  if (!health) return problem_response(health.problem(), request);
  nlohmann::json body = {{"status", "ok"},
                         {"database", health->database},
                         {"schema_version", health->schema_version},
                         {"version", context.version},
                         {"batch", context.active_batch_code}};
  return json_response(200, body.dump());
}

HttpResponse get_batches(ServerContext& context, HttpRequest& request) {
  nlohmann::json list = nlohmann::json::array();
  domain::Status read = context.database.read([&](soci::session& sql) {
    for (const auto& batch : store::list_batches(sql)) {
      list.push_back({{"id", batch.id},
                      {"code", batch.code},
                      {"name_zh", batch.name_zh},
                      {"name_en", batch.name_en},
                      {"is_demo", batch.is_demo},
                      {"opens_at", batch.opens_at ? nlohmann::json(*batch.opens_at) : nlohmann::json()},
                      {"closes_at", batch.closes_at}});
    }
    return domain::Status(domain::Ok{});
  });
  if (!read) return problem_response(read.problem(), request);
  return json_response(200, nlohmann::json{{"batches", list}}.dump());
}

}  // namespace iifund::http
