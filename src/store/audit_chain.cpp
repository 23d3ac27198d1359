#include "store/audit_chain.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

// The last link of the chain: its position and seal (0 and "" before the first seal).
std::pair<long long, std::string> chain_head(soci::session& sql) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT chain_position, seal FROM audit_log WHERE chain_position IS NOT NULL "
                      "ORDER BY chain_position DESC LIMIT 1");
  for (const auto& row : rows) return {row_integer(row, 0), row.get<std::string>(1)};
  return {0, ""};
}

}  // namespace

std::string canonical_audit_json(const StoredAuditRecord& stored) {
  const AuditRecord& r = stored.record;
  nlohmann::json object = {{"id", stored.id},    {"chain_position", stored.chain_position.value_or(0)},
                           {"at", r.at},         {"actor", r.actor},
                           {"role", r.role},     {"client_address", r.client_address},
                           {"action", r.action}, {"object", r.object},
                           {"result", r.result}, {"summary", r.details_json}};
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string next_audit_seal(const std::string& previous_seal, const std::string& canonical_json) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(previous_seal.data()),
                            previous_seal.size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(canonical_json.data()),
                            canonical_json.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

domain::Result<long long> seal_audit_records(Database& db, long long limit) {
  long long sealed = 0;
  domain::Status done = db.write([&](soci::session& sql) {
    sealed = 0;
    // One sealer at a time across servers: SQLite's BEGIN IMMEDIATE already serializes writers;
    // PostgreSQL needs a transaction-scoped advisory lock (released at commit or rollback).
    if (db.backend() == Backend::postgresql) sql << "SELECT pg_advisory_xact_lock(4400705)";
    auto [position, seal] = chain_head(sql);
    std::vector<StoredAuditRecord> pending;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kAuditRecordColumns) + "WHERE seal IS NULL ORDER BY id LIMIT :n",
         soci::use(limit));
    for (const auto& row : rows) pending.push_back(read_audit_record(row));
    for (auto& record : pending) {
      record.chain_position = ++position;
      seal = next_audit_seal(seal, canonical_audit_json(record));
      sql << "UPDATE audit_log SET chain_position = :p, seal = :s WHERE id = :id", soci::use(position),
          soci::use(seal), soci::use(record.id);
      ++sealed;
    }
    return domain::Status(domain::Ok{});
  });
  if (!done) return done.take_problem();
  return sealed;
}

domain::Result<ChainVerification> verify_audit_chain(Database& db) {
  ChainVerification verification;
  domain::Status read = db.read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE seal IS NULL", soci::into(verification.unsealed);
    std::string seal;
    long long expected_position = 0;
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kAuditRecordColumns) +
                                                       "WHERE chain_position IS NOT NULL OR seal IS NOT NULL "
                                                       "ORDER BY chain_position, id");
    for (const auto& row : rows) {
      StoredAuditRecord record = read_audit_record(row);
      ++expected_position;
      std::string reason;
      if (!record.chain_position || !record.seal) {
        reason = "seal_mismatch";
      } else if (*record.chain_position != expected_position) {
        reason = "position_gap";
      } else {
        seal = next_audit_seal(seal, canonical_audit_json(record));
        if (seal != *record.seal) reason = "seal_mismatch";
      }
      if (!reason.empty()) {
        verification.intact = false;
        verification.first_broken_id = record.id;
        verification.reason = reason;
        return domain::Status(domain::Ok{});
      }
      ++verification.sealed;
    }
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  return verification;
}

}  // namespace iifund::store
