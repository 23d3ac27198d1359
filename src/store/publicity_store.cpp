#include "store/publicity_store.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kPublicityColumns =
    "SELECT p.id, p.batch_id, p.run_id, p.starts_at, p.ends_at, p.entries_json, p.published_by, "
    "p.published_at, "
    "b.name_zh, b.name_en FROM publicities p JOIN batches b ON b.id = p.batch_id ";

PublicityRecord read_publicity(const soci::row& row) {
  PublicityRecord publicity;
  publicity.id = row_integer(row, 0);
  publicity.batch_id = row_integer(row, 1);
  publicity.run_id = row_integer(row, 2);
  publicity.starts_at = row.get<std::string>(3);
  publicity.ends_at = row.get<std::string>(4);
  publicity.entries_json = row.get<std::string>(5);
  publicity.published_by = row_integer(row, 6);
  publicity.published_at = row.get<std::string>(7);
  publicity.batch_name_zh = row.get<std::string>(8);
  publicity.batch_name_en = row.get<std::string>(9);
  return publicity;
}

std::string objection_columns(soci::session& sql) {
  return std::string(
             "SELECT o.id, o.publicity_id, o.application_id, o.objector_name, o.objector_organization, "
             "o.phone, "
             "o.address, o.content, o.letter_name, o.letter_type, o.letter_sha256, ") +
         (on_postgresql(sql) ? "octet_length(o.letter_bytes)" : "length(o.letter_bytes)") +
         ", o.client_address, o.submitted_at, o.state, o.investigation, o.outcome, o.changed_fen, "
         "o.decided_by, "
         "o.decided_at, a.number, p.batch_id FROM objections o JOIN publicities p ON p.id = o.publicity_id "
         "LEFT JOIN applications a ON a.id = o.application_id ";
}

ObjectionRecord read_objection(const soci::row& row) {
  ObjectionRecord objection;
  objection.id = row_integer(row, 0);
  objection.publicity_id = row_integer(row, 1);
  if (row.get_indicator(2) == soci::i_ok) objection.application_id = row_integer(row, 2);
  objection.objector_name = row.get<std::string>(3);
  objection.objector_organization = row.get<std::string>(4);
  objection.phone = row.get<std::string>(5);
  objection.address = row.get<std::string>(6);
  objection.content = row.get<std::string>(7);
  objection.letter_name = row.get<std::string>(8);
  objection.letter_type = row.get<std::string>(9);
  objection.letter_sha256 = row.get<std::string>(10);
  objection.letter_size = row_integer(row, 11);
  objection.client_address = row.get<std::string>(12);
  objection.submitted_at = row.get<std::string>(13);
  objection.state = row.get<std::string>(14);
  objection.investigation = row.get<std::string>(15);
  objection.outcome = row.get<std::string>(16);
  if (row.get_indicator(17) == soci::i_ok) objection.changed_fen = row_integer(row, 17);
  if (row.get_indicator(18) == soci::i_ok) objection.decided_by = row_integer(row, 18);
  objection.decided_at = row_optional_text(row, 19);
  objection.application_number = row_optional_text(row, 20).value_or("");
  objection.batch_id = row_integer(row, 21);
  return objection;
}

}  // namespace

long long insert_publicity(soci::session& sql, const PublicityRecord& publicity) {
  sql << "INSERT INTO publicities (batch_id, run_id, starts_at, ends_at, entries_json, published_by, "
         "published_at) "
         "VALUES (:b, :r, :s, :e, :j, :u, :at)",
      soci::use(publicity.batch_id), soci::use(publicity.run_id), soci::use(publicity.starts_at),
      soci::use(publicity.ends_at), soci::use(publicity.entries_json), soci::use(publicity.published_by),
      soci::use(publicity.published_at);
  return last_insert_id(sql, "publicities");
}

std::optional<PublicityRecord> find_publicity(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kPublicityColumns) + "WHERE p.id = :id", soci::use(id));
  for (const auto& row : rows) return read_publicity(row);
  return std::nullopt;
}

std::optional<PublicityRecord> find_batch_publicity(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kPublicityColumns) + "WHERE p.batch_id = :b", soci::use(batch_id));
  for (const auto& row : rows) return read_publicity(row);
  return std::nullopt;
}

std::vector<PublicityRecord> list_publicities(soci::session& sql) {
  soci::rowset<soci::row> rows = sql.prepare
                                 << std::string(kPublicityColumns) + "ORDER BY p.starts_at DESC, p.id DESC";
  std::vector<PublicityRecord> publicities;
  for (const auto& row : rows) publicities.push_back(read_publicity(row));
  return publicities;
}

void update_publicity_entries(soci::session& sql, long long id, const std::string& entries_json) {
  sql << "UPDATE publicities SET entries_json = :j WHERE id = :id", soci::use(entries_json), soci::use(id);
}

long long insert_objection(soci::session& sql, const ObjectionRecord& objection, std::string_view letter) {
  const bool postgresql = on_postgresql(sql);
  // SOCI binds a std::string with its length, so NUL bytes survive on SQLite; the cast stores a BLOB.
  std::string payload = postgresql ? hex_of_bytes(letter) : std::string(letter);
  long long application = objection.application_id.value_or(0);
  soci::indicator application_indicator = objection.application_id ? soci::i_ok : soci::i_null;
  const std::string insert = std::string(
                                 "INSERT INTO objections (publicity_id, application_id, objector_name, "
                                 "objector_organization, phone, "
                                 "address, content, letter_name, letter_type, letter_sha256, letter_bytes, "
                                 "client_address, submitted_at, "
                                 "state) VALUES (:p, :a, :n, :o, :ph, :ad, :c, :ln, :lt, :lh, ") +
                             (postgresql ? "decode(:bytes, 'hex')" : "CAST(:bytes AS BLOB)") +
                             ", :ca, :at, 'received')";
  sql << insert, soci::use(objection.publicity_id), soci::use(application, application_indicator),
      soci::use(objection.objector_name), soci::use(objection.objector_organization),
      soci::use(objection.phone), soci::use(objection.address), soci::use(objection.content),
      soci::use(objection.letter_name), soci::use(objection.letter_type), soci::use(objection.letter_sha256),
      soci::use(payload), soci::use(objection.client_address), soci::use(objection.submitted_at);
  return last_insert_id(sql, "objections");
}

std::optional<ObjectionRecord> find_objection(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << objection_columns(sql) + "WHERE o.id = :id", soci::use(id));
  for (const auto& row : rows) return read_objection(row);
  return std::nullopt;
}

std::vector<ObjectionRecord> list_batch_objections(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << objection_columns(sql) + "WHERE p.batch_id = :b ORDER BY o.id", soci::use(batch_id));
  std::vector<ObjectionRecord> objections;
  for (const auto& row : rows) objections.push_back(read_objection(row));
  return objections;
}

std::string read_objection_letter(soci::session& sql, long long id) {
  const std::string query = on_postgresql(sql)
                                ? "SELECT encode(letter_bytes, 'hex') FROM objections WHERE id = :id"
                                : "SELECT hex(letter_bytes) FROM objections WHERE id = :id";
  std::string hex;
  sql << query, soci::use(id), soci::into(hex);
  return bytes_of_hex(hex);
}

long long count_objections_from(soci::session& sql, const std::string& client_address,
                                const std::string& since) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM objections WHERE client_address = :a AND submitted_at >= :s",
      soci::use(client_address), soci::use(since), soci::into(count);
  return count;
}

long long count_open_objections(soci::session& sql, long long publicity_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM objections WHERE publicity_id = :p AND state IN ('received', 'investigating')",
      soci::use(publicity_id), soci::into(count);
  return count;
}

void update_objection_decision(soci::session& sql, const ObjectionRecord& objection) {
  long long application = objection.application_id.value_or(0);
  soci::indicator application_indicator = objection.application_id ? soci::i_ok : soci::i_null;
  long long changed = objection.changed_fen.value_or(0);
  soci::indicator changed_indicator = objection.changed_fen ? soci::i_ok : soci::i_null;
  long long decided_by = objection.decided_by.value_or(0);
  soci::indicator decided_by_indicator = objection.decided_by ? soci::i_ok : soci::i_null;
  OptionalText decided_at(objection.decided_at);
  sql << "UPDATE objections SET application_id = :a, state = :s, investigation = :i, outcome = :o, "
         "changed_fen = :f, decided_by = :u, decided_at = :at WHERE id = :id",
      soci::use(application, application_indicator), soci::use(objection.state),
      soci::use(objection.investigation), soci::use(objection.outcome), soci::use(changed, changed_indicator),
      soci::use(decided_by, decided_by_indicator), soci::use(decided_at.text, decided_at.indicator),
      soci::use(objection.id);
}

}  // namespace iifund::store
