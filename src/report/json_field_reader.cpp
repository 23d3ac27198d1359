#include "report/json_field_reader.hpp"

#include <limits>

namespace iifund::report {

JsonFieldReader::JsonFieldReader(const nlohmann::json& value, std::string path)
    : value_(value), path_(std::move(path)) {
  if (!value_.is_object())
    throw JsonFieldError{path_.empty() ? "(document)" : path_, "expected_object", "expected an object"};
}

std::string JsonFieldReader::path_of(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

void JsonFieldReader::fail(const char* key, std::string rule, std::string message) const {
  throw JsonFieldError{path_of(key), std::move(rule), std::move(message)};
}

bool JsonFieldReader::has(const char* key) const {
  const auto it = value_.find(key);
  return it != value_.end() && !it->is_null();
}

const nlohmann::json* JsonFieldReader::find(const char* key, bool required) {
  read_.insert(key);
  const auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) {
    if (required) fail(key, "required", "is required");
    return nullptr;
  }
  return &*it;
}

std::string JsonFieldReader::text(const char* key, bool required) {
  const auto* value = find(key, required);
  if (value == nullptr) return {};
  if (!value->is_string()) fail(key, "expected_string", "expected a string");
  if (required && value->get_ref<const std::string&>().empty()) fail(key, "required", "must not be empty");
  return value->get<std::string>();
}

std::int64_t JsonFieldReader::fen(const char* key) {
  const auto* value = find(key, false);
  if (value == nullptr) return 0;
  if (!value->is_number_integer()) fail(key, "expected_integer", "expected an integer number of fen");
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    fail(key, "too_large", "is beyond the range of an amount");
  const auto fen = value->get<std::int64_t>();
  if (fen < 0) fail(key, "not_negative", "must not be negative");
  return fen;
}

int JsonFieldReader::count(const char* key) {
  const std::int64_t n = fen(key);
  if (n > std::numeric_limits<int>::max()) fail(key, "too_large", "is too large");
  return static_cast<int>(n);
}

bool JsonFieldReader::flag(const char* key) {
  const auto* value = find(key, false);
  if (value == nullptr) return false;
  if (!value->is_boolean()) fail(key, "expected_boolean", "expected true or false");
  return value->get<bool>();
}

void JsonFieldReader::each(const char* key, const std::function<void(JsonFieldReader&)>& read) {
  const auto* value = find(key, false);
  if (value == nullptr) return;
  if (!value->is_array()) fail(key, "expected_array", "expected an array");
  for (std::size_t i = 0; i < value->size(); ++i) {
    JsonFieldReader item((*value)[i], path_of(key) + "[" + std::to_string(i) + "]");
    read(item);
    item.finish();
  }
}

void JsonFieldReader::object(const char* key, const std::function<void(JsonFieldReader&)>& read,
                             bool required) {
  const auto* value = find(key, required);
  if (value == nullptr) return;
  JsonFieldReader inner(*value, path_of(key));
  read(inner);
  inner.finish();
}

void JsonFieldReader::finish() const {
  for (const auto& [key, value] : value_.items())
    if (!read_.contains(key))
      throw JsonFieldError{path_of(key.c_str()), "unknown_field", "is not a field of the document"};
}

}  // namespace iifund::report
