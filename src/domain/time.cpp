#include "domain/time.hpp"

#include <fmt/format.h>

namespace iifund::domain {

std::string format_beijing(Instant at) {
  using namespace std::chrono;
  const auto local = at + kBeijingOffset;
  const auto day = floor<days>(local);
  const year_month_day ymd(day);
  const hh_mm_ss<seconds> tod(local - day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()), tod.hours().count(), tod.minutes().count(), tod.seconds().count());
}

namespace {

bool read_number(std::string_view s, std::size_t at, std::size_t width, int& out) {
  if (at + width > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

Result<Instant> parse_instant(std::string_view text) {
  using namespace std::chrono;
  const Problem refusal = make_problem("instant_syntax", 422, {{"input", std::string(text)}});
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!read_number(text, 0, 4, y) || text.size() < 20 || text[4] != '-' || !read_number(text, 5, 2, mo) ||
      text[7] != '-' || !read_number(text, 8, 2, d) || (text[10] != 'T' && text[10] != ' ') ||
      !read_number(text, 11, 2, h) || text[13] != ':' || !read_number(text, 14, 2, mi) || text[16] != ':' ||
      !read_number(text, 17, 2, se))
    return refusal;
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.')
    for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9';) ++at;
  const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 59) return refusal;
  Instant local = Instant(sys_days(ymd).time_since_epoch()) + hours(h) + minutes(mi) + seconds(se);
  const std::string_view zone = text.substr(at);
  if (zone == "Z" || zone == "z") return local;
  int oh = 0, om = 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !read_number(zone, 1, 2, oh) ||
      zone[3] != ':' || !read_number(zone, 4, 2, om) || oh > 23 || om > 59)
    return refusal;
  const minutes offset = hours(oh) + minutes(om);
  return zone[0] == '+' ? local - offset : local + offset;
}

}  // namespace iifund::domain
