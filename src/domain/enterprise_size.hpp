#pragma once
// 企业划型: large / medium / small / micro for an industrial enterprise under the 2011 SME rules
// (中小企业划型标准规定, 工信部联企业〔2011〕300号). A tier needs both its employee and revenue
// minimums; failing either drops to the next tier ("从业人员…以下或营业收入…以下"). The figures
// live in the policy's [sme] table, so a revised standard is a policy change.
#include <string_view>

#include "domain/money.hpp"
#include "domain/policy.hpp"

namespace iifund::domain {

enum class EnterpriseSize { large, medium, small, micro };
std::string_view to_string(EnterpriseSize size);
std::string_view name_zh(EnterpriseSize size);

EnterpriseSize classify_enterprise(const SizeThresholds& thresholds, int employees, Money annual_revenue);

// 中小微企业: everything but large.
inline bool is_sme(EnterpriseSize size) { return size != EnterpriseSize::large; }

}  // namespace iifund::domain
