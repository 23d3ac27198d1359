#pragma once
// The application document as JSON, with the struct's field names (amounts in fen): what
// `iifund document render` reads, and a readable fixture format for tests. A bad file is refused
// with the dotted path of the first bad field and the rule it breaks, e.g.
// "investment_lines[3].tax_fen: not_negative". Unknown fields are refused too, so a typo is not
// silently left out of the printed document.
#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.hpp"
#include "report/application_document.hpp"

namespace iifund::report {

// Problem codes: document_field_invalid (facts: field, rule; one field error),
// document_json_syntax (facts: line? and message), document_unreadable (facts: path).
domain::Result<ApplicationDocument> application_document_from_json(const nlohmann::json& json);
domain::Result<ApplicationDocument> read_application_document_file(const std::string& path);

// One line for a terminal: "enterprise.credit_code: expected_string (expected a string)".
std::string describe_document_problem(const domain::Problem& problem);

}  // namespace iifund::report
