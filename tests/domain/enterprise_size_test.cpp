#include "domain/enterprise_size.hpp"

#include <gtest/gtest.h>

namespace iifund::domain {
namespace {

const SizeThresholds& industry() {
  static const Policy policy =
      *load_policy_file(std::string(IIFUND_SOURCE_DIR) + "/policies/jiangmen-2022-batch2.toml");
  return policy.sme;
}

struct Case {
  int employees;
  Money revenue;
  EnterpriseSize size;
};

// 工业: <1000人 or <40000万元 is an SME; medium ≥300人 and ≥2000万元; small ≥20人 and ≥300万元.
TEST(EnterpriseSize, IndustrialThresholdsOf2011) {
  const Case cases[] = {
      {1000, wan_yuan(40'000), EnterpriseSize::large},
      {999, wan_yuan(100'000), EnterpriseSize::medium},  // under 1000 people: an SME whatever the revenue
      {5000, wan_yuan(40'000) - fen(1), EnterpriseSize::medium},
      {300, wan_yuan(2'000), EnterpriseSize::medium},
      {299, wan_yuan(2'000), EnterpriseSize::small},
      {300, wan_yuan(2'000) - fen(1), EnterpriseSize::small},
      {20, wan_yuan(300), EnterpriseSize::small},
      {19, wan_yuan(300), EnterpriseSize::micro},
      {20, wan_yuan(300) - fen(1), EnterpriseSize::micro},
      {5000, wan_yuan(299), EnterpriseSize::micro},
      {0, Money{}, EnterpriseSize::micro},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.employees) + " people, " + format_wan_yuan(c.revenue) + "万元");
    EXPECT_EQ(classify_enterprise(industry(), c.employees, c.revenue), c.size);
  }
  EXPECT_FALSE(is_sme(EnterpriseSize::large));
  EXPECT_TRUE(is_sme(EnterpriseSize::micro));
  EXPECT_EQ(name_zh(EnterpriseSize::medium), "中型企业");
}

}  // namespace
}  // namespace iifund::domain
