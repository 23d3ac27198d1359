#pragma once
// A Problem leaves the server as RFC 9457 application/problem+json: type, title, status, detail in
// the request's language, the stable `code`, the facts and one entry per bad field.
#include "domain/problem.hpp"
#include "http/http_types.hpp"

namespace iifund::http {

HttpResponse problem_response(const domain::Problem& problem, const HttpRequest& request);

// 404 not_found naming the request's path: an unknown route, a malformed or unknown id.
HttpResponse not_found(const HttpRequest& request);

// Field errors as the API shows them: {field, rule, message in `language`, facts}; also for the
// problems an application answer lists before it is finalized.
nlohmann::json field_errors_json(const std::vector<domain::FieldError>& errors, int status,
                                 Language language);

}  // namespace iifund::http
