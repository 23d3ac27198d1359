#pragma once
// 承诺书: before an expert sees the first application of a batch, it accepts the batch's pledge —
// confidentiality, impartiality, conflicts declared. The text names the batch; its SHA-256 is
// what the expert accepts, so a pledge changed after it was read is refused (409 pledge_changed).
#include <optional>
#include <string>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"

namespace iifund::service {

struct PledgeView {
  long long batch_id = 0;
  std::string text_zh;
  std::string text_en;
  std::string pledge_hash;  // SHA-256 hex of text_zh, a line feed, and text_en
  std::optional<std::string> accepted_at;
};

// The calling expert's pledge for the batch. 404 not_found for an unknown batch or an expert
// account without a pool record.
domain::Result<PledgeView> view_pledge(store::Database& db, const Caller& caller, long long batch_id);
// Accepts it (idempotent once accepted); 409 pledge_changed when `pledge_hash` is not the text's.
// Audit review.pledge.
domain::Result<PledgeView> accept_pledge(store::Database& db, const Clock& clock, const Caller& caller,
                                         long long batch_id, const std::string& pledge_hash);

// Inside a transaction: whether the expert accepted the batch's pledge.
bool pledge_accepted(soci::session& sql, long long expert_id, long long batch_id);

}  // namespace iifund::service
