#pragma once
// Form checks shared by registration and user management: each returns the field error it finds,
// so a form answers with one entry per bad field.
#include <optional>
#include <string>
#include <vector>

#include "domain/problem.hpp"

namespace iifund::service {

using FieldErrors = std::vector<domain::FieldError>;

// 3–64 characters: letters, digits and . _ - @
void check_username(FieldErrors& errors, const std::string& field, const std::string& username);
// Present (after trimming) and at most `max_length` code points.
void check_text(FieldErrors& errors, const std::string& field, const std::string& text,
                std::size_t max_length);
// A mainland mobile (1 + 10 digits) or a landline (digits and dashes, 7–20).
void check_phone(FieldErrors& errors, const std::string& field, const std::string& phone);

// 422 validation_failed carrying the fields.
domain::Problem validation_problem(FieldErrors errors);

}  // namespace iifund::service
