#include "domain/application_form.hpp"

#include <fmt/format.h>

#include <set>

#include "domain/text.hpp"

namespace iifund::domain {

namespace {

using nlohmann::json;

// Reads one JSON object field by field, noting every shape error under its path instead of
// stopping at the first, so one answer lists them all.
class FormReader {
 public:
  FormReader(const json& object, std::string path, std::vector<FieldError>& errors)
      : object_(object), path_(std::move(path)), errors_(errors) {
    if (!object_.is_object() && !object_.is_null()) fail(path_, "form_type", {{"expected", "object"}});
  }

  std::string text(const char* key, std::size_t max_length = FormLimits::kShortText) {
    const json* value = find(key);
    if (value == nullptr) return {};
    if (!value->is_string()) {
      fail(at(key), "form_type", {{"expected", "string"}});
      return {};
    }
    auto text = value->get<std::string>();
    if (code_points(text) > max_length) fail(at(key), "form_too_long", {{"max", max_length}});
    return text;
  }

  bool flag(const char* key) {
    const json* value = find(key);
    if (value == nullptr) return false;
    if (!value->is_boolean()) fail(at(key), "form_type", {{"expected", "boolean"}});
    return value->is_boolean() && value->get<bool>();
  }

  std::int64_t integer(const char* key, std::int64_t max) {
    const json* value = find(key);
    if (value == nullptr) return 0;
    if (!value->is_number_integer()) {
      fail(at(key), "form_type", {{"expected", "integer"}});
      return 0;
    }
    auto number = value->get<std::int64_t>();
    if (number < 0 || number > max) fail(at(key), "form_amount_range", {{"min", 0}, {"max", max}});
    return number;
  }

  Money money(const char* key) { return Money::from_fen(integer(key, FormLimits::kMaxAmountFen)); }

  std::optional<long long> optional_id(const char* key) {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer() || value->get<long long>() <= 0) {
      fail(at(key), "form_type", {{"expected", "id"}});
      return std::nullopt;
    }
    return value->get<long long>();
  }

  // Calls read(reader) for each element of an array field.
  template <typename T, typename Read>
  std::vector<T> list(const char* key, std::size_t max_count, Read read) {
    std::vector<T> items;
    const json* value = find(key);
    if (value == nullptr) return items;
    if (!value->is_array()) {
      fail(at(key), "form_type", {{"expected", "array"}});
      return items;
    }
    if (value->size() > max_count) {
      fail(at(key), "form_too_many", {{"max", max_count}});
      return items;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
      FormReader element((*value)[i], fmt::format("{}[{}]", at(key), i), errors_);
      items.push_back(read(element));
    }
    return items;
  }

  FormReader child(const char* key) {
    const json* value = find(key);
    return FormReader(value ? *value : null_, at(key), errors_);
  }
  bool has(const char* key) const { return find(key) != nullptr; }

 private:
  const json* find(const char* key) const {
    if (!object_.is_object()) return nullptr;
    auto found = object_.find(key);
    if (found == object_.end() || found->is_null()) return nullptr;
    return &*found;
  }
  std::string at(const char* key) const { return path_ + "." + key; }
  void fail(std::string field, const char* rule, json facts) {
    errors_.push_back(FieldError{std::move(field), rule, std::move(facts)});
  }

  static inline const json null_{};
  const json& object_;
  std::string path_;
  std::vector<FieldError>& errors_;
};

InvoiceEntry read_invoice(FormReader reader) {
  InvoiceEntry invoice;
  invoice.kind = reader.text("kind") == "fully_digital" ? InvoiceKind::fully_digital : InvoiceKind::vat;
  invoice.code = reader.text("code");
  invoice.number = reader.text("number");
  invoice.date = reader.text("date");
  invoice.buyer_tax_id = reader.text("buyer_tax_id");
  invoice.amount_without_tax = reader.money("amount_without_tax_fen");
  invoice.tax = reader.money("tax_fen");
  invoice.amount_with_tax = reader.money("amount_with_tax_fen");
  return invoice;
}

InvestmentLine read_line(FormReader& reader) {
  InvestmentLine line;
  line.type = reader.text("type");
  line.description = reader.text("description", FormLimits::kLongText);
  line.supplier = reader.text("supplier");
  line.huawei_cloud = reader.flag("huawei_cloud");
  line.member_credit_code = reader.text("member_credit_code");
  line.invoice = read_invoice(reader.child("invoice"));
  return line;
}

ClusterSection read_cluster(FormReader reader) {
  ClusterSection cluster;
  cluster.cluster_id = reader.text("cluster_id");
  FormReader lead = reader.child("lead");
  cluster.lead.name = lead.text("name");
  cluster.lead.credit_code = lead.text("credit_code");
  if (auto kind = lead.text("kind"); !kind.empty()) cluster.lead.kind = kind;
  cluster.members = reader.list<ClusterMemberEntry>("members", FormLimits::kMaxRows, [](FormReader& member) {
    return ClusterMemberEntry{member.text("credit_code"), member.text("name"), member.text("county_code")};
  });
  return cluster;
}

json invoice_json(const InvoiceEntry& invoice) {
  return {{"kind", to_string(invoice.kind)},
          {"code", invoice.code},
          {"number", invoice.number},
          {"date", invoice.date},
          {"buyer_tax_id", invoice.buyer_tax_id},
          {"amount_without_tax_fen", invoice.amount_without_tax.fen()},
          {"tax_fen", invoice.tax.fen()},
          {"amount_with_tax_fen", invoice.amount_with_tax.fen()}};
}

}  // namespace

Result<ApplicationForm> parse_application_form(const nlohmann::json& form) {
  std::vector<FieldError> errors;
  FormReader reader(form, "form", errors);
  ApplicationForm parsed;
  parsed.project_name = reader.text("project_name");
  parsed.direction = reader.text("direction");
  parsed.summary = reader.text("summary", FormLimits::kLongText);
  parsed.start_date = reader.text("start_date");
  parsed.end_date = reader.text("end_date");
  FormReader contact = reader.child("contact");
  parsed.contact = ContactPerson{contact.text("name"), contact.text("phone")};
  parsed.requested = reader.money("requested_fen");
  parsed.targets = reader.list<PerformanceTarget>("targets", FormLimits::kMaxRows, [](FormReader& row) {
    return PerformanceTarget{row.text("indicator"), row.text("baseline"), row.text("target"),
                             row.text("unit")};
  });
  parsed.investment_lines = reader.list<InvestmentLine>("investment_lines", FormLimits::kMaxLines, read_line);
  if (reader.has("cluster")) parsed.cluster = read_cluster(reader.child("cluster"));
  parsed.training_events =
      reader.list<TrainingEvent>("training_events", FormLimits::kMaxRows, [](FormReader& row) {
        TrainingEvent event{row.text("date"), row.text("topic"), row.text("venue"), row.text("audience"), 0};
        event.planned_trainees = static_cast<int>(row.integer("planned_trainees", 100'000));
        return event;
      });
  parsed.declarations =
      reader.list<DeclarationEntry>("declarations", FormLimits::kMaxRows, [](FormReader& row) {
        return DeclarationEntry{row.text("id"), row.flag("declared"), row.optional_id("evidence_upload_id")};
      });
  if (!errors.empty()) {
    Problem problem = make_problem("form_invalid", 422);
    problem.fields = std::move(errors);
    return problem;
  }
  return parsed;
}

nlohmann::json to_json(const ApplicationForm& form) {
  json targets = json::array();
  for (const auto& t : form.targets) {
    targets.push_back(
        {{"indicator", t.indicator}, {"baseline", t.baseline}, {"target", t.target}, {"unit", t.unit}});
  }
  json lines = json::array();
  for (const auto& line : form.investment_lines) {
    lines.push_back({{"type", line.type},
                     {"description", line.description},
                     {"supplier", line.supplier},
                     {"huawei_cloud", line.huawei_cloud},
                     {"member_credit_code", line.member_credit_code},
                     {"invoice", invoice_json(line.invoice)}});
  }
  json events = json::array();
  for (const auto& e : form.training_events) {
    events.push_back({{"date", e.date},
                      {"topic", e.topic},
                      {"venue", e.venue},
                      {"audience", e.audience},
                      {"planned_trainees", e.planned_trainees}});
  }
  json declarations = json::array();
  for (const auto& d : form.declarations) {
    declarations.push_back(
        {{"id", d.id},
         {"declared", d.declared},
         {"evidence_upload_id", d.evidence_upload_id ? json(*d.evidence_upload_id) : json()}});
  }
  json cluster;
  if (form.cluster) {
    json members = json::array();
    for (const auto& m : form.cluster->members) {
      members.push_back({{"credit_code", m.credit_code}, {"name", m.name}, {"county_code", m.county_code}});
    }
    const auto& lead = form.cluster->lead;
    cluster = {{"cluster_id", form.cluster->cluster_id},
               {"lead", {{"name", lead.name}, {"credit_code", lead.credit_code}, {"kind", lead.kind}}},
               {"members", members}};
  }
  return {{"project_name", form.project_name},
          {"direction", form.direction},
          {"summary", form.summary},
          {"start_date", form.start_date},
          {"end_date", form.end_date},
          {"contact", {{"name", form.contact.name}, {"phone", form.contact.phone}}},
          {"requested_fen", form.requested.fen()},
          {"targets", targets},
          {"investment_lines", lines},
          {"cluster", cluster},
          {"training_events", events},
          {"declarations", declarations}};
}

Invoice to_invoice(const InvestmentLine& line) {
  const auto& entry = line.invoice;
  return Invoice{entry.kind,
                 entry.code,
                 entry.number,
                 entry.buyer_tax_id,
                 entry.amount_without_tax,
                 entry.tax,
                 entry.amount_with_tax,
                 line.type};
}

std::vector<std::string> listed_invoice_keys(const ApplicationForm& form) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const auto& line : form.investment_lines) {
    if (line.invoice.number.empty()) continue;
    auto key = invoice_key(to_invoice(line));
    if (seen.insert(key).second) keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace iifund::domain
