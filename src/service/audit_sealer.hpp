#pragma once
// The background sealer of `iifund serve`: every interval it chains the committed, unsealed audit
// records (store/audit_chain.hpp). Writers never wait for it; it seals once more when stopped.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/database.hpp"

namespace iifund::service {

class AuditSealer {
 public:
  AuditSealer(store::Database& db, std::chrono::milliseconds interval);
  ~AuditSealer();  // stops and joins
  AuditSealer(const AuditSealer&) = delete;
  AuditSealer& operator=(const AuditSealer&) = delete;

  void stop();

 private:
  void run();

  store::Database& db_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace iifund::service
