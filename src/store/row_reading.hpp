#pragma once
// Reading a soci::row the same way on both backends: SQLite reports every INTEGER column as
// 64-bit, PostgreSQL as 32- or 64-bit by declared type, and row.get<T> throws bad_cast on a
// mismatch.
#include <soci/soci.h>

#include <optional>
#include <string>

namespace iifund::store {

long long row_integer(const soci::row& row, std::size_t column);
std::optional<std::string> row_optional_text(const soci::row& row, std::size_t column);

}  // namespace iifund::store
