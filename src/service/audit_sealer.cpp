#include "service/audit_sealer.hpp"

#include <spdlog/spdlog.h>

#include "store/audit_chain.hpp"

namespace iifund::service {

AuditSealer::AuditSealer(store::Database& db, std::chrono::milliseconds interval)
    : db_(db), interval_(interval), thread_([this] { run(); }) {}

AuditSealer::~AuditSealer() { stop(); }

void AuditSealer::stop() {
  {
    std::lock_guard<std::mutex> guard(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AuditSealer::run() {
  for (;;) {
    bool last_round = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait_for(lock, interval_, [this] { return stopping_; });
      last_round = stopping_;
    }
    // Drain in batches so a backlog is chained without one huge transaction.
    for (;;) {
      auto sealed = store::seal_audit_records(db_, 1000);
      if (!sealed) {
        spdlog::error("audit sealer: {}", sealed.problem().code);
        break;
      }
      if (sealed.value() < 1000) break;
    }
    if (last_round) return;
  }
}

}  // namespace iifund::service
