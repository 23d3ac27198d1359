// 时间安排: the due time of each review stage of a batch and its recorded extensions.
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "service/schedule.hpp"

namespace iifund::http {

namespace {

// Who extended a deadline is shown to staff; an enterprise or an expert reads only the role.
HttpResponse schedule_response(const domain::Result<std::vector<service::StageSchedule>>& schedule,
                               const HttpRequest& request) {
  if (!schedule) return problem_response(schedule.problem(), request);
  const bool staff = !request.caller.is("enterprise") && !request.caller.is("expert");
  nlohmann::json stages = nlohmann::json::array();
  for (const auto& stage : schedule.value()) {
    nlohmann::json extensions = nlohmann::json::array();
    for (const auto& extension : stage.extensions) {
      extensions.push_back({{"previous_due_at", extension.previous_due_at},
                            {"new_due_at", extension.new_due_at},
                            {"reason", extension.reason},
                            {"by", staff ? extension.extended_by_name : std::string("organizer")},
                            {"at", extension.extended_at}});
    }
    stages.push_back({{"stage", stage.stage},
                      {"due_at", stage.due_at ? nlohmann::json(*stage.due_at) : nlohmann::json()},
                      {"extensions", extensions}});
  }
  return json_response(200, nlohmann::json{{"stages", stages}}.dump());
}

}  // namespace

HttpResponse get_batch_schedule(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request);
  if (!batch_id) return not_found(request);
  return schedule_response(service::batch_schedule(context.database, request.caller, *batch_id), request);
}

HttpResponse put_batch_schedule_stage(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request);
  auto stage = request.path_params.find("stage");
  if (!batch_id || stage == request.path_params.end()) return not_found(request);
  service::ScheduleChange change{text_field(request, "due_at"), text_field(request, "reason")};
  return schedule_response(service::set_stage_deadline(context.database, *context.clock, request.caller,
                                                       *batch_id, stage->second, change),
                           request);
}

}  // namespace iifund::http
