// The route table is the table of contents of the API: read it top to bottom. A route missing
// here does not exist; a route without an access rule does not compile.
#include "http/routes.hpp"

#include "http/handlers.hpp"

namespace iifund::http {

namespace {

using enum Method;

// clang-format off
const Route kRoutes[] = {
    // method  path                  who may call     handler
    {get,      "/api/health",        Access::anyone,  get_health},
    {get,      "/api/batches",       Access::anyone,  get_batches},
    {post,     "/api/session",       Access::anyone,  post_session},
};
// clang-format on


}  // namespace

std::span<const Route> route_table() { return kRoutes; }

}  // namespace iifund::http
