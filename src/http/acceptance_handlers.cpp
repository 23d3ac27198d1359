// 验收与培训签到: the acceptance of an approved project, the talent-training events with their QR
// codes, and the public check-in page the codes lead to.
#include <cairo.h>

#include <cctype>
#include <memory>

#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "report/qr_code.hpp"
#include "service/acceptance.hpp"
#include "service/training_events.hpp"

namespace iifund::http {

namespace {

nlohmann::json optional_json(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

nlohmann::json training_json(const service::TrainingSummary& summary) {
  return {{"events", summary.events},
          {"events_held", summary.events_held},
          {"trainees", summary.trainees},
          {"min_events", summary.min_events},
          {"min_trainees", summary.min_trainees},
          {"planned_events", summary.planned_events},
          {"planned_trainees", summary.planned_trainees},
          {"ok", summary.ok}};
}

nlohmann::json acceptance_json(const service::AcceptanceView& view) {
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& target : view.targets) {
    targets.push_back({{"id", target.id},
                       {"name", target.name},
                       {"baseline", target.baseline},
                       {"planned", target.planned},
                       {"unit", target.unit},
                       {"actual", target.actual}});
  }
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& upload : view.evidence) {
    evidence.push_back({{"upload_id", upload.id},
                        {"file_name", upload.file_name},
                        {"size_bytes", upload.size_bytes},
                        {"content_type", optional_json(upload.content_type)},
                        {"completed_at", optional_json(upload.completed_at)}});
  }
  nlohmann::json body = {
      {"application_id", view.application.id},
      {"number", view.application.number},
      {"project_name", view.application.project_name},
      {"category", view.application.category},
      {"state", view.state},
      {"actual_investment_fen",
       view.actual_investment_fen ? nlohmann::json(*view.actual_investment_fen) : nlohmann::json(nullptr)},
      {"planned_investment_fen", view.planned_investment_fen},
      {"targets", targets},
      {"report", view.report},
      {"conclusion", view.conclusion},
      {"concluded_at", optional_json(view.concluded_at)},
      {"evidence", evidence},
      {"version", view.version},
      {"updated_at", view.updated_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(view.updated_at)}};
  if (view.training) body["training"] = training_json(*view.training);
  return body;
}

HttpResponse acceptance_response(const domain::Result<service::AcceptanceView>& view,
                                 const HttpRequest& request) {
  if (!view) return problem_response(view.problem(), request);
  return json_response(200, acceptance_json(view.value()).dump());
}

HttpResponse validation_response(std::vector<domain::FieldError> errors, const HttpRequest& request) {
  return problem_response(validation_problem(std::move(errors)), request);
}

// The version a change starts from: a whole number, 0 before the first save.
std::optional<int> version_of(const HttpRequest& request) {
  if (!request.json.is_object()) return std::nullopt;
  auto found = request.json.find("version");
  if (found == request.json.end() || !found->is_number_integer()) return std::nullopt;
  auto version = found->get<long long>();
  if (version < 0 || version > 1'000'000'000) return std::nullopt;
  return static_cast<int>(version);
}

// The host the check-in link names: the request's Host when it is a plain host[:port].
std::string public_base(const HttpRequest& request) {
  const std::string* host = request.header("host");
  std::string name = host != nullptr ? *host : "";
  bool plain = !name.empty() && name.size() <= 255;
  for (char c : name) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == ':' ||
                      c == '[' || c == ']');
  }
  if (!plain) name = "localhost";
  return std::string(request.via_tls ? "https://" : "http://") + name;
}

std::string checkin_url(const HttpRequest& request, const std::string& token) {
  return public_base(request) + "/checkin/" + token;
}

nlohmann::json event_json(const service::TrainingEventView& view, const HttpRequest& request,
                          bool with_token) {
  nlohmann::json body = {
      {"id", view.event.id},
      {"application_id", view.event.application_id},
      {"title", view.event.title},
      {"held_on", view.event.held_on},
      {"location", view.event.location},
      {"checkin_open", view.event.checkin_open},
      {"open", view.open},
      {"closed_reason", view.open ? nlohmann::json(nullptr) : nlohmann::json(view.closed_reason)},
      {"attendance", view.event.attendance},
      {"created_at", view.event.created_at}};
  if (with_token) {
    body["token"] = view.event.checkin_token;
    body["checkin_url"] = checkin_url(request, view.event.checkin_token);
  }
  return body;
}

HttpResponse event_response(int status, const domain::Result<service::TrainingEventView>& view,
                            const HttpRequest& request) {
  if (!view) return problem_response(view.problem(), request);
  return json_response(status, event_json(view.value(), request, true).dump());
}

// The check-in link as a PNG QR code: 8 pixels a module, with its quiet zone.
std::string qr_png(const std::string& text) {
  auto symbol = report::encode_qr(text);
  const int side = (symbol.width + 8) * 8;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side), &cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
  cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_NONE);
  report::draw_qr(cr.get(), symbol, 0, 0, side);
  cairo_surface_flush(surface.get());
  std::string png;
  auto append = [](void* closure, const unsigned char* data, unsigned int length) -> cairo_status_t {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  };
  cairo_surface_write_to_png_stream(surface.get(), append, &png);
  return png;
}

std::string token_param(const HttpRequest& request) {
  auto found = request.path_params.find("token");
  return found == request.path_params.end() ? "" : found->second;
}

}  // namespace

HttpResponse get_application_acceptance(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return acceptance_response(service::view_acceptance(context.database, *context.clock, request.caller, *id),
                             request);
}

HttpResponse put_application_acceptance(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  std::vector<domain::FieldError> errors;
  auto version = version_of(request);
  if (!version) errors.push_back({"version", "required", {}});
  service::AcceptanceInput input;
  const auto& json = request.json;
  if (json.is_object()) {
    if (auto found = json.find("actual_investment_fen"); found != json.end() && !found->is_null()) {
      if (found->is_number_integer()) {
        input.actual_investment_fen = found->get<long long>();
      } else {
        errors.push_back({"actual_investment_fen", "wrong_type", {{"expected", "integer"}}});
      }
    }
    if (auto found = json.find("report"); found != json.end() && !found->is_null()) {
      if (found->is_string()) {
        input.report = found->get<std::string>();
      } else {
        errors.push_back({"report", "wrong_type", {{"expected", "string"}}});
      }
    }
    if (auto found = json.find("targets"); found != json.end() && !found->is_null()) {
      if (!found->is_array()) {
        errors.push_back({"targets", "wrong_type", {{"expected", "array"}}});
      } else {
        for (std::size_t i = 0; i < found->size(); ++i) {
          const auto& item = (*found)[i];
          service::AcceptanceTargetInput target;
          if (item.is_object() && item.contains("id") && item["id"].is_number_integer())
            target.id = item["id"].get<long long>();
          if (item.is_object() && item.contains("actual") && item["actual"].is_string()) {
            target.actual = item["actual"].get<std::string>();
          } else if (item.is_object() && item.contains("actual") && !item["actual"].is_null()) {
            errors.push_back(
                {"targets[" + std::to_string(i) + "].actual", "wrong_type", {{"expected", "string"}}});
          }
          input.targets.push_back(std::move(target));
        }
      }
    }
  }
  if (!errors.empty()) return validation_response(std::move(errors), request);
  return acceptance_response(
      service::save_acceptance(context.database, *context.clock, request.caller, *id, *version, input),
      request);
}

HttpResponse post_application_acceptance_submit(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_of(request);
  if (!version) return validation_response({{"version", "required", {}}}, request);
  return acceptance_response(
      service::submit_acceptance(context.database, *context.clock, request.caller, *id, *version), request);
}

HttpResponse post_application_acceptance_conclusion(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return acceptance_response(
      service::conclude_acceptance(context.database, *context.clock, request.caller, *id,
                                   text_field(request, "conclusion"), text_field(request, "note")),
      request);
}

HttpResponse post_application_training_events(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  service::TrainingEventInput input{text_field(request, "title"), text_field(request, "held_on"),
                                    text_field(request, "location")};
  return event_response(
      201, service::add_training_event(context.database, *context.clock, request.caller, *id, input),
      request);
}

HttpResponse get_application_training_events(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto list = service::list_training_events(context.database, *context.clock, request.caller, *id);
  if (!list) return problem_response(list.problem(), request);
  nlohmann::json events = nlohmann::json::array();
  for (const auto& event : list->events) events.push_back(event_json(event, request, list->show_tokens));
  nlohmann::json body = {{"events", events}, {"training", training_json(list->summary)}};
  return json_response(200, body.dump());
}

HttpResponse put_training_event_checkin(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto open = request.json.is_object() ? request.json.find("open") : request.json.end();
  if (!request.json.is_object() || open == request.json.end() || !open->is_boolean())
    return validation_response({{"open", "required", {{"expected", "boolean"}}}}, request);
  return event_response(200,
                        service::set_training_checkin_open(context.database, *context.clock, request.caller,
                                                           *id, open->get<bool>()),
                        request);
}

HttpResponse get_training_event_checkins(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto list = service::list_event_checkins(context.database, *context.clock, request.caller, *id);
  if (!list) return problem_response(list.problem(), request);
  nlohmann::json checkins = nlohmann::json::array();
  for (const auto& checkin : list->checkins) {
    checkins.push_back({{"id", checkin.id},
                        {"name", checkin.name},
                        {"phone", checkin.phone},
                        {"employer", checkin.employer},
                        {"checked_in_at", checkin.checked_in_at}});
  }
  nlohmann::json body = {{"event", event_json(list->event, request, false)},
                         {"checkins", checkins},
                         {"phones_masked", list->phones_masked}};
  return json_response(200, body.dump());
}

HttpResponse get_training_event_qr(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto view = service::training_event_for_qr(context.database, *context.clock, request.caller, *id);
  if (!view) return problem_response(view.problem(), request);
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", "image/png");
  response.set_header("Content-Disposition",
                      "inline; filename=\"checkin-" + std::to_string(view->event.id) + ".png\"");
  response.body = qr_png(checkin_url(request, view->event.checkin_token));
  return response;
}

HttpResponse get_public_checkin(ServerContext& context, HttpRequest& request) {
  auto view = service::public_checkin_event(context.database, *context.clock, token_param(request));
  if (!view) return problem_response(view.problem(), request);
  nlohmann::json body = {
      {"title", view->event.title},
      {"held_on", view->event.held_on},
      {"location", view->event.location},
      {"enterprise_name", view->enterprise_name},
      {"open", view->open},
      {"closed_reason", view->open ? nlohmann::json(nullptr) : nlohmann::json(view->closed_reason)}};
  return json_response(200, body.dump());
}

HttpResponse post_public_checkin(ServerContext& context, HttpRequest& request) {
  service::CheckinInput input{text_field(request, "name"), text_field(request, "phone"),
                              text_field(request, "employer")};
  auto checked =
      service::check_in(context.database, *context.clock, request.caller, token_param(request), input);
  if (!checked) return problem_response(checked.problem(), request);
  nlohmann::json body = {
      {"checked_in", true}, {"name", checked->name}, {"checked_in_at", checked->checked_in_at}};
  return json_response(201, body.dump());
}

}  // namespace iifund::http
