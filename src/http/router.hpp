#pragma once
// Matching a path against the route table, segment by segment ("/api/applications/:id/submit").
// No regular expressions: a 79 KB path segment once overflowed std::regex inside RESTinio's
// express router, and a plain split cannot.
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "http/http_types.hpp"
#include "http/server_context.hpp"

namespace iifund::http {

// Who may call a route. Deny is the default: a route must name its rule (checked by a test).
// `anyone` and `signed_in` stand alone; the roles combine: Access::county | Access::admin.
// A route left at `none` (e.g. `{}` in the table) is refused for everybody and fails the test.
enum class Access : unsigned {
  none = 0,
  anyone = 1u << 0,
  signed_in = 1u << 1,
  enterprise = 1u << 2,
  county = 1u << 3,
  organizer = 1u << 4,
  expert = 1u << 5,
  bureau = 1u << 6,
  admin = 1u << 7,
};

constexpr Access operator|(Access a, Access b) {
  return static_cast<Access>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool includes(Access access, Access part) {
  return (static_cast<unsigned>(access) & static_cast<unsigned>(part)) != 0;
}

// A rule is valid when it is exactly `anyone`, exactly `signed_in`, or a non-empty set of roles.
bool access_rule_valid(Access access);
// Whether a signed-in user of `role` passes the rule (anyone and signed_in pass everybody).
bool access_allows_role(Access access, const std::string& role);
// "anyone", "signed_in" or the roles joined by "|", for `iifund routes`.
std::string access_name(Access access);

using Handler = HttpResponse (*)(ServerContext&, HttpRequest&);

struct Route {
  Method method;
  std::string_view pattern;
  Access access;
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;  // the route to run
  bool path_known = false;       // some route has this path (for 405 vs 404)
};

// Fills request.path_params when a route matches.
RouteMatch match_route(std::span<const Route> routes, HttpRequest& request);

}  // namespace iifund::http
