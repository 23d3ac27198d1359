#include "store/county_letter_store.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kLetterColumns =
    "SELECT id, batch_id, county_code, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at "
    "FROM county_letters ";

CountyLetterRecord read_letter(const soci::row& row) {
  CountyLetterRecord letter;
  letter.id = row_integer(row, 0);
  letter.batch_id = row_integer(row, 1);
  letter.county_code = row.get<std::string>(2);
  letter.file_name = row.get<std::string>(3);
  letter.content_type = row.get<std::string>(4);
  letter.size_bytes = row_integer(row, 5);
  letter.sha256 = row.get<std::string>(6);
  letter.uploaded_by = row_integer(row, 7);
  letter.uploaded_at = row.get<std::string>(8);
  return letter;
}

}  // namespace

bool save_county_letter(soci::session& sql, const CountyLetterRecord& letter, std::string_view bytes) {
  int existing = 0;
  sql << "SELECT COUNT(*) FROM county_letters WHERE batch_id = :b AND county_code = :c",
      soci::use(letter.batch_id), soci::use(letter.county_code), soci::into(existing);
  if (existing > 0) {
    sql << "DELETE FROM county_letters WHERE batch_id = :b AND county_code = :c", soci::use(letter.batch_id),
        soci::use(letter.county_code);
  }
  const bool postgresql = on_postgresql(sql);
  // SOCI binds a std::string with its length, so NUL bytes survive on SQLite; the cast stores a BLOB.
  std::string payload = postgresql ? hex_of_bytes(bytes) : std::string(bytes);
  const std::string insert =
      std::string(
          "INSERT INTO county_letters (batch_id, county_code, file_name, content_type, "
          "size_bytes, sha256, bytes, uploaded_by, uploaded_at) VALUES (:b, :c, :f, :t, "
          ":s, :h, ") +
      (postgresql ? "decode(:bytes, 'hex')" : "CAST(:bytes AS BLOB)") + ", :u, :at)";
  sql << insert, soci::use(letter.batch_id), soci::use(letter.county_code), soci::use(letter.file_name),
      soci::use(letter.content_type), soci::use(letter.size_bytes), soci::use(letter.sha256),
      soci::use(payload), soci::use(letter.uploaded_by), soci::use(letter.uploaded_at);
  return existing > 0;
}

std::vector<CountyLetterRecord> list_county_letters(soci::session& sql,
                                                    const std::optional<long long>& batch_id,
                                                    const std::optional<std::string>& county_code) {
  const int by_batch = batch_id ? 1 : 0;
  const int by_county = county_code ? 1 : 0;
  const long long batch = batch_id.value_or(0);
  const std::string county = county_code.value_or("");
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kLetterColumns) +
                          "WHERE (:f1 = 0 OR batch_id = :b) AND (:f2 = 0 OR county_code = :c) "
                          "ORDER BY batch_id, county_code",
       soci::use(by_batch), soci::use(batch), soci::use(by_county), soci::use(county));
  std::vector<CountyLetterRecord> letters;
  for (const auto& row : rows) letters.push_back(read_letter(row));
  return letters;
}

std::optional<CountyLetterRecord> find_county_letter(soci::session& sql, long long batch_id,
                                                     const std::string& county_code) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kLetterColumns) + "WHERE batch_id = :b AND county_code = :c",
       soci::use(batch_id), soci::use(county_code));
  for (const auto& row : rows) return read_letter(row);
  return std::nullopt;
}

std::string read_county_letter_bytes(soci::session& sql, long long letter_id) {
  const std::string query = on_postgresql(sql)
                                ? "SELECT encode(bytes, 'hex') FROM county_letters WHERE id = :id"
                                : "SELECT hex(bytes) FROM county_letters WHERE id = :id";
  std::string hex;
  sql << query, soci::use(letter_id), soci::into(hex);
  return bytes_of_hex(hex);
}

}  // namespace iifund::store
