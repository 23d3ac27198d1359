#include "service/clock.hpp"

#include <fstream>

#include "domain/time.hpp"

namespace iifund::service {

namespace {

class SystemClock : public Clock {
 public:
  domain::Instant now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

domain::Instant FileClock::now() const {
  std::ifstream file(path_);
  std::string text;
  if (file && std::getline(file, text)) {
    if (auto instant = domain::parse_instant(text)) return instant.value();
  }
  return system_clock().now();
}

}  // namespace iifund::service
