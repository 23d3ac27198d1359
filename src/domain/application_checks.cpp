// check_application_form (declared in application_assessment.hpp): every reason a form is not yet
// ready to be finalized, each under the path of the field to fix.
#include <fmt/format.h>

#include <chrono>
#include <set>

#include "domain/application_assessment.hpp"
#include "domain/credit_code.hpp"
#include "domain/enterprise_profile.hpp"

namespace iifund::domain {

namespace {

class FormChecks {
 public:
  explicit FormChecks(std::vector<FieldError>& errors) : errors_(errors) {}

  void fail(std::string field, std::string rule, nlohmann::json facts = nlohmann::json::object()) {
    errors_.push_back(FieldError{std::move(field), std::move(rule), std::move(facts)});
  }
  bool required(const std::string& field, const std::string& value) {
    if (value.find_first_not_of(" \t\r\n") != std::string::npos) return true;
    fail(field, "required");
    return false;
  }
  // YYYY-MM-DD and a real calendar day.
  bool date(const std::string& field, const std::string& value) {
    if (!required(field, value)) return false;
    unsigned y = 0, m = 0, d = 0;
    char tail = 0;
    if (value.size() == 10 && std::sscanf(value.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 &&
        std::chrono::year_month_day(std::chrono::year(static_cast<int>(y)), std::chrono::month(m),
                                    std::chrono::day(d))
            .ok()) {
      return true;
    }
    fail(field, "date_syntax", {{"found", value}});
    return false;
  }
  void phone(const std::string& field, const std::string& value) {
    if (required(field, value) && !is_mainland_phone(value)) fail(field, "phone_syntax");
  }
  bool credit_code(const std::string& field, const std::string& value) {
    if (!required(field, value)) return false;
    auto parsed = parse_credit_code(value);
    if (parsed) return true;
    fail(field, "credit_code_invalid", {{"why", parsed.problem().code}});
    return false;
  }

 private:
  std::vector<FieldError>& errors_;
};

void check_basics(const CategoryPolicy& category, const ApplicationForm& form, FormChecks& checks) {
  checks.required("form.project_name", form.project_name);
  if (!category.directions.empty() && checks.required("form.direction", form.direction)) {
    bool known = false;
    for (const auto& direction : category.directions) known = known || direction.id == form.direction;
    if (!known) checks.fail("form.direction", "direction_unknown", {{"found", form.direction}});
  }
  checks.required("form.summary", form.summary);
  const bool start_ok = checks.date("form.start_date", form.start_date);
  const bool end_ok = checks.date("form.end_date", form.end_date);
  if (start_ok && end_ok && form.end_date < form.start_date) checks.fail("form.end_date", "date_order");
  checks.required("form.contact.name", form.contact.name);
  checks.phone("form.contact.phone", form.contact.phone);
}

void check_requested(const ApplicationForm& form, const ApplicationComputation& computation,
                     FormChecks& checks) {
  if (form.requested.fen() <= 0) {
    checks.fail("form.requested_fen", "required");
  } else if (form.requested > computation.maximum) {
    checks.fail("form.requested_fen", "requested_above_maximum",
                {{"max_fen", computation.maximum.fen()}, {"max_yuan", format_yuan(computation.maximum)}});
  }
}

void check_targets(const CategoryPolicy& category, const ApplicationForm& form, FormChecks& checks) {
  if (category.number == 1 && form.targets.empty()) checks.fail("form.targets", "targets_required");
  for (std::size_t i = 0; i < form.targets.size(); ++i) {
    const auto& target = form.targets[i];
    const std::string at = fmt::format("form.targets[{}]", i);
    checks.required(at + ".indicator", target.indicator);
    checks.required(at + ".baseline", target.baseline);
    checks.required(at + ".target", target.target);
    checks.required(at + ".unit", target.unit);
  }
}

void check_invoice(const std::string& at, const InvestmentLine& line, const std::string& buyer,
                   FormChecks& checks) {
  checks.date(at + ".invoice.date", line.invoice.date);
  auto valid = validate_invoice(to_invoice(line), buyer);
  if (valid) return;
  for (const auto& error : valid.problem().fields) {
    std::string path = at + ".invoice.";
    path += error.field == "amount_with_tax" ? "amount_with_tax_fen" : error.field;
    checks.fail(path, error.rule, error.facts);
  }
}

void check_lines(const Policy& policy, const CategoryPolicy& category, const ApplicationForm& form,
                 const ApplicantFacts& applicant, FormChecks& checks) {
  if (form.investment_lines.empty()) checks.fail("form.investment_lines", "lines_required");
  std::set<std::string> members;
  if (form.cluster) {
    for (const auto& member : form.cluster->members) members.insert(member.credit_code);
  }
  std::set<std::string> keys;
  for (std::size_t i = 0; i < form.investment_lines.size(); ++i) {
    const auto& line = form.investment_lines[i];
    const std::string at = fmt::format("form.investment_lines[{}]", i);
    bool known_type = false;
    for (const auto& type : policy.investment_types) known_type = known_type || type.id == line.type;
    if (!checks.required(at + ".type", line.type)) {
    } else if (!known_type) {
      checks.fail(at + ".type", "investment_type_unknown", {{"found", line.type}});
    } else if (!category.counts_investment_type(line.type)) {
      checks.fail(at + ".type", "investment_type_not_eligible", {{"found", line.type}});
    }
    checks.required(at + ".description", line.description);
    checks.required(at + ".supplier", line.supplier);
    std::string buyer = applicant.credit_code;
    if (category.kind == CategoryKind::cluster) {
      buyer = line.member_credit_code;
      if (checks.required(at + ".member_credit_code", line.member_credit_code) && members.count(buyer) == 0) {
        checks.fail(at + ".member_credit_code", "member_unknown");
      }
    }
    check_invoice(at, line, buyer, checks);
    if (!line.invoice.number.empty() && !keys.insert(invoice_key(to_invoice(line))).second) {
      checks.fail(at + ".invoice.number", "invoice_listed_twice");
    }
  }
}

void check_cluster(const Policy& policy, const ApplicationForm& form, FormChecks& checks) {
  if (!form.cluster) {
    checks.fail("form.cluster", "required");
    return;
  }
  const auto& cluster = *form.cluster;
  if (checks.required("form.cluster.cluster_id", cluster.cluster_id) &&
      !policy.find_cluster(cluster.cluster_id)) {
    checks.fail("form.cluster.cluster_id", "cluster_unknown", {{"found", cluster.cluster_id}});
  }
  checks.required("form.cluster.lead.name", cluster.lead.name);
  checks.credit_code("form.cluster.lead.credit_code", cluster.lead.credit_code);
  if (cluster.members.size() < 2) checks.fail("form.cluster.members", "members_too_few", {{"min", 2}});
  std::set<std::string> seen;
  for (std::size_t i = 0; i < cluster.members.size(); ++i) {
    const auto& member = cluster.members[i];
    const std::string at = fmt::format("form.cluster.members[{}]", i);
    if (checks.credit_code(at + ".credit_code", member.credit_code) &&
        !seen.insert(member.credit_code).second) {
      checks.fail(at + ".credit_code", "member_listed_twice");
    }
    checks.required(at + ".name", member.name);
    if (checks.required(at + ".county_code", member.county_code) && !policy.find_county(member.county_code)) {
      checks.fail(at + ".county_code", "county_unknown", {{"found", member.county_code}});
    }
  }
}

void check_training(const CategoryPolicy& category, const ApplicationForm& form,
                    const ApplicationComputation& computation, FormChecks& checks) {
  if (form.training_events.empty()) checks.fail("form.training_events", "events_required");
  for (std::size_t i = 0; i < form.training_events.size(); ++i) {
    const auto& event = form.training_events[i];
    const std::string at = fmt::format("form.training_events[{}]", i);
    checks.date(at + ".date", event.date);
    checks.required(at + ".topic", event.topic);
    checks.required(at + ".venue", event.venue);
    checks.required(at + ".audience", event.audience);
    if (event.planned_trainees <= 0) checks.fail(at + ".planned_trainees", "required");
  }
  if (!category.training || !computation.training) return;
  if (computation.training->events < category.training->events) {
    checks.fail("form.training_events", "training_events_below_minimum",
                {{"events", computation.training->events}, {"min", category.training->events}});
  }
  if (computation.training->trainees < category.training->trainees) {
    checks.fail("form.training_events", "trainees_below_minimum",
                {{"trainees", computation.training->trainees}, {"min", category.training->trainees}});
  }
}

void check_declarations(const Policy& policy, const ApplicationForm& form, FormChecks& checks) {
  for (const auto& declaration : policy.declarations) {
    bool declared = false;
    for (const auto& entry : form.declarations)
      declared = declared || (entry.id == declaration.id && entry.declared);
    if (!declared)
      checks.fail("form.declarations." + declaration.id, "declaration_required", {{"id", declaration.id}});
  }
  for (std::size_t i = 0; i < form.declarations.size(); ++i) {
    bool known = false;
    for (const auto& declaration : policy.declarations)
      known = known || declaration.id == form.declarations[i].id;
    if (!known) checks.fail(fmt::format("form.declarations[{}].id", i), "declaration_unknown");
  }
}

}  // namespace

std::vector<FieldError> check_application_form(const Policy& policy, const CategoryPolicy& category,
                                               const ApplicationForm& form, const ApplicantFacts& applicant,
                                               const ApplicationComputation& computation) {
  std::vector<FieldError> errors;
  FormChecks checks(errors);
  check_basics(category, form, checks);
  check_targets(category, form, checks);
  if (category.kind == CategoryKind::cluster) check_cluster(policy, form, checks);
  if (category.kind == CategoryKind::training) check_training(category, form, computation, checks);
  check_lines(policy, category, form, applicant, checks);
  if (category.requires_sme && applicant.is_sme == false) checks.fail("enterprise.size", "not_sme");
  check_requested(form, computation, checks);
  check_declarations(policy, form, checks);
  return errors;
}

}  // namespace iifund::domain
