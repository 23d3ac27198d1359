#include "domain/subsidy.hpp"

#include <gtest/gtest.h>

namespace iifund::domain {
namespace {

const Policy& jiangmen() {
  static const Policy policy =
      *load_policy_file(std::string(IIFUND_SOURCE_DIR) + "/policies/jiangmen-2022-batch2.toml");
  return policy;
}
const CategoryPolicy& benchmark() { return *jiangmen().find_category(1); }
const CategoryPolicy& sme_cloud() { return *jiangmen().find_category(2); }
const CategoryPolicy& cluster_pilot() { return *jiangmen().find_category(3); }
const CategoryPolicy& training() { return *jiangmen().find_category(4); }

SubsidyRequest ask(Money investment, Money requested) {
  return SubsidyRequest{investment, requested, std::nullopt, true};
}

TEST(Subsidy, Category1CapsAtOneMillionPerProject) {
  auto s = compute_subsidy(benchmark(), ask(yuan(3'000'000), yuan(2'000'000)));
  EXPECT_EQ(s.amount, yuan(1'000'000));
  EXPECT_EQ(s.bound_by, BoundBy::project_cap);
  EXPECT_EQ(s.rate_limit, yuan(1'500'000));
  EXPECT_EQ(s.cap, yuan(1'000'000));
  EXPECT_EQ(s.eligible_investment, yuan(3'000'000));
  EXPECT_EQ(s.requested, yuan(2'000'000));
}

struct Case {
  const char* name;
  int category;
  Money investment;
  Money requested;
  Money amount;
  BoundBy bound_by;
};

TEST(Subsidy, EveryBoundaryOfTheNotice) {
  const Case cases[] = {
      // Category 1: 50 %, 1,000,000 per project.
      {"rate binds below the cap", 1, yuan(1'000'000), yuan(900'000), yuan(500'000), BoundBy::rate},
      {"request binds below the rate", 1, yuan(1'000'000), yuan(400'000), yuan(400'000), BoundBy::requested},
      {"exactly at the cap via the rate: cap named", 1, yuan(2'000'000), yuan(2'000'000), yuan(1'000'000),
       BoundBy::project_cap},
      {"one fen over the cap via the rate", 1, yuan(2'000'000) + fen(2), yuan(2'000'000), yuan(1'000'000),
       BoundBy::project_cap},
      {"one fen under the cap via the rate", 1, yuan(2'000'000) - fen(2), yuan(2'000'000),
       yuan(1'000'000) - fen(1), BoundBy::rate},
      {"request exactly at the cap: cap named", 1, yuan(5'000'000), yuan(1'000'000), yuan(1'000'000),
       BoundBy::project_cap},
      {"request one fen under the cap", 1, yuan(5'000'000), yuan(1'000'000) - fen(1),
       yuan(1'000'000) - fen(1), BoundBy::requested},
      {"request equal to the rate limit: rate named", 1, yuan(100'000), yuan(50'000), yuan(50'000),
       BoundBy::rate},
      {"rate floors half a fen", 1, fen(3), yuan(1), fen(1), BoundBy::rate},
      {"nothing invested, nothing paid", 1, Money{}, yuan(100), Money{}, BoundBy::rate},
      {"nothing requested", 1, yuan(100), Money{}, Money{}, BoundBy::requested},
      // Category 2: 80 %, 600,000 per enterprise.
      {"SME rate", 2, yuan(500'000), yuan(600'000), yuan(400'000), BoundBy::rate},
      {"SME cap exactly", 2, yuan(750'000), yuan(600'000), yuan(600'000), BoundBy::enterprise_cap},
      {"SME cap one fen over", 2, yuan(750'000) + fen(2), yuan(700'000), yuan(600'000),
       BoundBy::enterprise_cap},
      {"SME rate floors 0.8 fen", 2, fen(1), yuan(1), Money{}, BoundBy::rate},
      {"SME rate floors 100.8 fen", 2, fen(126), yuan(1), fen(100), BoundBy::rate},
      // Category 3 member on its own: 80 %, 500,000.
      {"member cap", 3, yuan(1'000'000), yuan(900'000), yuan(500'000), BoundBy::enterprise_cap},
      {"member rate", 3, yuan(100'000), yuan(900'000), yuan(80'000), BoundBy::rate},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto s = compute_subsidy(*jiangmen().find_category(c.category), ask(c.investment, c.requested));
    EXPECT_EQ(s.amount, c.amount) << format_yuan(s.amount);
    EXPECT_EQ(s.bound_by, c.bound_by) << to_string(s.bound_by);
    EXPECT_LE(s.amount, c.requested);
  }
}

TEST(Subsidy, TrainingNeedsTenEventsAndFiveHundredTrainees) {
  struct TrainingCase {
    std::optional<TrainingPlan> plan;
    Money amount;
    BoundBy bound_by;
    IneligibleReason why;
  };
  const TrainingCase cases[] = {
      {TrainingPlan{10, 500}, yuan(800'000), BoundBy::requested, IneligibleReason::none},
      {TrainingPlan{9, 500}, Money{}, BoundBy::not_eligible, IneligibleReason::training_events_below_minimum},
      {TrainingPlan{10, 499}, Money{}, BoundBy::not_eligible, IneligibleReason::trainees_below_minimum},
      {std::nullopt, Money{}, BoundBy::not_eligible, IneligibleReason::training_plan_missing},
      {TrainingPlan{40, 2000}, yuan(800'000), BoundBy::requested, IneligibleReason::none},
  };
  for (const auto& c : cases) {
    auto s = compute_subsidy(training(), SubsidyRequest{Money{}, yuan(800'000), c.plan, true});
    EXPECT_EQ(s.amount, c.amount);
    EXPECT_EQ(s.bound_by, c.bound_by);
    EXPECT_EQ(s.ineligible, c.why);
    EXPECT_FALSE(s.rate_limit.has_value());  // no rate in category 4
  }
  auto capped = compute_subsidy(
      training(), SubsidyRequest{Money{}, yuan(1'000'000) + fen(1), TrainingPlan{10, 500}, true});
  EXPECT_EQ(capped.amount, yuan(1'000'000));
  EXPECT_EQ(capped.bound_by, BoundBy::project_cap);
}

TEST(Subsidy, Category2IsForSmesOnly) {
  auto s = compute_subsidy(sme_cloud(), SubsidyRequest{yuan(100'000), yuan(50'000), std::nullopt, false});
  EXPECT_EQ(s.amount, Money{});
  EXPECT_EQ(s.bound_by, BoundBy::not_eligible);
  EXPECT_EQ(s.ineligible, IneligibleReason::not_sme);
  // Category 1 has no such rule.
  EXPECT_EQ(
      compute_subsidy(benchmark(), SubsidyRequest{yuan(100'000), yuan(50'000), std::nullopt, false}).amount,
      yuan(50'000));
}

Invoice invoice(std::string code, std::string number, Money without_tax, Money tax, std::string type) {
  return Invoice{InvoiceKind::vat,     std::move(code), std::move(number),
                 "91440703095877920J", without_tax,     tax,
                 without_tax + tax,    std::move(type)};
}

TEST(EligibleInvestment, CountsEligibleTypesOnTheBatchBasisEachInvoiceOnce) {
  const Invoice invoices[] = {
      invoice("4400221130", "00000001", yuan(100'000), yuan(13'000), "cloud_services"),
      invoice("4400221130", "00000002", yuan(50'000), yuan(6'500), "equipment"),
      invoice("4400221130", "00000001", yuan(100'000), yuan(13'000), "cloud_services"),  // again
      invoice("4400221130", "00000003", yuan(70'000), yuan(0), "training_services"),     // not for cat 1
  };
  auto with_tax = eligible_investment(benchmark(), InvestmentBasis::with_tax, invoices);
  EXPECT_EQ(with_tax.total, yuan(169'500));
  ASSERT_EQ(with_tax.excluded.size(), 2u);
  EXPECT_EQ(with_tax.excluded[0].key, "4400221130-00000001");
  EXPECT_EQ(with_tax.excluded[0].reason, ExclusionReason::counted_twice);
  EXPECT_EQ(with_tax.excluded[1].reason, ExclusionReason::type_not_eligible);
  EXPECT_EQ(eligible_investment(benchmark(), InvestmentBasis::without_tax, invoices).total, yuan(150'000));
}

TEST(ClusterCap, UntouchedWhenTheSumFits) {
  const Money amounts[] = {yuan(500'000), yuan(500'000)};
  EXPECT_EQ(apply_cluster_cap(amounts, yuan(5'000'000)),
            std::vector<Money>(std::begin(amounts), std::end(amounts)));
  const Money exact[] = {yuan(2'500'000), yuan(2'500'000)};
  EXPECT_EQ(apply_cluster_cap(exact, yuan(5'000'000))[0], yuan(2'500'000));
}

TEST(ClusterCap, ScalesInProportionToTheFen) {
  // 3 × 100 fen into 200: each 66.67 → 66 + leftover 2 fen to the lowest indices (equal remainders).
  const Money three[] = {fen(100), fen(100), fen(100)};
  EXPECT_EQ(apply_cluster_cap(three, fen(200)), (std::vector<Money>{fen(67), fen(67), fen(66)}));
  // Largest remainder first: 10,20,30 into 10 → 1.67, 3.33, 5 → 1,3,5 + 1 fen to index 0.
  const Money uneven[] = {fen(10), fen(20), fen(30)};
  EXPECT_EQ(apply_cluster_cap(uneven, fen(10)), (std::vector<Money>{fen(2), fen(3), fen(5)}));
}

TEST(ClusterSubsidy, ElevenFullMembersShareFiveMillion) {
  std::vector<ClusterMember> members;
  for (int i = 0; i < 11; ++i)
    members.push_back({"member" + std::to_string(i), ask(yuan(1'000'000), yuan(500'000))});
  auto c = compute_cluster_subsidy(cluster_pilot(), members);
  EXPECT_TRUE(c.scaled);
  EXPECT_EQ(c.members_total, yuan(5'500'000));
  EXPECT_EQ(c.total, yuan(5'000'000));
  // 5,000,000.00 / 11 = 454,545.4545…: 454,545.45 each, 5 fen left over for members 0–4.
  for (int i = 0; i < 11; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(c.members[i].amount, fen(45'454'545 + (i < 5 ? 1 : 0)));
    EXPECT_EQ(c.members[i].bound_by, BoundBy::cluster_cap);
    EXPECT_EQ(c.members[i].before_cluster_cap, yuan(500'000));
  }
}

TEST(ClusterSubsidy, TenFullMembersFitExactly) {
  std::vector<ClusterMember> members(10, ClusterMember{"m", ask(yuan(700'000), yuan(600'000))});
  auto c = compute_cluster_subsidy(cluster_pilot(), members);
  EXPECT_FALSE(c.scaled);
  EXPECT_EQ(c.total, yuan(5'000'000));
  EXPECT_EQ(c.members[0].bound_by, BoundBy::enterprise_cap);
}

TEST(Invoice, VatAndDigitalInvoiceRules) {
  const std::string buyer = "91440703095877920J";
  Invoice ok = invoice("4400221130", "12345678", yuan(100), yuan(13), "cloud_services");
  EXPECT_TRUE(validate_invoice(ok, buyer).ok());
  Invoice twelve = ok;
  twelve.code = "044002211300";
  EXPECT_TRUE(validate_invoice(twelve, buyer).ok());
  Invoice digital = ok;
  digital.kind = InvoiceKind::fully_digital;
  digital.code = "";
  digital.number = "24442000000012345678";
  EXPECT_TRUE(validate_invoice(digital, buyer).ok());
  EXPECT_EQ(invoice_key(digital), "24442000000012345678");
  EXPECT_EQ(invoice_key(ok), "4400221130-12345678");
  EXPECT_EQ(counted_amount(ok, InvestmentBasis::with_tax), yuan(113));
  EXPECT_EQ(counted_amount(ok, InvestmentBasis::without_tax), yuan(100));

  struct Bad {
    Invoice invoice;
    std::string rule;
  };
  auto with = [&](Invoice i, auto change) {
    change(i);
    return i;
  };
  const Bad bad[] = {
      {with(ok, [](Invoice& i) { i.code = "440022113"; }), "invoice_code_digits"},
      {with(ok, [](Invoice& i) { i.code = "44002211301"; }), "invoice_code_digits"},
      {with(ok, [](Invoice& i) { i.code = "44002211A0"; }), "invoice_code_digits"},
      {with(ok, [](Invoice& i) { i.number = "1234567"; }), "invoice_number_digits"},
      {with(digital, [](Invoice& i) { i.number = "2444200000001234567"; }), "invoice_digital_number_digits"},
      {with(digital, [](Invoice& i) { i.code = "4400221130"; }), "invoice_digital_has_code"},
      {with(ok, [](Invoice& i) { i.buyer_tax_id = "91440300708461136T"; }), "invoice_buyer_mismatch"},
      {with(ok, [](Invoice& i) { i.tax = fen(-1); }), "invoice_amount_negative"},
      {with(ok, [](Invoice& i) { i.amount_with_tax = yuan(112); }), "invoice_amount_sum"},
  };
  for (const auto& b : bad) {
    SCOPED_TRACE(b.rule);
    auto status = validate_invoice(b.invoice, buyer);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.problem().code, "invoice_invalid");
    ASSERT_EQ(status.problem().fields.size(), 1u);
    EXPECT_EQ(status.problem().fields[0].rule, b.rule);
  }
}

}  // namespace
}  // namespace iifund::domain
