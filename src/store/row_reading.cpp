#include "store/row_reading.hpp"

#include <sodium.h>

#include <stdexcept>

namespace iifund::store {

long long row_integer(const soci::row& row, std::size_t column) {
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(column);
    case soci::dt_long_long:
      return row.get<long long>(column);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(row.get<unsigned long long>(column));
    case soci::dt_double:
      return static_cast<long long>(row.get<double>(column));
    default:
      return std::stoll(row.get<std::string>(column));
  }
}

std::optional<std::string> row_optional_text(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) != soci::i_ok) return std::nullopt;
  return row.get<std::string>(column);
}

double row_real(const soci::row& row, std::size_t column) {
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_double:
      return row.get<double>(column);
    case soci::dt_string:
      return std::stod(row.get<std::string>(column));
    default:
      return static_cast<double>(row_integer(row, column));
  }
}

std::optional<double> row_optional_real(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) != soci::i_ok) return std::nullopt;
  return row_real(row, column);
}

std::string hex_of_bytes(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}

std::string bytes_of_hex(const std::string& hex) {
  std::string bytes(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(),
                     nullptr, &length, nullptr) != 0) {
    throw std::runtime_error("stored bytes are not valid hex");
  }
  bytes.resize(length);
  return bytes;
}

bool on_postgresql(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

long long last_insert_id(soci::session& sql, const char* table) {
  long long id = 0;
  if (on_postgresql(sql)) {
    // A named string: SOCI runs the statement when the full expression ends, after a temporary
    // bound here would already be gone (the sequence name then arrived as stray bytes).
    const std::string name(table);
    sql << "SELECT currval(pg_get_serial_sequence(:t, 'id'))", soci::use(name), soci::into(id);
  } else {
    sql << "SELECT last_insert_rowid()", soci::into(id);
  }
  return id;
}

}  // namespace iifund::store
