#include "report/number_text.hpp"

#include <fmt/format.h>

#include "domain/money.hpp"

namespace iifund::report {

std::string yuan_text(std::int64_t fen) { return domain::format_yuan(domain::Money::from_fen(fen)); }

std::string file_size_text(std::int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < std::int64_t{1024} * 1024) return fmt::format("{:.1f} KB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

}  // namespace iifund::report
