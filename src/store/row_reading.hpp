#pragma once
// Reading a soci::row the same way on both backends: SQLite reports every INTEGER column as
// 64-bit, PostgreSQL as 32- or 64-bit by declared type, and row.get<T> throws bad_cast on a
// mismatch.
#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>

namespace iifund::store {

long long row_integer(const soci::row& row, std::size_t column);
double row_real(const soci::row& row, std::size_t column);
std::optional<double> row_optional_real(const soci::row& row, std::size_t column);
std::optional<std::string> row_optional_text(const soci::row& row, std::size_t column);

// An optional text bound as a parameter: NULL when empty.
struct OptionalText {
  explicit OptionalText(const std::optional<std::string>& value)
      : text(value.value_or("")), indicator(value ? soci::i_ok : soci::i_null) {}
  std::string text;
  soci::indicator indicator;
};

bool on_postgresql(soci::session& sql);

// Bytes travel as hex text both ways on PostgreSQL (bytea via encode/decode), which no driver
// truncates at a NUL byte. bytes_of_hex throws std::runtime_error on text that is not hex.
std::string hex_of_bytes(std::string_view bytes);
std::string bytes_of_hex(const std::string& hex);

// The id the last INSERT into `table` (a literal table name with an {id} column) gave its row,
// on this session: last_insert_rowid() on SQLite, the serial's currval on PostgreSQL.
long long last_insert_id(soci::session& sql, const char* table);

}  // namespace iifund::store
