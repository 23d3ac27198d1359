#include "service/field_rules.hpp"

#include "domain/text.hpp"

namespace iifund::service {

namespace {

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

void check_username(FieldErrors& errors, const std::string& field, const std::string& username) {
  bool allowed = username.size() >= 3 && username.size() <= 64;
  for (char c : username) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-' || c == '@';
    allowed = allowed && ok;
  }
  if (!allowed) errors.push_back({field, "username_format", {{"minimum", 3}, {"maximum", 64}}});
}

void check_text(FieldErrors& errors, const std::string& field, const std::string& text,
                std::size_t max_length) {
  if (blank(text)) {
    errors.push_back({field, "required", nlohmann::json::object()});
  } else if (domain::code_points(text) > max_length) {
    errors.push_back({field, "too_long", {{"maximum", max_length}}});
  }
}

void check_phone(FieldErrors& errors, const std::string& field, const std::string& phone) {
  bool mobile =
      phone.size() == 11 && phone[0] == '1' && phone.find_first_not_of("0123456789") == std::string::npos;
  bool landline =
      phone.size() >= 7 && phone.size() <= 20 && phone.find_first_not_of("0123456789-") == std::string::npos;
  if (!mobile && !landline) errors.push_back({field, "phone_format", nlohmann::json::object()});
}

domain::Problem validation_problem(FieldErrors errors) {
  auto problem = domain::make_problem("validation_failed", 422, {{"count", errors.size()}});
  problem.fields = std::move(errors);
  return problem;
}

}  // namespace iifund::service
