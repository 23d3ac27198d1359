#include "service/clock.hpp"

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

}  // namespace iifund::service
