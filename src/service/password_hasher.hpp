#pragma once
// Argon2id password hashes (libsodium, interactive limits: ~64 MiB and ~80 ms each). At most two
// hashes run at once, so a login flood queues instead of exhausting memory.
#include <string>

namespace iifund::service {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& stored_hash, const std::string& password);

}  // namespace iifund::service
