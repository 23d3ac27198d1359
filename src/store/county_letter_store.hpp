#pragma once
// 县区推荐函: the county's sealed recommendation letter for a batch, one per county and batch; a
// newer upload replaces the older one. The bytes are read only when someone downloads them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct CountyLetterRecord {
  long long id = 0;
  long long batch_id = 0;
  std::string county_code;
  std::string file_name;
  std::string content_type;
  long long size_bytes = 0;
  std::string sha256;
  long long uploaded_by = 0;
  std::string uploaded_at;
};

// Stores the letter (replacing the county's earlier one for the batch); answers whether it replaced one.
bool save_county_letter(soci::session& sql, const CountyLetterRecord& letter, std::string_view bytes);

// Without the bytes, ordered by batch and county; each filter applies when given.
std::vector<CountyLetterRecord> list_county_letters(soci::session& sql,
                                                    const std::optional<long long>& batch_id,
                                                    const std::optional<std::string>& county_code);
std::optional<CountyLetterRecord> find_county_letter(soci::session& sql, long long batch_id,
                                                     const std::string& county_code);
std::string read_county_letter_bytes(soci::session& sql, long long letter_id);

}  // namespace iifund::store
