// Randomized tests over thousands of generated applications. Each states its invariant in its
// name, prints its seed on failure (set IIFUND_SEED to replay another), and counts how often each
// binding rule or refusal occurred: a generator that never reaches a case proves nothing about it,
// so a case that never occurs fails the test.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>

#include "domain/credit_code.hpp"
#include "domain/subsidy.hpp"
#include "domain/workflow.hpp"

namespace iifund::domain {
namespace {

std::uint64_t seed() {
  const char* env = std::getenv("IIFUND_SEED");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 20221130;
}

const std::vector<Policy>& policies() {
  static const std::vector<Policy> all = [] {
    std::vector<Policy> out;
    for (const char* file : {"/policies/jiangmen-2022-batch2.toml", "/tests/policies/foshan-2024-demo.toml"})
      out.push_back(*load_policy_file(std::string(IIFUND_SOURCE_DIR) + file));
    return out;
  }();
  return all;
}

class Generator {
 public:
  explicit Generator(std::uint64_t s) : rng_(s) {}
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, std::int64_t(items.size()) - 1))];
  }

  // Amounts around a limit: far below, near, exactly at, one fen either side, far above.
  Money around(Money limit) {
    switch (between(0, 5)) {
      case 0:
        return fen(between(0, limit.fen()));
      case 1:
        return limit;
      case 2:
        return limit + fen(1);
      case 3:
        return limit - fen(std::min<std::int64_t>(1, limit.fen()));
      case 4:
        return fen(between(limit.fen(), limit.fen() * 4));
      default:
        return fen(between(0, 1000));
    }
  }

  SubsidyRequest request(const CategoryPolicy& c) {
    const Money cap = c.project_cap.value_or(c.enterprise_cap.value_or(yuan(1'000'000)));
    const BasisPoints rate = c.rate.value_or(kFullRate);
    SubsidyRequest r;
    // An investment whose rate limit lands around the cap, so rate and cap both bind often.
    r.eligible_investment =
        fen(static_cast<std::int64_t>(static_cast<__int128>(around(cap).fen()) * 10'000 / rate.value));
    r.requested = around(chance(0.5) ? cap : apply_rate(r.eligible_investment, rate));
    r.applicant_is_sme = chance(0.9);
    if (c.training && chance(0.95))
      r.training = TrainingPlan{int(between(c.training->events - 2, c.training->events + 5)),
                                int(between(c.training->trainees - 20, c.training->trainees + 100))};
    return r;
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

void expect_every_case_occurred(const std::map<std::string, int>& counts,
                                const std::vector<std::string>& cases) {
  for (const auto& c : cases) EXPECT_GT(counts.count(c) ? counts.at(c) : 0, 0) << "never occurred: " << c;
}

TEST(RulesRandomized, SubsidyNeverExceedsAnyCapOrTheRequest) {
  SCOPED_TRACE("seed=" + std::to_string(seed()));
  Generator gen(seed());
  std::map<std::string, int> bound_by;
  std::map<std::string, int> ineligible;
  for (int i = 0; i < 20'000; ++i) {
    const Policy& policy = gen.pick(policies());
    const CategoryPolicy& category = gen.pick(policy.categories);
    const SubsidyRequest request = gen.request(category);
    const Subsidy s = compute_subsidy(category, request);
    SCOPED_TRACE(policy.id + " category " + std::to_string(category.number) + " investment " +
                 format_yuan(request.eligible_investment) + " requested " + format_yuan(request.requested));
    ++bound_by[std::string(to_string(s.bound_by))];
    if (s.ineligible != IneligibleReason::none) ++ineligible[std::string(to_string(s.ineligible))];

    ASSERT_GE(s.amount, Money{});
    ASSERT_LE(s.amount, request.requested);
    if (category.project_cap) {
      ASSERT_LE(s.amount, *category.project_cap);
    }
    if (category.enterprise_cap) {
      ASSERT_LE(s.amount, *category.enterprise_cap);
    }
    if (category.rate) {
      ASSERT_LE(s.amount, apply_rate(request.eligible_investment, *category.rate));
    }
    // The named rule is the one whose figure the amount equals.
    switch (s.bound_by) {
      case BoundBy::requested:
        ASSERT_EQ(s.amount, request.requested);
        break;
      case BoundBy::rate:
        ASSERT_EQ(s.amount, *s.rate_limit);
        break;
      case BoundBy::project_cap:
        ASSERT_EQ(s.amount, *category.project_cap);
        break;
      case BoundBy::enterprise_cap:
        ASSERT_EQ(s.amount, *category.enterprise_cap);
        break;
      case BoundBy::not_eligible:
        ASSERT_EQ(s.amount, Money{});
        break;
      case BoundBy::cluster_cap:
        FAIL() << "a single application is never bound by the cluster cap";
    }
  }
  expect_every_case_occurred(bound_by,
                             {"requested", "rate", "project_cap", "enterprise_cap", "not_eligible"});
  expect_every_case_occurred(ineligible, {"training_events_below_minimum", "trainees_below_minimum",
                                          "training_plan_missing", "not_sme"});
}

TEST(RulesRandomized, ClusterTotalNeverExceedsItsCapAndScalingIsExactToTheFen) {
  SCOPED_TRACE("seed=" + std::to_string(seed()));
  Generator gen(seed() + 1);
  std::map<std::string, int> outcomes;
  for (const Policy& policy : policies()) {
    for (const CategoryPolicy& category : policy.categories) {
      if (category.kind != CategoryKind::cluster) continue;
      for (int i = 0; i < 3'000; ++i) {
        std::vector<ClusterMember> members(static_cast<std::size_t>(gen.between(1, 30)));
        for (auto& m : members) m.request = gen.request(category);
        const ClusterSubsidy c = compute_cluster_subsidy(category, members);
        SCOPED_TRACE(policy.id + " members " + std::to_string(members.size()));
        ++outcomes[c.scaled ? "scaled" : "fits"];
        ASSERT_LE(c.total, *category.cluster_cap);
        Money sum;
        for (const auto& s : c.members) {
          ++outcomes[std::string(to_string(s.bound_by))];
          ASSERT_GE(s.amount, Money{});
          ASSERT_LE(s.amount, *category.enterprise_cap);
          ASSERT_LE(s.amount, s.requested);
          sum += s.amount;
        }
        ASSERT_EQ(sum, c.total);
        if (c.scaled) {
          ASSERT_EQ(c.total, *category.cluster_cap);  // exact to the fen
          ASSERT_GT(c.members_total, *category.cluster_cap);
          for (std::size_t a = 0; a < c.members.size(); ++a) {
            const Money before = *c.members[a].before_cluster_cap;
            ASSERT_LE(c.members[a].amount, before);
            // Within one fen of the exact proportional share.
            const __int128 exact_times_total =
                static_cast<__int128>(before.fen()) * category.cluster_cap->fen();
            const __int128 mine_times_total =
                static_cast<__int128>(c.members[a].amount.fen()) * c.members_total.fen();
            ASSERT_LT(mine_times_total - exact_times_total, c.members_total.fen());
            ASSERT_GT(mine_times_total - exact_times_total, -c.members_total.fen());
            // A larger claim never ends with less.
            for (std::size_t b = 0; b < c.members.size(); ++b) {
              if (before > *c.members[b].before_cluster_cap) {
                ASSERT_GE(c.members[a].amount, c.members[b].amount);
              }
            }
          }
        } else {
          ASSERT_EQ(c.total, c.members_total);
        }
      }
    }
  }
  expect_every_case_occurred(outcomes,
                             {"scaled", "fits", "cluster_cap", "enterprise_cap", "rate", "requested"});
}

TEST(RulesRandomized, EligibleInvestmentCountsEachEligibleInvoiceOnce) {
  SCOPED_TRACE("seed=" + std::to_string(seed()));
  Generator gen(seed() + 2);
  std::map<std::string, int> exclusions;
  const Policy& policy = policies().front();
  std::vector<std::string> types;
  for (const auto& t : policy.investment_types) types.push_back(t.id);
  for (int i = 0; i < 2'000; ++i) {
    const CategoryPolicy& category = gen.pick(policy.categories);
    std::vector<Invoice> invoices;
    std::map<std::string, Money> expected_by_key;  // first occurrence wins
    for (int k = int(gen.between(0, 12)); k > 0; --k) {
      Invoice inv;
      inv.code = "44002211" + std::to_string(gen.between(10, 12));
      inv.number = std::to_string(10'000'000 + gen.between(0, 20));
      inv.amount_without_tax = fen(gen.between(0, 100'000'000));
      inv.tax = apply_rate(inv.amount_without_tax, BasisPoints{1300});
      inv.amount_with_tax = inv.amount_without_tax + inv.tax;
      inv.investment_type = gen.pick(types);
      invoices.push_back(inv);
      if (!expected_by_key.count(invoice_key(inv)))
        expected_by_key[invoice_key(inv)] =
            category.counts_investment_type(inv.investment_type) ? inv.amount_with_tax : Money{};
    }
    Money expected;
    for (const auto& [_, m] : expected_by_key) expected += m;
    const auto result = eligible_investment(category, InvestmentBasis::with_tax, invoices);
    ASSERT_EQ(result.total, expected);
    for (const auto& e : result.excluded) ++exclusions[std::string(to_string(e.reason))];
  }
  expect_every_case_occurred(exclusions, {"type_not_eligible", "counted_twice"});
}

TEST(RulesRandomized, IllegalTransitionsAreAlwaysRefused) {
  SCOPED_TRACE("seed=" + std::to_string(seed()));
  Generator gen(seed() + 3);
  std::map<std::string, int> refusals;
  const Policy& policy = policies().front();
  const std::vector<ApplicationState> states(std::begin(kAllStates), std::end(kAllStates));
  const std::vector<Role> roles(std::begin(kAllRoles), std::end(kAllRoles));
  const Instant closes = policy.window_closes;
  for (int i = 0; i < 50'000; ++i) {
    // Bias half the draws onto real edges so guards are exercised, not only missing edges.
    ApplicationState from = gen.pick(states), to = gen.pick(states);
    Role role = gen.pick(roles);
    if (gen.chance(0.5)) {
      const auto& t = transition_table()[static_cast<std::size_t>(
          gen.between(0, std::int64_t(transition_table().size()) - 1))];
      from = t.from;
      to = t.to;
      if (gen.chance(0.8)) role = t.role;
    }
    TransitionContext c = context_from_policy(policy, closes + std::chrono::hours(gen.between(-72, 200)));
    c.returned_at =
        gen.chance(0.5) ? std::optional(closes - std::chrono::hours(gen.between(0, 48))) : std::nullopt;
    c.enterprise_verified = gen.chance(0.9);
    c.form_finalized = gen.chance(0.9);
    c.sealed_scan_uploaded = gen.chance(0.9);
    c.materials_complete = gen.chance(0.9);
    c.reason = gen.chance(0.8) ? "理由" : "";
    c.experts_assigned = gen.chance(0.8);
    c.reviews_complete = gen.chance(0.8);
    c.category_fully_scored = gen.chance(0.8);
    if (gen.chance(0.9)) c.score = double(gen.between(40, 90));
    if (gen.chance(0.8)) c.publicity_ends = closes + std::chrono::hours(gen.between(0, 200));

    const auto result = check_transition(from, to, role, c);
    const Transition* edge = find_transition(from, to);
    SCOPED_TRACE(std::string(to_string(from)) + " -> " + std::string(to_string(to)) + " by " +
                 std::string(to_string(role)));
    if (result.ok()) {
      ++refusals["allowed"];
      ASSERT_NE(edge, nullptr);
      ASSERT_EQ(edge->role, role);
      ASSERT_FALSE(is_final(from));
      continue;
    }
    const Problem& p = result.problem();
    ++refusals[p.code];
    ASSERT_EQ(p.facts.at("from"), to_string(from));
    ASSERT_EQ(p.facts.at("to"), to_string(to));
    ASSERT_EQ(p.facts.at("why"), p.code == "illegal_transition"         ? "no_such_transition"
                                 : p.code == "transition_not_permitted" ? "role_not_allowed"
                                                                        : p.code);
    if (edge == nullptr) {
      ASSERT_EQ(p.code, "illegal_transition");
    }
    if (edge != nullptr && edge->role != role) {
      ASSERT_EQ(p.code, "transition_not_permitted");
    }
  }
  expect_every_case_occurred(
      refusals, {"allowed", "illegal_transition", "transition_not_permitted", "deadline_passed",
                 "revision_window_closed", "enterprise_unverified", "form_not_finalized",
                 "sealed_scan_missing", "materials_incomplete", "reason_required", "experts_not_assigned",
                 "reviews_incomplete", "category_not_fully_scored", "score_missing", "score_below_threshold",
                 "score_not_below_threshold", "publicity_not_over"});
}

TEST(RulesRandomized, GeneratedCreditCodesPassAndAnyCorruptionIsNamed) {
  SCOPED_TRACE("seed=" + std::to_string(seed()));
  Generator gen(seed() + 4);
  std::map<std::string, int> rules;
  const std::string alphabet(kCreditCodeAlphabet);
  const std::string junk = alphabet + "IOSVZ-a ";
  const char* prefixes[] = {"91", "92", "93", "51", "52", "11", "12", "31", "N2", "Y1"};
  const Policy& policy = policies().front();
  for (int i = 0; i < 10'000; ++i) {
    std::string first8;
    for (int k = 0; k < 8; ++k) first8 += alphabet[static_cast<std::size_t>(gen.between(0, 30))];
    const std::string prefix = prefixes[gen.between(0, 9)];
    const std::string body =
        prefix + gen.pick(policy.counties).division_code + first8 + *org_code_check_character(first8);
    const std::string code = body + *credit_code_check_character(body);
    SCOPED_TRACE(code);
    ASSERT_TRUE(parse_credit_code(code).ok());

    std::string bad = code;
    switch (gen.between(0, 3)) {
      case 0:
        bad.erase(static_cast<std::size_t>(gen.between(0, 17)), 1);
        break;
      case 1:
        bad.insert(static_cast<std::size_t>(gen.between(0, 18)), 1, '7');
        break;
      default: {
        const auto at = static_cast<std::size_t>(gen.between(0, 17));
        char replacement = code[at];
        while (replacement == code[at] || replacement - 'a' + 'A' == code[at])
          replacement = junk[static_cast<std::size_t>(gen.between(0, std::int64_t(junk.size()) - 1))];
        bad[at] = replacement;
      }
    }
    const auto parsed = parse_credit_code(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    ++rules[parsed.problem().facts.at("rule").get<std::string>()];
  }
  expect_every_case_occurred(rules, {"length", "alphabet", "authority", "entity_type", "division_code",
                                     "org_code_check", "check_character"});
}

TEST(RulesRandomized, MoneyFormattingRoundTripsAndGarbageIsRefusedCleanly) {
  SCOPED_TRACE("seed=" + std::to_string(seed()));
  Generator gen(seed() + 5);
  std::map<std::string, int> codes;
  const std::string pieces[] = {"1", "0", "9", ",", ".", "-", "万", "元", "１", "，", " ", "x", "999999999"};
  for (int i = 0; i < 20'000; ++i) {
    const Money m = fen(gen.between(0, std::numeric_limits<std::int64_t>::max()) >> gen.between(0, 62));
    ASSERT_EQ(parse_money(format_yuan(m))->fen(), m.fen());
    ASSERT_EQ(parse_money(format_wan_yuan(m) + "万")->fen(), m.fen());

    std::string garbage;
    for (int k = int(gen.between(0, 8)); k > 0; --k) garbage += pieces[gen.between(0, 12)];
    const auto parsed = parse_money(garbage);
    const std::string code = parsed.ok() ? "ok" : parsed.problem().code;
    ++codes[code];
    if (parsed.ok()) {
      ASSERT_GE(parsed->fen(), 0);
    }
  }
  expect_every_case_occurred(codes, {"ok", "money_empty", "money_syntax", "money_negative", "money_grouping",
                                     "money_precision", "money_overflow"});
}

}  // namespace
}  // namespace iifund::domain
