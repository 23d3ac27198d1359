#include "store/batch_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

domain::Result<long long> save_batch(soci::session& sql, const BatchRecord& batch, const std::string& now) {
  int is_demo = batch.is_demo ? 1 : 0;
  std::string opens_at = batch.opens_at.value_or("");
  soci::indicator opens_ind = batch.opens_at ? soci::i_ok : soci::i_null;
  long long id = 0;
  soci::indicator found = soci::i_null;
  sql << "SELECT id FROM batches WHERE code = :c", soci::use(batch.code), soci::into(id, found);
  if (sql.got_data() && found == soci::i_ok) {
    sql << "UPDATE batches SET name_zh = :nz, name_en = :ne, policy_toml = :p, is_demo = :d, opens_at = :o, "
           "closes_at = :cl WHERE id = :id",
        soci::use(batch.name_zh), soci::use(batch.name_en), soci::use(batch.policy_toml), soci::use(is_demo),
        soci::use(opens_at, opens_ind), soci::use(batch.closes_at), soci::use(id);
    return id;
  }
  sql << "INSERT INTO batches (code, name_zh, name_en, policy_toml, is_demo, opens_at, closes_at, "
         "created_at) "
         "VALUES (:c, :nz, :ne, :p, :d, :o, :cl, :t)",
      soci::use(batch.code), soci::use(batch.name_zh), soci::use(batch.name_en), soci::use(batch.policy_toml),
      soci::use(is_demo), soci::use(opens_at, opens_ind), soci::use(batch.closes_at), soci::use(now);
  sql << "SELECT id FROM batches WHERE code = :c", soci::use(batch.code), soci::into(id);
  return id;
}

namespace {

constexpr const char* kBatchColumns =
    "SELECT id, code, name_zh, name_en, is_demo, opens_at, closes_at FROM batches ";

BatchRecord read_batch(const soci::row& row) {
  BatchRecord batch;
  batch.id = row_integer(row, 0);
  batch.code = row.get<std::string>(1);
  batch.name_zh = row.get<std::string>(2);
  batch.name_en = row.get<std::string>(3);
  batch.is_demo = row_integer(row, 4) != 0;
  batch.opens_at = row_optional_text(row, 5);
  batch.closes_at = row.get<std::string>(6);
  return batch;
}

}  // namespace

std::vector<BatchRecord> list_batches(soci::session& sql) {
  std::vector<BatchRecord> batches;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kBatchColumns) + "ORDER BY id");
  for (const auto& row : rows) batches.push_back(read_batch(row));
  return batches;
}

std::optional<BatchRecord> find_batch(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kBatchColumns) + "WHERE id = :id", soci::use(id));
  for (const auto& row : rows) {
    BatchRecord batch = read_batch(row);
    sql << "SELECT policy_toml FROM batches WHERE id = :id", soci::use(id), soci::into(batch.policy_toml);
    return batch;
  }
  return std::nullopt;
}

}  // namespace iifund::store
