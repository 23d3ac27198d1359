#pragma once
// Secrets made here: session tokens and CSRF tokens (256 random bits, base64url), their stored
// SHA-256, and temporary passwords an officer hands over in person.
#include <string>
#include <string_view>

namespace iifund::service {

std::string random_token();  // 43 characters, base64url without padding
std::string sha256_hex(std::string_view text);
// 16 characters in groups of four from an alphabet without look-alikes (0/O, 1/l/I).
std::string temporary_password();
// Constant-time comparison, so a CSRF check leaks nothing through timing.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace iifund::service
