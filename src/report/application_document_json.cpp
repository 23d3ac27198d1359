#include "report/application_document_json.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "report/json_field_reader.hpp"

namespace iifund::report {

namespace {

using R = JsonFieldReader;

void read_enterprise(R& r, EnterpriseSection& e) {
  e.name = r.text("name", true);
  e.credit_code = r.text("credit_code", true);
  e.county_name = r.text("county_name");
  e.address = r.text("address");
  e.contact_name = r.text("contact_name");
  e.contact_phone = r.text("contact_phone");
  e.size_class = r.text("size_class");
}

void read_project(R& r, ProjectSection& p) {
  p.name = r.text("name", true);
  p.summary = r.text("summary");
  p.start_date = r.text("start_date");
  p.end_date = r.text("end_date");
}

void read_cluster(R& r, ClusterSection& c) {
  c.cluster_name = r.text("cluster_name", true);
  c.lead_name = r.text("lead_name", true);
  c.lead_credit_code = r.text("lead_credit_code", true);
  r.each("members", [&](R& m) {
    c.members.push_back({m.text("name", true), m.text("credit_code", true), m.text("county_name"),
                         m.fen("eligible_investment_fen"), m.fen("amount_fen")});
  });
}

void read_training(R& r, TrainingSection& t) {
  r.each("events", [&](R& e) {
    t.events.push_back({e.text("date"), e.text("topic", true), e.text("venue"), e.text("audience"),
                        e.count("planned_trainees")});
  });
  t.min_events = r.count("min_events");
  t.min_trainees = r.count("min_trainees");
}

InvestmentLineRow read_line(R& r) {
  InvestmentLineRow line;
  line.type_name = r.text("type_name", true);
  line.description = r.text("description");
  line.supplier = r.text("supplier");
  line.huawei_cloud = r.flag("huawei_cloud");
  line.invoice_kind = r.text("invoice_kind");
  line.invoice_code = r.text("invoice_code");
  line.invoice_number = r.text("invoice_number");
  line.invoice_date = r.text("invoice_date");
  line.amount_without_tax_fen = r.fen("amount_without_tax_fen");
  line.tax_fen = r.fen("tax_fen");
  line.amount_with_tax_fen = r.fen("amount_with_tax_fen");
  line.counted = r.has("counted") ? r.flag("counted") : true;
  line.exclusion_reason = r.text("exclusion_reason");
  return line;
}

void read_money(R& r, ApplicationDocument& d) {
  r.each("investment_lines", [&](R& line) { d.investment_lines.push_back(read_line(line)); });
  r.object("investment_totals", [&](R& t) {
    d.investment_totals = {t.fen("amount_without_tax_fen"), t.fen("tax_fen"), t.fen("amount_with_tax_fen")};
  });
  r.object(
      "subsidy",
      [&](R& s) {
        d.subsidy = {s.fen("eligible_investment_fen"), s.fen("requested_fen"), s.fen("max_subsidy_fen"),
                     s.text("explanation")};
      },
      true);
}

void read_lists(R& r, ApplicationDocument& d) {
  r.each("targets", [&](R& t) {
    d.targets.push_back({t.text("indicator", true), t.text("baseline"), t.text("target"), t.text("unit")});
  });
  r.each("declarations", [&](R& x) {
    d.declarations.push_back({x.text("text", true), x.flag("declared"), x.text("evidence_file_name")});
  });
  r.each("materials", [&](R& m) {
    MaterialRow row{m.text("name", true), {}};
    m.each("files", [&](R& f) { row.files.push_back({f.text("file_name", true), f.fen("size_bytes")}); });
    d.materials.push_back(std::move(row));
  });
}

Language read_language(R& r) {
  const std::string language = r.text("language");
  if (language.empty() || language == "zh") return Language::zh;
  if (language == "en") return Language::en;
  r.fail("language", "one_of", "must be \"zh\" or \"en\"");
}

ApplicationDocument read_document(R& r) {
  ApplicationDocument d;
  d.language = read_language(r);
  d.batch_name = r.text("batch_name", true);
  d.application_number = r.text("application_number", true);
  d.category_number = r.count("category_number");
  d.category_name = r.text("category_name", true);
  d.direction_name = r.text("direction_name");
  d.state_name = r.text("state_name");
  d.finalized = r.flag("finalized");
  d.finalized_hash = r.text("finalized_hash");
  d.generated_at = r.text("generated_at");
  r.object(
      "enterprise", [&](R& e) { read_enterprise(e, d.enterprise); }, true);
  r.object(
      "project", [&](R& p) { read_project(p, d.project); }, true);
  d.has_cluster = r.has("cluster");
  r.object("cluster", [&](R& c) { read_cluster(c, d.cluster); });
  d.has_training = r.has("training");
  r.object("training", [&](R& t) { read_training(t, d.training); });
  read_money(r, d);
  read_lists(r, d);
  r.finish();
  return d;
}

}  // namespace

domain::Result<ApplicationDocument> application_document_from_json(const nlohmann::json& json) {
  try {
    R reader(json, "");
    return read_document(reader);
  } catch (const JsonFieldError& error) {
    domain::Problem problem =
        domain::make_problem("document_field_invalid", 422, {{"field", error.field}, {"rule", error.rule}});
    problem.fields.push_back({error.field, error.rule, {}});
    problem.detail = fmt::format("{}: {} ({})", error.field, error.message, error.rule);
    return problem;
  }
}

domain::Result<ApplicationDocument> read_application_document_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    auto problem = domain::make_problem("document_unreadable", 422, {{"path", path}});
    problem.detail = "cannot read the file";
    return problem;
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return application_document_from_json(nlohmann::json::parse(text.str()));
  } catch (const nlohmann::json::parse_error& error) {
    auto problem = domain::make_problem("document_json_syntax", 422, {{"path", path}});
    problem.detail = error.what();
    return problem;
  }
}

std::string describe_document_problem(const domain::Problem& problem) {
  return problem.detail.empty() ? problem.code : problem.detail;
}

}  // namespace iifund::report
