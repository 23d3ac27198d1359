#pragma once
// Amounts and counters in a request body: a JSON whole number of any sign (fen may be 0, and a
// negative one must reach the service to be refused by name), unlike the positive ids of
// json_fields.hpp.
#include <nlohmann/json.hpp>
#include <optional>

namespace iifund::http {

// `object[name]` when it is a whole number (a float with no fraction counts); nullopt when
// absent, null or anything else.
inline std::optional<long long> integer_field(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return std::nullopt;
  auto found = object.find(name);
  if (found == object.end()) return std::nullopt;
  if (found->is_number_integer()) return found->get<long long>();
  if (found->is_number_float()) {
    const double value = found->get<double>();
    if (value >= -9.0e15 && value <= 9.0e15 && value == static_cast<double>(static_cast<long long>(value)))
      return static_cast<long long>(value);
  }
  return std::nullopt;
}

}  // namespace iifund::http
