// 下达与拨付: the bureau's approval of the list, the funded list with its totals, and the payments
// recorded against each approved amount.
#include "http/amount_fields.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "service/funding.hpp"

namespace iifund::http {

namespace {

using nlohmann::json;

json optional_fen(const std::optional<long long>& fen) { return fen ? json(*fen) : json(nullptr); }

HttpResponse payments_response(int status, const domain::Result<service::Payments>& payments,
                               const HttpRequest& request) {
  if (!payments) return problem_response(payments.problem(), request);
  json list = json::array();
  for (const auto& payment : payments->payments) {
    list.push_back({{"id", payment.id},
                    {"amount_fen", payment.amount_fen},
                    {"paid_on", payment.paid_on},
                    {"voucher", payment.voucher},
                    {"note", payment.note},
                    {"recorded_at", payment.recorded_at}});
  }
  const auto& approved = payments->approved_fen;
  return json_response(
      status, json{{"application_id", payments->application_id},
                   {"approved_fen", optional_fen(approved)},
                   {"disbursed_fen", payments->disbursed_fen},
                   {"remaining_fen", approved ? json(*approved - payments->disbursed_fen) : json(nullptr)},
                   {"payments", list}}
                  .dump());
}

}  // namespace

HttpResponse post_batch_approval(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto approval = service::approve_batch(context.database, *context.clock, request.caller, *id);
  if (!approval) return problem_response(approval.problem(), request);
  return json_response(200, json{{"batch_id", approval->batch_id},
                                 {"approved", approval->approved},
                                 {"approved_fen", approval->approved_fen},
                                 {"approved_at", approval->approved_at}}
                                .dump());
}

HttpResponse get_batch_funded(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto list = service::funded_list(context.database, request.caller, *id);
  if (!list) return problem_response(list.problem(), request);
  json projects = json::array();
  for (const auto& project : list->projects) {
    projects.push_back({{"application_id", project.application_id},
                        {"number", project.number},
                        {"enterprise_name", project.enterprise_name},
                        {"project_name", project.project_name},
                        {"category", project.category},
                        {"county_code", project.county_code},
                        {"state", project.state},
                        {"rank", project.rank},
                        {"score", project.score},
                        {"selected_fen", project.selected_fen},
                        {"approved_fen", optional_fen(project.approved_fen)},
                        {"disbursed_fen", project.disbursed_fen}});
  }
  return json_response(200, json{{"projects", projects},
                                 {"totals",
                                  {{"selected_fen", list->selected_fen},
                                   {"approved_fen", list->approved_fen},
                                   {"disbursed_fen", list->disbursed_fen}}}}
                                .dump());
}

HttpResponse post_application_disbursements(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  service::PaymentInput payment{integer_field(request.json, "amount_fen"), text_field(request, "paid_on"),
                                text_field(request, "voucher"), text_field(request, "note")};
  return payments_response(
      201, service::record_disbursement(context.database, *context.clock, request.caller, *id, payment),
      request);
}

HttpResponse get_application_disbursements(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return payments_response(200, service::application_payments(context.database, request.caller, *id),
                           request);
}

}  // namespace iifund::http
