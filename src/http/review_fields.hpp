#pragma once
// Reading the parts of a review request that the county's, the formal check's and the schedule's
// handlers share: the version a decision is made on, the fields to fix, ids and text from the
// query string, and the answer for a missing or malformed field.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "http/http_types.hpp"

namespace iifund::http {

// 422 validation_failed naming one field and its rule.
HttpResponse field_refused(const HttpRequest& request, const std::string& field,
                           const char* rule = "required",
                           const nlohmann::json& facts = nlohmann::json::object());

// "version": a required whole number.
std::optional<int> version_of(const HttpRequest& request);

// "fields": an array of strings, absent or null (empty); nullopt when it is anything else.
std::optional<std::vector<std::string>> fields_of(const HttpRequest& request);

// A positive id from the query string: nullopt when absent, 422 validation_failed (rule
// query_number) when malformed.
domain::Result<std::optional<long long>> query_id(const HttpRequest& request, const char* name);

// A query parameter, nullopt when absent or empty.
std::optional<std::string> query_text(const HttpRequest& request, const char* name);

}  // namespace iifund::http
