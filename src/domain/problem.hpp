#pragma once
// A Problem is how every layer says "no": a stable code the UI and the message catalogue key on,
// the HTTP status it maps to, the facts that fill the message, and one entry per bad form field.
// It becomes an RFC 9457 application/problem+json body at the HTTP edge, unchanged.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace iifund::domain {

struct FieldError {
  std::string field;  // dotted path into the submitted form, e.g. "lines[2].invoice_number"
  std::string rule;   // stable rule code, e.g. "invoice_number_digits"
  nlohmann::json facts = nlohmann::json::object();
};

struct Problem {
  std::string code;  // stable, snake_case: "deadline_passed", "uscc_check_character"
  int status = 422;
  nlohmann::json facts = nlohmann::json::object();
  std::vector<FieldError> fields;
  std::string detail;  // optional English fallback when the catalogue lacks the code
};

inline Problem make_problem(std::string code, int status, nlohmann::json facts = nlohmann::json::object()) {
  return Problem{std::move(code), status, std::move(facts), {}, {}};
}

}  // namespace iifund::domain
