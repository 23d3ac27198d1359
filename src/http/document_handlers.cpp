// 申报书: the application document as a PDF, laid out by report/ from the same view (form,
// computed numbers, problems, files) the screen shows, in the reader's language.
#include <fmt/format.h>

#include <map>

#include "domain/enterprise_profile.hpp"
#include "domain/time.hpp"
#include "http/document_rendering.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "report/application_document.hpp"
#include "service/applications.hpp"
#include "service/authorization.hpp"
#include "service/enterprise_facts.hpp"

namespace iifund::http {

namespace {

using Words = std::pair<const char*, const char*>;  // zh, en

const std::map<std::string, Words, std::less<>> kStateNames = {
    {"draft", {"草稿", "Draft"}},
    {"submitted", {"已提交", "Submitted"}},
    {"returned", {"已退回修改", "Returned for revision"}},
    {"county_declined", {"区县不予推荐", "Declined by the county"}},
    {"county_recommended", {"区县已推荐", "Recommended by the county"}},
    {"supplement_requested", {"待补正", "Supplement requested"}},
    {"formal_check_failed", {"形式审查不通过", "Formal check failed"}},
    {"formal_check_passed", {"形式审查通过", "Formal check passed"}},
    {"under_review", {"专家评审中", "Under review"}},
    {"reviewed", {"评审完成", "Reviewed"}},
    {"in_library", {"已入库", "In the project library"}},
    {"not_selected", {"未入选", "Not selected"}},
    {"selected", {"拟支持", "Selected"}},
    {"publicized", {"公示中", "Under publicity"}},
    {"objection_upheld", {"异议成立", "Objection upheld"}},
    {"approved", {"已下达", "Approved"}},
    {"withdrawn", {"已撤回", "Withdrawn"}},
};

const std::map<std::string, Words, std::less<>> kExclusionReasons = {
    {"type_not_eligible", {"投入类型不计入本类别", "type not eligible in this category"}},
    {"counted_twice", {"发票重复", "invoice listed twice"}},
    {"invoice_invalid", {"发票信息有误", "invoice details wrong"}},
    {"member_unknown", {"非集群成员", "not a cluster member"}},
};

struct Localizer {
  bool zh;
  std::string pick(const domain::LocalizedName& name) const { return zh ? name.zh : name.en; }
  std::string pick(const Words& words) const { return zh ? words.first : words.second; }
  template <typename Map>
  std::string lookup(const Map& map, const std::string& key) const {
    auto found = map.find(key);
    return found == map.end() ? key : pick(found->second);
  }
};

std::string named(const std::vector<domain::NamedItem>& items, const std::string& id,
                  const Localizer& words) {
  for (const auto& item : items) {
    if (item.id == id) return words.pick(item.name);
  }
  return id;
}

std::string county_name(const domain::Policy& policy, const std::string& code, const Localizer& words) {
  const auto* county = policy.find_county(code);
  return county ? words.pick(county->name) : code;
}

// A declaration's evidence: the file the form names, else one uploaded as that declaration's material.
std::string evidence_of(const service::ApplicationView& view, const domain::DeclarationEntry& entry) {
  for (const auto& upload : view.uploads) {
    if (entry.evidence_upload_id && upload.id == *entry.evidence_upload_id) return upload.file_name;
  }
  for (const auto& upload : view.uploads) {
    if (upload.material_id == "declaration:" + entry.id) return upload.file_name;
  }
  return "";
}

void add_lines(const service::ApplicationView& view, const Localizer& words,
               report::ApplicationDocument& doc) {
  const auto& policy = *view.batch.policy;
  for (std::size_t i = 0; i < view.form.investment_lines.size(); ++i) {
    const auto& line = view.form.investment_lines[i];
    report::InvestmentLineRow row;
    row.type_name = named(policy.investment_types, line.type, words);
    row.description = line.description;
    row.supplier = line.supplier;
    row.huawei_cloud = line.huawei_cloud;
    row.invoice_kind = line.invoice.kind == domain::InvoiceKind::vat
                           ? words.pick(Words{"增值税发票", "VAT invoice"})
                           : words.pick(Words{"数电票", "E-invoice"});
    row.invoice_code = line.invoice.code;
    row.invoice_number = line.invoice.number;
    row.invoice_date = line.invoice.date;
    row.amount_without_tax_fen = line.invoice.amount_without_tax.fen();
    row.tax_fen = line.invoice.tax.fen();
    row.amount_with_tax_fen = line.invoice.amount_with_tax.fen();
    for (const auto& excluded : view.computation.excluded) {
      if (excluded.line != i) continue;
      row.counted = false;
      row.exclusion_reason = words.lookup(kExclusionReasons, excluded.reason);
    }
    doc.investment_totals.amount_without_tax_fen += row.amount_without_tax_fen;
    doc.investment_totals.tax_fen += row.tax_fen;
    doc.investment_totals.amount_with_tax_fen += row.amount_with_tax_fen;
    doc.investment_lines.push_back(std::move(row));
  }
}

void add_category_parts(const service::ApplicationView& view, const Localizer& words,
                        report::ApplicationDocument& doc) {
  const auto& policy = *view.batch.policy;
  for (const auto& t : view.form.targets) doc.targets.push_back({t.indicator, t.baseline, t.target, t.unit});
  if (view.form.cluster && view.category->kind == domain::CategoryKind::cluster) {
    const auto& cluster = *view.form.cluster;
    doc.has_cluster = true;
    const auto* industry = policy.find_cluster(cluster.cluster_id);
    doc.cluster.cluster_name = industry ? words.pick(industry->name) : cluster.cluster_id;
    doc.cluster.lead_name = cluster.lead.name;
    doc.cluster.lead_credit_code = cluster.lead.credit_code;
    for (std::size_t i = 0; i < cluster.members.size(); ++i) {
      const auto& member = cluster.members[i];
      report::ClusterMemberRow row{member.name, member.credit_code,
                                   county_name(policy, member.county_code, words), 0, 0};
      if (i < view.computation.members.size()) {
        row.eligible_investment_fen = view.computation.members[i].subsidy.eligible_investment.fen();
        row.amount_fen = view.computation.members[i].amount.fen();
      }
      doc.cluster.members.push_back(std::move(row));
    }
  }
  if (view.category->training) {
    doc.has_training = true;
    doc.training.min_events = view.category->training->events;
    doc.training.min_trainees = view.category->training->trainees;
    for (const auto& e : view.form.training_events) {
      doc.training.events.push_back({e.date, e.topic, e.venue, e.audience, e.planned_trainees});
    }
  }
}

void add_declarations_and_materials(const service::ApplicationView& view, const Localizer& words,
                                    report::ApplicationDocument& doc) {
  for (const auto& declaration : view.batch.policy->declarations) {
    report::DeclarationRow row{words.pick(declaration.name), false, ""};
    for (const auto& entry : view.form.declarations) {
      if (entry.id != declaration.id) continue;
      row.declared = entry.declared;
      row.evidence_file_name = evidence_of(view, entry);
    }
    doc.declarations.push_back(std::move(row));
  }
  for (const auto& material : view.category->materials) {
    report::MaterialRow row{words.pick(material.name), {}};
    for (const auto& upload : view.uploads) {
      if (upload.material_id == material.id) row.files.push_back({upload.file_name, upload.size_bytes});
    }
    doc.materials.push_back(std::move(row));
  }
}

report::ApplicationDocument document_of(const service::ApplicationView& view, const service::Caller& caller,
                                        const domain::Instant now, bool zh) {
  const Localizer words{zh};
  report::ApplicationDocument doc;
  doc.language = zh ? report::Language::zh : report::Language::en;
  doc.batch_name = zh ? view.batch.batch.name_zh : view.batch.batch.name_en;
  doc.application_number = view.record.number;
  doc.category_number = view.record.category;
  doc.category_name = words.pick(view.category->name);
  doc.direction_name =
      view.form.direction.empty() ? "" : named(view.category->directions, view.form.direction, words);
  doc.state_name = words.lookup(kStateNames, view.record.state);
  doc.finalized = view.record.finalized_hash.has_value();
  doc.finalized_hash = view.record.finalized_hash.value_or("");
  doc.generated_at = domain::format_beijing(now).substr(0, 16);
  doc.generated_at[10] = ' ';
  const auto& enterprise = view.enterprise;
  const bool full_phone = service::may_see_contact_phone(caller, enterprise);
  const auto stored_profile = nlohmann::json::parse(enterprise.profile_json, nullptr, false);
  const auto is_sme = service::applicant_facts(enterprise, *view.batch.policy).is_sme;
  doc.enterprise = {
      enterprise.name,
      enterprise.credit_code,
      county_name(*view.batch.policy, enterprise.county_code, words),
      stored_profile.is_discarded() ? "" : domain::profile_from_json(stored_profile).profile.address,
      view.form.contact.name,
      full_phone ? view.form.contact.phone : service::mask_phone(view.form.contact.phone),
      !is_sme ? ""
              : (*is_sme ? words.pick(Words{"中小企业", "SME"}) : words.pick(Words{"大型企业", "Large"}))};
  doc.project = {view.form.project_name, view.form.summary, view.form.start_date, view.form.end_date};
  add_category_parts(view, words, doc);
  add_lines(view, words, doc);
  doc.subsidy = {view.computation.eligible_investment.fen(), view.computation.requested.fen(),
                 view.computation.maximum.fen(),
                 zh ? domain::explain_computation(view.computation).zh
                    : domain::explain_computation(view.computation).en};
  add_declarations_and_materials(view, words, doc);
  return doc;
}

}  // namespace

std::string application_document_pdf(const service::ApplicationView& view, const service::Caller& caller,
                                     domain::Instant now, bool zh) {
  return report::render_application_pdf(document_of(view, caller, now, zh));
}

HttpResponse get_application_document(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto view = service::view_application(context.database, *context.clock, request.caller, *id);
  if (!view) return problem_response(view.problem(), request);
  const bool zh = request.language == Language::zh_cn;
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", "application/pdf");
  response.set_header("Content-Disposition",
                      fmt::format("attachment; filename=\"{}.pdf\"", view->record.number));
  response.body =
      report::render_application_pdf(document_of(view.value(), request.caller, context.clock->now(), zh));
  return response;
}

}  // namespace iifund::http
