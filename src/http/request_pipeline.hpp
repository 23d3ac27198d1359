#pragma once
// One request's way through the server, independent of RESTinio: limits (414, 413), path safety,
// content type (415), JSON (400), the route table (404, 405) or the web app, then the security
// headers and the request id. Whatever happens inside, the answer is a response, never a crash.
#include "http/http_types.hpp"
#include "http/server_context.hpp"

namespace iifund::http {

// `declared_body_length` is the request's Content-Length, when it had one.
HttpResponse handle_request(ServerContext& context, HttpRequest& request,
                            std::optional<std::uint64_t> declared_body_length);

std::string new_request_id();

}  // namespace iifund::http
