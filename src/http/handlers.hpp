#pragma once
// Handlers: parse the request into a plain struct, call one service function, serialize the
// answer. Scope checks live in the services, next to the load.
#include "http/http_types.hpp"
#include "http/server_context.hpp"

namespace iifund::http {

HttpResponse get_health(ServerContext& context, HttpRequest& request);
HttpResponse get_batches(ServerContext& context, HttpRequest& request);
HttpResponse post_session(ServerContext& context, HttpRequest& request);

}  // namespace iifund::http
