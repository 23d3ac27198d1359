#pragma once
// "Now" is passed in, never read directly by a use case: tests stand past a session's idle or
// absolute timeout, or after a throttling window, by moving a ManualClock.
#include <atomic>
#include <chrono>
#include <string>

#include "domain/policy.hpp"

namespace iifund::service {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual domain::Instant now() const = 0;
};

// The wall clock, to the second (timestamps are stored to the second).
const Clock& system_clock();

// Test-only: "now" is the RFC 3339 instant written in `path` (re-read on every call, so a test
// moves the server's clock by rewriting the file); the wall clock while the file is missing,
// empty or unreadable. The server installs it only under IIFUND_TEST_MODE=1.
class FileClock : public Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  domain::Instant now() const override;

 private:
  std::string path_;
};

class ManualClock : public Clock {
 public:
  explicit ManualClock(domain::Instant start) : seconds_(start.time_since_epoch().count()) {}
  domain::Instant now() const override { return domain::Instant(std::chrono::seconds(seconds_.load())); }
  void advance(std::chrono::seconds by) { seconds_ += by.count(); }

 private:
  std::atomic<long long> seconds_;
};

}  // namespace iifund::service
