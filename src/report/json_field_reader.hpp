#pragma once
// Reads one JSON object field by field, remembering the dotted path for error messages and which
// keys were read, so an unknown key can be refused. Errors are thrown as JsonFieldError and turned
// into a Problem by the caller; they never leave the report library.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace iifund::report {

struct JsonFieldError {
  std::string field;
  std::string rule;     // required, expected_string, expected_integer, not_negative, unknown_field, …
  std::string message;  // English, for the terminal
};

class JsonFieldReader {
 public:
  JsonFieldReader(const nlohmann::json& value, std::string path);

  std::string text(const char* key, bool required = false);
  std::int64_t fen(const char* key);  // a non-negative integer count of fen
  int count(const char* key);         // a non-negative integer
  bool flag(const char* key);
  bool has(const char* key) const;
  // Calls `read` with a reader for each element of the array `key` (absent = empty).
  void each(const char* key, const std::function<void(JsonFieldReader&)>& read);
  // Calls `read` with a reader for the object `key` (absent = not called).
  void object(const char* key, const std::function<void(JsonFieldReader&)>& read, bool required = false);
  // Refuses any key that was not read.
  void finish() const;

  std::string path_of(const char* key) const;
  [[noreturn]] void fail(const char* key, std::string rule, std::string message) const;

 private:
  const nlohmann::json* find(const char* key, bool required);

  const nlohmann::json& value_;
  std::string path_;
  std::set<std::string> read_;
};

}  // namespace iifund::report
