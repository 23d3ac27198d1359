#include "domain/application_assessment.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "domain/application_form.hpp"

namespace iifund::domain {
namespace {

const Policy& jiangmen() {
  static const Policy policy =
      *load_policy_file(std::string(IIFUND_SOURCE_DIR) + "/policies/jiangmen-2022-batch2.toml");
  return policy;
}
const CategoryPolicy& category(int number) { return *jiangmen().find_category(number); }

constexpr const char* kApplicant = "91440703MA4WDE010D";
const ApplicantFacts kSme{kApplicant, true};

InvestmentLine vat_line(const std::string& type, const std::string& number, Money with_tax,
                        const std::string& buyer = kApplicant) {
  InvestmentLine line;
  line.type = type;
  line.description = "平台建设";
  line.supplier = "供应商";
  line.invoice.kind = InvoiceKind::vat;
  line.invoice.code = "4400221130";
  line.invoice.number = number;
  line.invoice.date = "2022-06-01";
  line.invoice.buyer_tax_id = buyer;
  line.invoice.tax = fen(with_tax.fen() / 10);
  line.invoice.amount_without_tax = with_tax - line.invoice.tax;
  line.invoice.amount_with_tax = with_tax;
  return line;
}

ApplicationForm complete_benchmark_form() {
  ApplicationForm form;
  form.project_name = "标杆示范";
  form.direction = "enterprise_application";
  form.summary = "概况";
  form.start_date = "2022-01-01";
  form.end_date = "2022-12-31";
  form.contact = {"李四", "13800138000"};
  form.requested = yuan(1'000'000);
  form.targets = {{"设备联网率", "40", "90", "%"}};
  form.investment_lines = {vat_line("industrial_internet", "10000001", yuan(3'000'000)),
                           vat_line("equipment", "10000002", yuan(1'000'000))};
  for (const auto& declaration : jiangmen().declarations)
    form.declarations.push_back({declaration.id, true, {}});
  return form;
}

std::vector<std::string> rules_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> rules;
  for (const auto& error : errors) rules.push_back(error.rule);
  return rules;
}

TEST(ApplicationAssessment, CompleteBenchmarkFormHasNoProblemsAndIsBoundByTheProjectCap) {
  auto form = complete_benchmark_form();
  auto computed = compute_application(jiangmen(), category(1), form, kSme);
  EXPECT_EQ(computed.eligible_investment, yuan(4'000'000));
  EXPECT_EQ(computed.maximum, yuan(1'000'000));
  EXPECT_EQ(computed.maximum_bound_by, BoundBy::project_cap);
  EXPECT_EQ(computed.amount, yuan(1'000'000));
  EXPECT_EQ(computed.bound_by, BoundBy::project_cap) << "asking for exactly the cap names the cap";
  EXPECT_TRUE(check_application_form(jiangmen(), category(1), form, kSme, computed).empty());
}

TEST(ApplicationAssessment, AskingForLessIsBoundByTheRequest) {
  auto form = complete_benchmark_form();
  form.requested = yuan(600'000);
  auto computed = compute_application(jiangmen(), category(1), form, kSme);
  EXPECT_EQ(computed.amount, yuan(600'000));
  EXPECT_EQ(computed.bound_by, BoundBy::requested);
  EXPECT_EQ(computed.maximum, yuan(1'000'000));
}

TEST(ApplicationAssessment, InvalidAndIneligibleLinesDoNotCountAndSayWhy) {
  auto form = complete_benchmark_form();
  form.investment_lines.push_back(vat_line("training_services", "10000003", yuan(500'000)));
  form.investment_lines.push_back(vat_line("equipment", "10000004", yuan(500'000), "91440704MA4WDE010X"));
  form.investment_lines.push_back(form.investment_lines[0]);
  auto computed = compute_application(jiangmen(), category(1), form, kSme);
  EXPECT_EQ(computed.eligible_investment, yuan(4'000'000));
  ASSERT_EQ(computed.excluded.size(), 3u);
  EXPECT_EQ(computed.excluded[0].reason, "type_not_eligible");
  EXPECT_EQ(computed.excluded[1].reason, "invoice_invalid");
  EXPECT_EQ(computed.excluded[2].reason, "counted_twice");
  auto problems = check_application_form(jiangmen(), category(1), form, kSme, computed);
  auto rules = rules_of(problems);
  EXPECT_NE(std::find(rules.begin(), rules.end(), "invoice_listed_twice"), rules.end());
  EXPECT_NE(std::find(rules.begin(), rules.end(), "invoice_buyer_mismatch"), rules.end());
  EXPECT_NE(std::find(rules.begin(), rules.end(), "investment_type_not_eligible"), rules.end());
}

TEST(ApplicationAssessment, ExplanationNamesTheCapInBothLanguages) {
  auto computed = compute_application(jiangmen(), category(1), complete_benchmark_form(), kSme);
  auto words = explain_computation(computed);
  EXPECT_NE(words.zh.find("单个项目上限 1,000,000.00 元"), std::string::npos) << words.zh;
  EXPECT_NE(words.en.find("per-project cap of 1,000,000.00 yuan"), std::string::npos) << words.en;
}

TEST(ApplicationAssessment, LargeEnterpriseCannotApplyForSmeCloud) {
  auto form = complete_benchmark_form();
  form.direction = "rd_design";
  ApplicantFacts large{kApplicant, false};
  auto computed = compute_application(jiangmen(), category(2), form, large);
  EXPECT_EQ(computed.maximum, Money{});
  EXPECT_EQ(computed.ineligible, IneligibleReason::not_sme);
  auto rules = rules_of(check_application_form(jiangmen(), category(2), form, large, computed));
  EXPECT_NE(std::find(rules.begin(), rules.end(), "not_sme"), rules.end());
}

TEST(ApplicationForm, RoundTripsThroughJsonAndRefusesEveryBadShapeAtOnce) {
  auto form = complete_benchmark_form();
  auto again = parse_application_form(to_json(form));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(to_json(again.value()), to_json(form));
  nlohmann::json bad = {{"project_name", 1},
                        {"requested_fen", -1},
                        {"targets", "none"},
                        {"investment_lines", {{{"huawei_cloud", "yes"}}}},
                        {"summary", std::string(5001 * 3, 'a')}};
  auto refused = parse_application_form(bad);
  ASSERT_FALSE(refused.ok());
  std::map<std::string, std::string> by_field;
  for (const auto& field : refused.problem().fields) by_field[field.field] = field.rule;
  EXPECT_EQ(by_field["form.project_name"], "form_type");
  EXPECT_EQ(by_field["form.requested_fen"], "form_amount_range");
  EXPECT_EQ(by_field["form.targets"], "form_type");
  EXPECT_EQ(by_field["form.investment_lines[0].huawei_cloud"], "form_type");
  EXPECT_EQ(by_field["form.summary"], "form_too_long");
}

// Random forms, each broken in a few random ways: the numbers never break a cap, the amount is
// always min(requested, maximum), and every rule of the checklist is seen at least once.
TEST(ApplicationAssessmentRandomized, NeverExceedsAnyCapAndNamesEveryRule) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::map<std::string, int> seen;
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  for (int round = 0; round < 4000; ++round) {
    const int number = 1 + pick(4);
    const auto& cat = category(number);
    auto form = complete_benchmark_form();
    form.direction =
        cat.directions.empty() ? "" : cat.directions[pick(static_cast<int>(cat.directions.size()))].id;
    form.requested = fen(static_cast<std::int64_t>(random() % 1'000'000'000));
    ApplicantFacts applicant = kSme;
    if (pick(8) == 0) applicant.is_sme = false;
    for (auto& line : form.investment_lines) {
      line.type = cat.eligible_investment_types[pick(static_cast<int>(cat.eligible_investment_types.size()))];
      line.invoice.amount_with_tax = yuan(10'000 + pick(2'000'000));
      line.invoice.tax = fen(line.invoice.amount_with_tax.fen() / 10);
      line.invoice.amount_without_tax = line.invoice.amount_with_tax - line.invoice.tax;
    }
    if (cat.kind == CategoryKind::cluster) {
      ClusterSection cluster{"electronic_information", {"协会", kApplicant, "association"}, {}};
      const int members = pick(24);
      for (int m = 0; m < members; ++m) {
        std::string code = m % 2 ? "91440704MA4WDE010X" : kApplicant;  // a twice-listed member now and then
        cluster.members.push_back({code, "成员", pick(10) == 0 ? "999999" : "440704"});
      }
      if (pick(10) == 0) cluster.cluster_id = "nowhere";
      form.cluster = cluster;
      for (auto& line : form.investment_lines) line.member_credit_code = pick(6) == 0 ? "" : kApplicant;
    }
    if (cat.kind == CategoryKind::training) {
      const int events = pick(14);
      for (int e = 0; e < events; ++e)
        form.training_events.push_back({"2022-12-01", "主题", "会场", "对象", pick(120)});
    }
    switch (pick(12)) {
      case 0:
        form.project_name.clear();
        break;
      case 1:
        form.direction = "nowhere";
        break;
      case 2:
        form.start_date = "2022-13-01";
        break;
      case 3:
        form.end_date = "2021-01-01";
        break;
      case 4:
        form.contact.phone = "12";
        break;
      case 5:
        form.targets.clear();
        break;
      case 6:
        form.investment_lines.clear();
        break;
      case 7:
        form.investment_lines[0].type = pick(2) ? "nowhere" : "training_services";
        break;
      case 8:
        form.investment_lines.push_back(form.investment_lines[0]);
        break;
      case 9:
        form.investment_lines[0].invoice.number = "1";
        break;
      case 10:
        form.declarations.pop_back();
        break;
      default:
        form.declarations.push_back({"made_up", true, {}});
        break;
    }
    auto computed = compute_application(jiangmen(), cat, form, applicant);
    ASSERT_EQ(computed.amount, std::min(computed.requested, computed.maximum));
    if (cat.project_cap) {
      ASSERT_LE(computed.maximum, *cat.project_cap);
    }
    if (cat.cluster_cap) {
      ASSERT_LE(computed.maximum, *cat.cluster_cap);
    }
    if (cat.enterprise_cap && cat.kind != CategoryKind::cluster) {
      ASSERT_LE(computed.maximum, *cat.enterprise_cap);
    }
    if (cat.rate && cat.kind != CategoryKind::cluster) {
      ASSERT_LE(computed.maximum, apply_rate(computed.eligible_investment, *cat.rate));
    }
    for (const auto& member : computed.members) {
      const Money before = member.subsidy.before_cluster_cap.value_or(member.subsidy.amount);
      ASSERT_LE(member.amount, before) << "the cluster cap never raises a member";
      if (cat.enterprise_cap) {
        ASSERT_LE(before, *cat.enterprise_cap);
      }
    }
    for (const auto& problem : check_application_form(jiangmen(), cat, form, applicant, computed)) {
      seen[problem.rule] += 1;
    }
    seen["bound:" + std::string(to_string(computed.bound_by))] += 1;
  }
  const char* kEveryRule[] = {"required",
                              "direction_unknown",
                              "date_syntax",
                              "date_order",
                              "phone_syntax",
                              "requested_above_maximum",
                              "targets_required",
                              "lines_required",
                              "investment_type_unknown",
                              "investment_type_not_eligible",
                              "invoice_listed_twice",
                              "invoice_number_digits",
                              "invoice_buyer_mismatch",
                              "cluster_unknown",
                              "members_too_few",
                              "member_listed_twice",
                              "county_unknown",
                              "member_unknown",
                              "events_required",
                              "training_events_below_minimum",
                              "trainees_below_minimum",
                              "not_sme",
                              "declaration_required",
                              "declaration_unknown",
                              "bound:requested",
                              "bound:rate",
                              "bound:project_cap",
                              "bound:enterprise_cap",
                              "bound:cluster_cap",
                              "bound:not_eligible"};
  for (const char* rule : kEveryRule) EXPECT_GT(seen[rule], 0) << rule << " never occurred";
}

}  // namespace
}  // namespace iifund::domain
