#pragma once
// Instants are stored in UTC and shown in Beijing time (UTC+8, no daylight saving). The domain
// never reads the clock: whoever needs "now" passes it in, so tests stand before and after a
// deadline at will.
#include <chrono>
#include <string>
#include <string_view>

#include "domain/policy.hpp"
#include "domain/result.hpp"

namespace iifund::domain {

inline constexpr std::chrono::minutes kBeijingOffset{8 * 60};

// "2022-12-01T00:00:00+08:00": the instant in Beijing time, RFC 3339.
std::string format_beijing(Instant at);

// RFC 3339 with a required offset ("Z" or ±hh:mm); fractions of a second are dropped.
// Refusal: code "instant_syntax" with facts {input}.
Result<Instant> parse_instant(std::string_view text);

}  // namespace iifund::domain
