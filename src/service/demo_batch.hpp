#pragma once
// 演示批次: the shipped 2022 batch closed long ago and must keep refusing submissions, so the
// demo data set adds a copy with the same rules whose window is open around the day it is loaded,
// labelled 【演示】/[DEMO] wherever a name is shown.
#include <string>
#include <string_view>

#include "domain/policy.hpp"
#include "domain/result.hpp"

namespace iifund::service {

inline constexpr int kDemoWindowDays = 30;

// The shipped policy's TOML with a demo id, labelled names and a window from the start of the
// load day (Beijing time) for kDemoWindowDays. The result is re-validated by parse_policy.
domain::Result<std::string> make_demo_policy_text(std::string_view shipped_toml, domain::Instant now);

}  // namespace iifund::service
