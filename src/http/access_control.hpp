#pragma once
// Between the router and a handler: who is calling (session cookie → Caller), whether the route's
// rule admits them (401 not_signed_in, 403 forbidden), whether an initial password must be changed
// first (403 password_change_required), and the CSRF token of every state-changing request
// (403 csrf_failed). Refusals, and 403/404 answers from the handler to a signed-in caller, are
// audited as access.denied.
#include "http/http_types.hpp"
#include "http/router.hpp"
#include "http/server_context.hpp"

namespace iifund::http {

HttpResponse run_route(ServerContext& context, HttpRequest& request, const Route& route);

}  // namespace iifund::http
