#include "http/router.hpp"

#include <map>
#include <vector>

namespace iifund::http {

namespace {

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end;
  }
  return segments;
}

bool match_pattern(std::string_view pattern, const std::vector<std::string_view>& path_segments,
                   std::map<std::string, std::string>& params) {
  auto pattern_segments = split_segments(pattern);
  if (pattern_segments.size() != path_segments.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < pattern_segments.size(); ++i) {
    if (!pattern_segments[i].empty() && pattern_segments[i][0] == ':') {
      found.emplace(std::string(pattern_segments[i].substr(1)), std::string(path_segments[i]));
    } else if (pattern_segments[i] != path_segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

namespace {

struct RoleBit {
  Access access;
  const char* role;
};
constexpr RoleBit kRoleBits[] = {{Access::enterprise, "enterprise"}, {Access::county, "county"},
                                 {Access::organizer, "organizer"},   {Access::expert, "expert"},
                                 {Access::bureau, "bureau"},         {Access::admin, "admin"}};
constexpr unsigned kRoleMask = 0xFCu;

}  // namespace

bool access_rule_valid(Access access) {
  auto bits = static_cast<unsigned>(access);
  if (access == Access::anyone || access == Access::signed_in) return true;
  return bits != 0 && (bits & ~kRoleMask) == 0;
}

bool access_allows_role(Access access, const std::string& role) {
  if (!access_rule_valid(access)) return false;
  if (access == Access::anyone || access == Access::signed_in) return true;
  for (const auto& bit : kRoleBits)
    if (includes(access, bit.access) && role == bit.role) return true;
  return false;
}

std::string access_name(Access access) {
  if (access == Access::anyone) return "anyone";
  if (access == Access::signed_in) return "signed_in";
  std::string name;
  for (const auto& bit : kRoleBits) {
    if (!includes(access, bit.access)) continue;
    if (!name.empty()) name += "|";
    name += bit.role;
  }
  return access_rule_valid(access) ? name : "INVALID";
}

RouteMatch match_route(std::span<const Route> routes, HttpRequest& request) {
  auto segments = split_segments(request.path);
  RouteMatch match;
  for (const auto& route : routes) {
    std::map<std::string, std::string> params;
    if (!match_pattern(route.pattern, segments, params)) continue;
    match.path_known = true;
    bool method_fits =
        route.method == request.method || (route.method == Method::get && request.method == Method::head);
    if (method_fits) {
      match.route = &route;
      request.path_params = std::move(params);
      return match;
    }
  }
  return match;
}

}  // namespace iifund::http
