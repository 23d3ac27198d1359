#include "domain/enterprise_size.hpp"

namespace iifund::domain {

std::string_view to_string(EnterpriseSize size) {
  switch (size) {
    case EnterpriseSize::large:
      return "large";
    case EnterpriseSize::medium:
      return "medium";
    case EnterpriseSize::small:
      return "small";
    case EnterpriseSize::micro:
      return "micro";
  }
  return "unknown";
}

std::string_view name_zh(EnterpriseSize size) {
  switch (size) {
    case EnterpriseSize::large:
      return "大型企业";
    case EnterpriseSize::medium:
      return "中型企业";
    case EnterpriseSize::small:
      return "小型企业";
    case EnterpriseSize::micro:
      return "微型企业";
  }
  return "";
}

EnterpriseSize classify_enterprise(const SizeThresholds& t, int employees, Money annual_revenue) {
  auto reaches = [&](const SizeTier& tier) {
    return employees >= tier.min_employees && annual_revenue >= tier.min_revenue;
  };
  if (reaches(t.large)) return EnterpriseSize::large;
  if (reaches(t.medium)) return EnterpriseSize::medium;
  if (reaches(t.small)) return EnterpriseSize::small;
  return EnterpriseSize::micro;
}

}  // namespace iifund::domain
