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
enum class Access { anyone, signed_in, enterprise, county, organizer, expert, bureau, admin };

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
