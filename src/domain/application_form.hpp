#pragma once
// 申报表: the form an enterprise fills in, one JSON document per application. Reading it checks
// only its shape (types, lengths, counts), so a half-typed draft always saves; what is missing or
// wrong for submission is listed by application_checks.hpp, and nothing here decides money.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/invoice.hpp"
#include "domain/money.hpp"
#include "domain/result.hpp"

namespace iifund::domain {

struct PerformanceTarget {  // 绩效目标
  std::string indicator;
  std::string baseline;
  std::string target;
  std::string unit;
};

struct InvoiceEntry {
  InvoiceKind kind = InvoiceKind::vat;
  std::string code;
  std::string number;
  std::string date;  // YYYY-MM-DD
  std::string buyer_tax_id;
  Money amount_without_tax;
  Money tax;
  Money amount_with_tax;
};

struct InvestmentLine {
  std::string type;  // an id of the policy's investment types
  std::string description;
  std::string supplier;
  bool huawei_cloud = false;
  std::string member_credit_code;  // 产业集群试点: the member whose spend it is
  InvoiceEntry invoice;
};

struct ClusterLead {
  std::string name;
  std::string credit_code;
  std::string kind = "enterprise";  // enterprise | association
};

struct ClusterMemberEntry {
  std::string credit_code;
  std::string name;
  std::string county_code;
};

struct ClusterSection {
  std::string cluster_id;
  ClusterLead lead;
  std::vector<ClusterMemberEntry> members;
};

struct TrainingEvent {  // 培训场次
  std::string date;
  std::string topic;
  std::string venue;
  std::string audience;
  int planned_trainees = 0;
};

struct DeclarationEntry {
  std::string id;
  bool declared = false;
  std::optional<long long> evidence_upload_id;
};

struct ContactPerson {
  std::string name;
  std::string phone;
};

struct ApplicationForm {
  std::string project_name;
  std::string direction;
  std::string summary;
  std::string start_date;
  std::string end_date;
  ContactPerson contact;
  Money requested;
  std::vector<PerformanceTarget> targets;
  std::vector<InvestmentLine> investment_lines;
  std::optional<ClusterSection> cluster;
  std::vector<TrainingEvent> training_events;
  std::vector<DeclarationEntry> declarations;
};

// Hard limits of a saved draft; beyond them the save is refused, not merely flagged.
struct FormLimits {
  static constexpr std::size_t kShortText = 200;  // names, suppliers, venues (code points)
  static constexpr std::size_t kLongText = 5000;  // the project summary
  static constexpr std::size_t kMaxLines = 500;
  static constexpr std::size_t kMaxRows = 200;                      // targets, events, members, declarations
  static constexpr std::int64_t kMaxAmountFen = 1'000'000'000'000;  // 100亿元
};

// Refusal: 422 form_invalid with one field per shape error (field paths like
// "form.investment_lines[2].invoice.amount_with_tax_fen", rules form_type, form_too_long,
// form_too_many, form_amount_range).
Result<ApplicationForm> parse_application_form(const nlohmann::json& form);
nlohmann::json to_json(const ApplicationForm& form);

// The invoice as the invoice rules see it.
Invoice to_invoice(const InvestmentLine& line);
// Every invoice key the form lists, in order, each once.
std::vector<std::string> listed_invoice_keys(const ApplicationForm& form);

}  // namespace iifund::domain
