#include "service/password_rules.hpp"

#include <pwquality.h>

#include <mutex>

#include "domain/text.hpp"
#include "service/field_rules.hpp"

namespace iifund::service {

namespace {

// cracklib keeps static state, so checks run one at a time.
std::mutex& dictionary_lock() {
  static std::mutex lock;
  return lock;
}

struct DictionaryVerdict {
  int code = 0;
  std::string reason;
};

DictionaryVerdict ask_dictionary(const std::string& password, const std::string& username) {
  std::lock_guard<std::mutex> guard(dictionary_lock());
  pwquality_settings_t* settings = pwquality_default_settings();
  if (settings == nullptr) return {PWQ_ERROR_MEM_ALLOC, "out of memory"};
  // Length is ours (in code points); libpwquality's own minimum must not refuse first.
  pwquality_set_int_value(settings, PWQ_SETTING_MIN_LENGTH, 6);
  void* auxerror = nullptr;
  int score = pwquality_check(settings, password.c_str(), nullptr,
                              username.empty() ? nullptr : username.c_str(), &auxerror);
  DictionaryVerdict verdict{score < 0 ? score : 0, ""};
  if (score < 0) {
    char buffer[PWQ_MAX_ERROR_MESSAGE_LEN];
    verdict.reason = pwquality_strerror(buffer, sizeof buffer, score, auxerror);
  }
  pwquality_free_settings(settings);
  return verdict;
}

// Only the checks that say "guessable" count; the composition and similarity checks do not.
bool is_dictionary_refusal(int code) {
  return code == PWQ_ERROR_CRACKLIB_CHECK || code == PWQ_ERROR_USER_CHECK || code == PWQ_ERROR_BAD_WORDS ||
         code == PWQ_ERROR_PALINDROME;
}

}  // namespace

std::optional<domain::FieldError> check_new_password(const std::string& password, const std::string& username,
                                                     const std::string& field) {
  std::size_t length = domain::code_points(password);
  if (length < kPasswordMinLength) {
    return domain::FieldError{
        field, "password_too_short", {{"minimum", kPasswordMinLength}, {"length", length}}};
  }
  if (length > kPasswordMaxLength) {
    return domain::FieldError{
        field, "password_too_long", {{"maximum", kPasswordMaxLength}, {"length", length}}};
  }
  auto verdict = ask_dictionary(password, username);
  if (is_dictionary_refusal(verdict.code)) {
    return domain::FieldError{field, "password_dictionary", {{"reason", verdict.reason}}};
  }
  return std::nullopt;
}

bool password_dictionary_available(std::string& reason) {
  // With the dictionary missing, cracklib answers "error loading dictionary" for every password.
  auto verdict = ask_dictionary("password", "");
  if (verdict.code == PWQ_ERROR_CRACKLIB_CHECK &&
      verdict.reason.find("dictionary word") != std::string::npos) {
    return true;
  }
  reason = verdict.reason.empty() ? "the dictionary accepted a dictionary word" : verdict.reason;
  return false;
}

}  // namespace iifund::service
