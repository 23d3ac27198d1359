#include "domain/money.hpp"

#include <limits>
#include <vector>

namespace iifund::domain {

Money apply_rate(Money amount, BasisPoints rate) {
  const __int128 product = static_cast<__int128>(amount.fen()) * rate.value;
  // Division truncates toward zero; amounts and rates are non-negative, so this is floor.
  return Money::from_fen(static_cast<std::int64_t>(product / 10'000));
}

std::optional<Money> checked_add(Money a, Money b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.fen(), b.fen(), &sum)) return std::nullopt;
  return Money::from_fen(sum);
}

namespace {

bool consume_suffix(std::string_view& s, std::string_view suffix) {
  if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

bool consume_prefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

void trim_spaces(std::string_view& s) {
  for (;;) {
    if (consume_prefix(s, " ") || consume_prefix(s, "\t") || consume_prefix(s, "\u3000")) continue;
    if (consume_suffix(s, " ") || consume_suffix(s, "\t") || consume_suffix(s, "\u3000")) continue;
    return;
  }
}

// Full-width forms (U+FF01..U+FF5E, what a Chinese input method types) map to ASCII by a fixed
// offset. Anything else outside ASCII is left for the syntax check to refuse.
std::string to_ascii(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 == 0xEF && i + 2 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      const auto b2 = static_cast<unsigned char>(s[i + 2]);
      const unsigned code = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        out.push_back(static_cast<char>(code - 0xFEE0));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "1,234,567": a first group of 1–3 digits, then groups of exactly three.
bool valid_grouping(std::string_view s) {
  std::vector<std::string_view> groups;
  std::size_t start = 0;
  for (std::size_t pos = s.find(','); pos != std::string_view::npos; pos = s.find(',', start)) {
    groups.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
  groups.push_back(s.substr(start));
  if (groups.front().empty() || groups.front().size() > 3) return false;
  for (std::size_t i = 1; i < groups.size(); ++i)
    if (groups[i].size() != 3) return false;
  return true;
}

Problem money_problem(std::string code, std::string_view input, nlohmann::json facts = {}) {
  if (!facts.is_object()) facts = nlohmann::json::object();
  facts["input"] = std::string(input);
  return make_problem(std::move(code), 422, std::move(facts));
}

}  // namespace

Result<Money> parse_money(std::string_view text) {
  std::string_view s = text;
  trim_spaces(s);
  consume_suffix(s, "\u5143");                   // 元
  const bool wan = consume_suffix(s, "\u4E07");  // 万
  if (!consume_prefix(s, "\u00A5")) consume_prefix(s, "\uFFE5");
  trim_spaces(s);
  const std::string ascii = to_ascii(s);
  std::string_view body = ascii;
  if (body.empty()) return money_problem("money_empty", text);
  if (body.front() == '-') return money_problem("money_negative", text);
  if (body.front() == '+') body.remove_prefix(1);

  const std::size_t dot = body.find('.');
  std::string_view whole = body.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : body.substr(dot + 1);
  const bool has_commas = whole.find(',') != std::string_view::npos;
  std::string digits;
  for (char c : whole)
    if (c != ',') digits.push_back(c);
  if (digits.empty() || !all_digits(digits) || !all_digits(fraction) ||
      (dot != std::string_view::npos && fraction.empty()))
    return money_problem("money_syntax", text);
  if (has_commas && !valid_grouping(whole)) return money_problem("money_grouping", text);

  // Fen per unit: 100 per yuan, 1,000,000 per 万元; so 2 or 6 decimals fit exactly.
  const int max_decimals = wan ? 6 : 2;
  if (static_cast<int>(fraction.size()) > max_decimals)
    return money_problem("money_precision", text,
                         {{"max_decimals", max_decimals}, {"unit", wan ? "wan" : "yuan"}});

  std::int64_t value = 0;
  std::string all = digits + std::string(fraction) + std::string(max_decimals - fraction.size(), '0');
  for (char c : all) {
    if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, c - '0', &value))
      return money_problem("money_overflow", text, {{"max_fen", std::numeric_limits<std::int64_t>::max()}});
  }
  return Money::from_fen(value);
}

std::string format_yuan(Money amount) {
  std::int64_t fen = amount.fen();
  const bool negative = fen < 0;
  // Negative amounts appear only in differences; print them without overflowing at INT64_MIN.
  const unsigned long long magnitude =
      negative ? 0ULL - static_cast<unsigned long long>(fen) : static_cast<unsigned long long>(fen);
  std::string whole = std::to_string(magnitude / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(whole[i]);
  }
  const unsigned cents = magnitude % 100;
  std::string out = negative ? "-" : "";
  out += grouped + "." + static_cast<char>('0' + cents / 10) + static_cast<char>('0' + cents % 10);
  return out;
}

std::string format_wan_yuan(Money amount) {
  std::int64_t fen = amount.fen();
  const bool negative = fen < 0;
  const unsigned long long magnitude =
      negative ? 0ULL - static_cast<unsigned long long>(fen) : static_cast<unsigned long long>(fen);
  std::string out = (negative ? "-" : "") + std::to_string(magnitude / 1'000'000);
  std::string fraction = std::to_string(magnitude % 1'000'000);
  fraction.insert(0, 6 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

}  // namespace iifund::domain
