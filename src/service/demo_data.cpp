#include "service/demo_data.hpp"

#include <fmt/format.h>

#include <iterator>
#include <nlohmann/json.hpp>
#include <span>

#include "domain/application_form.hpp"
#include "domain/credit_code.hpp"
#include "domain/enterprise_profile.hpp"
#include "domain/expert_csv.hpp"
#include "service/application_view.hpp"
#include "service/applications.hpp"
#include "service/batch_policies.hpp"
#include "service/enterprise_facts.hpp"
#include "store/application_store.hpp"
#include "store/enterprise_store.hpp"
#include "store/expert_store.hpp"
#include "store/timestamps.hpp"
#include "store/user_store.hpp"

namespace iifund::service {

namespace {

using nlohmann::json;

// A valid credit code: `prefix` (91 enterprise, 12 public institution) + division + organization
// stem, with the domain's own check characters.
std::string demo_code(const std::string& prefix, const std::string& division, const std::string& stem) {
  std::string code = prefix + division + stem;
  code += *domain::org_code_check_character(stem);
  code += *domain::credit_code_check_character(code);
  return code;
}

struct DemoApplicant {
  const char* name;
  const char* county;
  const char* stem;
  const char* industry;
};

// The applicant enterprises, one per county but 江海区 twice over (two applications).
const DemoApplicant kApplicants[] = {
    {"【演示】江门蓬江智造科技有限公司", "440703", "MA4WDA01", "C34 通用设备制造业"},
    {"【演示】江门江海电子有限公司", "440704", "MA4WDA02", "C39 计算机、通信和其他电子设备制造业"},
    {"【演示】江门新会五金制品有限公司", "440705", "MA4WDA03", "C33 金属制品业"},
    {"【演示】台山摩托车配件有限公司", "440781", "MA4WDA04", "C37 铁路、船舶、航空航天和其他运输设备制造业"},
    {"【演示】开平水暖卫浴有限公司", "440783", "MA4WDA05", "C33 金属制品业"},
    {"【演示】鹤山数字人才培训中心有限公司", "440784", "MA4WDA06", "P83 教育"},
    {"【演示】恩平电声科技有限公司", "440785", "MA4WDA07", "C39 计算机、通信和其他电子设备制造业"},
};

struct DemoApplication {
  int applicant;
  int category;
  const char* direction;  // or the cluster id for category 3
  const char* project;
};

const DemoApplication kApplications[] = {
    {0, 1, "enterprise_application", "【演示】智能工厂设备联网与数据贯通项目"},
    {1, 1, "industry_platform", "【演示】电子信息行业工业互联网平台"},
    {1, 2, "production_control", "【演示】生产管控系统上云"},
    {2, 2, "rd_design", "【演示】五金产品协同研发设计上云"},
    {3, 2, "operations_management", "【演示】摩配企业经营管理系统上云"},
    {4, 3, "jm_hardware_stainless", "【演示】五金水暖产业集群数字化转型试点"},
    {5, 4, "", "【演示】工业互联网应用人才培训项目"},
    {6, 1, "enterprise_application", "【演示】电声产品数字化车间"},
};

// A member of the cluster application that is not itself a registered applicant.
constexpr const char* kClusterMemberName = "【演示】鹤山不锈钢制品有限公司";
constexpr const char* kClusterMemberStem = "MA4WDA08";
constexpr const char* kClusterMemberCounty = "440784";

struct DemoEmployer {
  const char* name;
  const char* prefix;
  const char* division;
  const char* stem;
  int applicant = -1;  // employed by a demo applicant (its code is the applicant's)
};

const DemoEmployer kEmployers[] = {
    {"【演示】五邑大学", "12", "440700", "MB2C0001"},
    {"【演示】广东工业大学", "12", "440100", "MB2C0002"},
    {"【演示】华南理工大学", "12", "440100", "MB2C0003"},
    {"【演示】江门职业技术学院", "12", "440700", "MB2C0004"},
    {"【演示】广州工业互联网研究院", "12", "440100", "MB2C0005"},
    {"【演示】深圳智能制造咨询有限公司", "91", "440300", "MA5D0006"},
    {"【演示】江门信息化咨询有限公司", "91", "440705", "MA5D0007"},
    {"【演示】江门江海电子有限公司", "", "", "", 1},
    {"【演示】江门新会五金制品有限公司", "", "", "", 2},
};

struct DemoExpert {
  const char* name;
  const char* title;
  int employer;
  const char* county;         // "" for an expert from outside the city
  const char* fields;         // as a CSV cell
  std::vector<int> declared;  // demo applicants it must not review
  int max_load;
};

// 25 experts: every category covered several times over, seven counties and outside experts, two
// employed by applicants and three with declared conflicts. The first is demo-expert's record.
const DemoExpert kExperts[] = {
    {"【演示】陈明（评审专家）", "高级工程师", 0, "440703", "1；2；工业企业工业互联网应用标杆", {}, 6},
    {"【演示】李华", "教授", 1, "", "1;3;新一代电子信息", {}, 6},
    {"【演示】王芳", "教授级高级工程师", 2, "", "1;2;生产管控", {}, 6},
    {"【演示】张伟", "副教授", 0, "440703", "2;研发设计;4", {}, 6},
    {"【演示】刘洋", "高级工程师", 4, "", "1;industry_platform", {1}, 6},
    {"【演示】杨静", "高级经济师", 6, "440705", "2;经营管理;4", {}, 6},
    {"【演示】赵强", "高级工程师", 5, "", "3;五金及不锈钢制品;1", {}, 6},
    {"【演示】黄敏", "副教授", 3, "440704", "4;2", {}, 6},
    {"【演示】周杰", "工程师", 7, "440704", "1;新一代电子信息", {}, 6},
    {"【演示】吴婷", "高级工程师", 8, "440705", "3;五金及不锈钢制品", {}, 6},
    {"【演示】徐磊", "教授", 2, "", "3;4;产业集群试点", {}, 6},
    {"【演示】孙丽", "高级工程师", 4, "", "2;生产管控;售后服务", {3}, 6},
    {"【演示】马超", "研究员", 1, "", "1;2;3;4", {}, 6},
    {"【演示】朱琳", "高级工程师", 6, "440705", "1;3", {}, 6},
    {"【演示】胡斌", "副研究员", 4, "", "4;人才培养", {}, 6},
    {"【演示】郭颖", "高级工程师", 5, "", "2;研发设计", {}, 6},
    {"【演示】何军", "教授", 0, "440781", "1;2", {0}, 6},
    {"【演示】林峰", "高级工程师", 3, "440783", "3;4", {}, 6},
    {"【演示】罗娟", "高级会计师", 6, "440784", "2;4", {}, 6},
    {"【演示】高翔", "教授级高级工程师", 2, "", "1;enterprise_application", {}, 6},
    {"【演示】梁燕", "副教授", 0, "440785", "2;3", {}, 6},
    {"【演示】宋涛", "高级工程师", 5, "", "1;3;五金及不锈钢制品", {}, 6},
    {"【演示】谢芳", "高级工程师", 3, "440783", "4;1", {}, 6},
    {"【演示】韩冰", "研究员", 1, "", "2;3;4", {}, 6},
    {"【演示】唐凯", "高级工程师", 6, "440784", "1;4", {}, 6},
};

std::string applicant_code(int index) {
  return demo_code("91", kApplicants[index].county, kApplicants[index].stem);
}

std::string employer_code(const DemoEmployer& employer) {
  if (employer.applicant >= 0) return applicant_code(employer.applicant);
  return demo_code(employer.prefix, employer.division, employer.stem);
}

// A fully digital invoice (数电票) of the demo range, never used by anyone else.
json invoice(int number, const std::string& buyer, long long with_tax_fen) {
  const long long tax = with_tax_fen * 6 / 100;
  return {{"kind", "fully_digital"},
          {"code", ""},
          {"number", fmt::format("224420000009999{:05}", number)},
          {"date", "2022-06-15"},
          {"buyer_tax_id", buyer},
          {"amount_without_tax_fen", with_tax_fen - tax},
          {"tax_fen", tax},
          {"amount_with_tax_fen", with_tax_fen}};
}

json line(const char* type, json bill, const std::string& member = "") {
  return {{"type", type},
          {"description", "工业互联网平台建设与设备联网"},
          {"supplier", "华为云计算技术有限公司"},
          {"huawei_cloud", true},
          {"member_credit_code", member},
          {"invoice", std::move(bill)}};
}

json demo_form(const domain::Policy& policy, int index, const DemoApplication& a) {
  const std::string buyer = applicant_code(a.applicant);
  json declarations = json::array();
  for (const auto& declaration : policy.declarations)
    declarations.push_back({{"id", declaration.id}, {"declared", true}});
  json form = {
      {"project_name", a.project},
      {"direction", a.category == 3 ? "" : a.direction},
      {"summary", "【演示】建设覆盖研发、生产、经营环节的工业互联网应用，实现设备联网、数据贯通与协同。"},
      {"start_date", "2022-01-01"},
      {"end_date", "2023-06-30"},
      {"contact", {{"name", "【演示】项目联系人"}, {"phone", "13800001234"}}},
      {"targets",
       json::array({{{"indicator", "设备联网率"}, {"baseline", "40"}, {"target", "90"}, {"unit", "%"}}})},
      {"declarations", declarations}};
  const int invoice_base = index * 10;
  switch (a.category) {
    case 1:
      form["requested_fen"] = 80'000'000;
      form["investment_lines"] =
          json::array({line("industrial_internet", invoice(invoice_base + 1, buyer, 200'000'000)),
                       line("cloud_services", invoice(invoice_base + 2, buyer, 50'000'000))});
      break;
    case 2:
      form["requested_fen"] = 30'000'000;
      form["investment_lines"] =
          json::array({line("cloud_services", invoice(invoice_base + 1, buyer, 50'000'000))});
      break;
    case 3: {
      const std::string member = demo_code("91", kClusterMemberCounty, kClusterMemberStem);
      const std::string partner = applicant_code(2);  // 新会五金, also an applicant of its own
      form["requested_fen"] = 90'000'000;
      const auto member_entry = [](const std::string& code, const char* name, const char* county) {
        return json{{"credit_code", code}, {"name", name}, {"county_code", county}};
      };
      json members = json::array();
      members.push_back(member_entry(buyer, kApplicants[a.applicant].name, kApplicants[a.applicant].county));
      members.push_back(member_entry(partner, kApplicants[2].name, kApplicants[2].county));
      members.push_back(member_entry(member, kClusterMemberName, kClusterMemberCounty));
      json lead = {{"name", kApplicants[a.applicant].name}, {"credit_code", buyer}, {"kind", "enterprise"}};
      form["cluster"] = {{"cluster_id", a.direction}, {"lead", lead}, {"members", members}};
      json lines = json::array();
      int n = 1;
      for (const auto& code : {buyer, partner, member}) {
        lines.push_back(line("industrial_internet", invoice(invoice_base + n++, code, 50'000'000), code));
      }
      form["investment_lines"] = lines;
      break;
    }
    default: {
      form["requested_fen"] = 100'000'000;
      json events = json::array();
      for (int i = 0; i < 10; ++i) {
        events.push_back({{"date", fmt::format("2023-01-{:02}", i + 10)},
                          {"topic", fmt::format("工业互联网应用专题{}", i + 1)},
                          {"venue", "江门"},
                          {"audience", "企业技术骨干"},
                          {"planned_trainees", 55}});
      }
      form["training_events"] = events;
      form["investment_lines"] =
          json::array({line("training_services", invoice(invoice_base + 1, buyer, 150'000'000))});
      break;
    }
  }
  return form;
}

// The enterprise and its administrator's account (refreshed on a re-run); answers both ids.
domain::Result<std::pair<long long, long long>> save_applicant(soci::session& sql, int index,
                                                               const std::string& password_hash,
                                                               const std::string& stamp) {
  const auto& a = kApplicants[index];
  store::EnterpriseRecord enterprise;
  enterprise.credit_code = applicant_code(index);
  enterprise.name = a.name;
  enterprise.county_code = a.county;
  enterprise.contact_name = "【演示】联系人";
  enterprise.contact_phone = "13800001234";
  enterprise.verified = true;
  enterprise.is_demo = true;
  auto id = store::save_demo_enterprise(sql, enterprise, stamp);
  if (!id) return id.take_problem();
  auto saved = store::find_enterprise(sql, id.value());
  domain::EnterpriseProfile profile;
  profile.industry = a.industry;
  profile.employees = 150;
  profile.revenue_fen = 5'000'000'000;  // 5,000万元: a small enterprise (SME)
  profile.assets_fen = 3'000'000'000;
  profile.address = std::string("【演示】江门市 ") + a.name;
  profile.contacts.push_back({"【演示】联系人", "", "13800001234", ""});
  store::update_enterprise_profile(sql, id.value(), saved->version, domain::profile_to_json(profile).dump(),
                                   stamp);
  store::UserRecord user;
  user.username = fmt::format("demo-applicant-{}", index + 1);
  user.display_name = std::string(a.name) + " 管理员";
  user.role = "enterprise";
  user.password_hash = password_hash;
  user.enterprise_id = id.value();
  user.enterprise_admin = true;
  auto user_id = store::save_demo_user(sql, user, stamp);
  if (!user_id) return user_id.take_problem();
  return std::make_pair(id.value(), user_id.value());
}

void record_event(soci::session& sql, long long id, const char* action, const char* from, const char* to,
                  std::optional<long long> actor, const char* role, const std::string& at) {
  store::ApplicationEvent event{0, id, action, from, to, actor, role, "", at, R"({"demo":true})"};
  store::insert_application_event(sql, event);
}

// A new demo application, frozen as a submission freezes it and formally passed; the form must
// pass every rule a real one must (its view lists no problem).
domain::Status create_demo_application(soci::session& sql, const BatchPolicy& batch, int index,
                                       long long enterprise_id, long long user_id, const std::string& stamp) {
  const auto& a = kApplications[index];
  auto form = domain::parse_application_form(demo_form(*batch.policy, index, a));
  if (!form) return form.take_problem();
  auto enterprise = store::find_enterprise(sql, enterprise_id);
  store::ApplicationRecord record;
  record.batch_id = batch.batch.id;
  record.enterprise_id = enterprise_id;
  record.category = a.category;
  record.county_code = enterprise->county_code;
  record.state = "draft";
  record.form_json = domain::to_json(form.value()).dump();
  record.created_by = user_id;
  record.created_at = stamp;
  auto id = store::insert_application(sql, record);
  if (!id) return id.take_problem();
  record = *store::find_application(sql, id.value());
  record.number = fmt::format("{}-{}-{:06}", batch.batch.code, a.category, record.id);
  store::set_application_number(sql, record.id, record.number);
  const auto* category = batch.policy->find_category(a.category);
  auto computation = domain::compute_application(*batch.policy, *category, form.value(),
                                                 applicant_facts(*enterprise, *batch.policy));
  record.project_name = form->project_name;
  record.requested_fen = form->requested.fen();
  record.computed_fen = computation.amount.fen();
  record.bound_by = std::string(domain::to_string(computation.bound_by));
  record.finalized_hash = form_hash(form.value());
  record.finalized_at = stamp;
  record.updated_by = user_id;
  record.updated_at = stamp;
  store::update_application_form(sql, record, record.version);
  auto keys = domain::listed_invoice_keys(form.value());
  store::replace_application_invoices(sql, record.id, keys);
  store::claim_invoices(sql, record.batch_id, record.id, keys, stamp);
  auto view = build_application_view(sql, *store::find_application(sql, record.id));
  if (!view) return view.take_problem();
  if (!view->problems.empty()) {
    return domain::make_problem("demo_form_invalid", 500,
                                {{"project", a.project},
                                 {"field", view->problems.front().field},
                                 {"rule", view->problems.front().rule}});
  }
  store::insert_application_snapshot(
      sql, {0, record.id, 1, domain::to_json(form.value()).dump(), *record.finalized_hash,
            computation_json(view.value()).dump(), "[]", user_id, stamp});
  record = *store::find_application(sql, record.id);
  record.state = "formal_check_passed";
  record.revision = 1;
  record.submitted_at = stamp;
  store::update_application_state(sql, record);
  record_event(sql, record.id, "create", "", "draft", user_id, "enterprise", stamp);
  record_event(sql, record.id, "submit", "draft", "submitted", user_id, "enterprise", stamp);
  record_event(sql, record.id, "recommend", "submitted", "county_recommended", std::nullopt, "county", stamp);
  record_event(sql, record.id, "pass_formal_check", "county_recommended", "formal_check_passed", std::nullopt,
               "organizer", stamp);
  return domain::Ok{};
}

domain::Result<long long> save_expert(soci::session& sql, const DemoExpert& x,
                                      std::span<const domain::County> counties, const std::string& stamp) {
  domain::ExpertEntry entry;
  entry.name = x.name;
  entry.title = x.title;
  entry.employer_name = kEmployers[x.employer].name;
  entry.employer_credit_code = employer_code(kEmployers[x.employer]);
  entry.county_code = x.county;
  entry.fields = domain::split_list_cell(x.fields);
  for (int applicant : x.declared) entry.declared.push_back(applicant_code(applicant));
  entry.max_load = x.max_load;
  entry.phone = "";
  if (auto errors = domain::check_expert_entry(entry, counties); !errors.empty()) {
    return domain::make_problem(
        "demo_expert_invalid", 500,
        {{"expert", x.name}, {"field", errors.front().field}, {"rule", errors.front().rule}});
  }
  store::ExpertRecord record;
  if (auto existing = store::find_expert_by_name(sql, x.name)) record = *existing;
  record.name = entry.name;
  record.title = entry.title;
  record.employer_name = entry.employer_name;
  record.employer_credit_code = entry.employer_credit_code;
  record.county_code = entry.county_code;
  record.fields = entry.fields;
  record.declared = entry.declared;
  record.max_load = entry.max_load;
  record.active = true;
  if (record.id == 0) return store::insert_expert(sql, record, stamp);
  store::update_expert(sql, record, record.version, stamp);
  return record.id;
}

}  // namespace

domain::Result<DemoReviewData> load_demo_review_data(soci::session& sql, long long demo_batch_id,
                                                     long long demo_expert_user_id,
                                                     const std::string& applicant_password_hash,
                                                     domain::Instant now) {
  const std::string stamp = store::format_utc_iso(now);
  auto batch = load_batch_policy(sql, demo_batch_id);
  if (!batch) return batch.take_problem();
  DemoReviewData data;
  for (const auto& x : kExperts) {
    auto id = save_expert(sql, x, batch->policy->counties, stamp);
    if (!id) return id.take_problem();
    ++data.experts;
    if (&x == &kExperts[0]) {
      auto record = store::find_expert(sql, id.value());
      auto linked = store::find_expert_of_user(sql, demo_expert_user_id);
      if (!linked && !record->user_id) store::link_expert_user(sql, id.value(), demo_expert_user_id, stamp);
      if (auto now_linked = store::find_expert_of_user(sql, demo_expert_user_id))
        data.demo_expert_record = now_linked->id;
    }
  }
  std::vector<std::pair<long long, long long>> applicants;
  for (int i = 0; i < static_cast<int>(std::size(kApplicants)); ++i) {
    auto saved = save_applicant(sql, i, applicant_password_hash, stamp);
    if (!saved) return saved.take_problem();
    applicants.push_back(saved.value());
    ++data.enterprises;
  }
  for (int i = 0; i < static_cast<int>(std::size(kApplications)); ++i) {
    const auto& a = kApplications[i];
    const auto [enterprise_id, user_id] = applicants[a.applicant];
    if (store::find_live_application(sql, demo_batch_id, enterprise_id, a.category)) {
      ++data.applications_kept;
      continue;
    }
    if (auto created = create_demo_application(sql, batch.value(), i, enterprise_id, user_id, stamp);
        !created) {
      return created.take_problem();
    }
    ++data.applications_created;
  }
  return data;
}

}  // namespace iifund::service
