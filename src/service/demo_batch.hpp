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

struct DemoPolicy {
  std::string toml_text;
  domain::Policy policy;  // toml_text parsed and validated
};

// The shipped policy's TOML with a demo id, labelled names and a window from the start of the
// load day (Beijing time) for kDemoWindowDays, validated by parse_policy.
domain::Result<DemoPolicy> make_demo_policy(std::string_view shipped_toml, domain::Instant now);

}  // namespace iifund::service
