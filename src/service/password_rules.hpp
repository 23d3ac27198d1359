#pragma once
// 密码规则: at least 12 characters, at most 128, no composition rules (NIST SP 800-63B), and not
// a password that libpwquality's cracklib dictionary check refuses.
#include <optional>
#include <string>

#include "domain/problem.hpp"

namespace iifund::service {

inline constexpr std::size_t kPasswordMinLength = 12;
inline constexpr std::size_t kPasswordMaxLength = 128;

// The refusal as a field error on `field` (rule password_too_short, password_too_long or
// password_dictionary), or nullopt when the password is acceptable. Characters are code points.
std::optional<domain::FieldError> check_new_password(const std::string& password, const std::string& username,
                                                     const std::string& field = "new_password");

// Whether the dictionary check works: it must refuse a plain dictionary word. A server whose
// dictionary is missing would otherwise accept every password silently.
bool password_dictionary_available(std::string& reason);

}  // namespace iifund::service
