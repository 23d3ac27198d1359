#pragma once
// Reading a request: body fields (a missing or non-string field reads as empty, and the service's
// form rules name it), optional fields, and numeric ids from the path.
#include <optional>
#include <string>
#include <vector>

#include "domain/problem.hpp"
#include "http/http_types.hpp"

namespace iifund::http {

std::string text_field(const HttpRequest& request, const char* name);
std::optional<std::string> optional_text_field(const HttpRequest& request, const char* name);
// A JSON integer, or a string of digits (forms send either).
std::optional<long long> id_field(const HttpRequest& request, const char* name);
// ":id" from the path; nullopt when it is not a positive integer (the caller answers 404).
std::optional<long long> path_id(const HttpRequest& request, const char* name = "id");
// A whole number within [min, max] from the query string; nullopt when absent, and when malformed
// or out of range also the field's error (rule "query_number") appended to `errors`.
std::optional<long long> query_integer(const HttpRequest& request, const char* name, long long min,
                                       long long max, std::vector<domain::FieldError>& errors);
// 422 validation_failed carrying `errors`.
domain::Problem validation_problem(std::vector<domain::FieldError> errors);

}  // namespace iifund::http
