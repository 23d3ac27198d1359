#pragma once
// Numbers as the document prints them: money in yuan from exact fen, file sizes for people.
#include <cstdint>
#include <string>

namespace iifund::report {

// "1,234,567.89" from 123456789 fen: two decimals, thousands separated, never rounded.
std::string yuan_text(std::int64_t fen);

// "980 B", "12.3 KB", "4.5 MB" (1 KB = 1024 bytes, one decimal above bytes).
std::string file_size_text(std::int64_t bytes);

}  // namespace iifund::report
