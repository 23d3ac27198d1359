// Passwords: 12 to 128 characters counted as characters (not bytes), no composition rules, and
// refused when libpwquality's dictionary check finds them guessable.
#include "service/password_rules.hpp"

#include <gtest/gtest.h>

namespace iifund::service {
namespace {

std::string rule_of(const std::string& password) {
  auto refused = check_new_password(password, "someone");
  return refused ? refused->rule : "ok";
}

TEST(PasswordRules, ElevenCharactersAreTooShortTwelveAreEnough) {
  EXPECT_EQ(rule_of("quiet-river"), "password_too_short");
  EXPECT_EQ(rule_of("quiet-rivers"), "ok");
}

TEST(PasswordRules, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(rule_of("江门工业互联网专项资金申报"), "ok") << "13 Chinese characters";
  EXPECT_EQ(rule_of("江门工业互联网专项资金"), "password_too_short") << "11 Chinese characters, 33 bytes";
}

TEST(PasswordRules, AtMost128Characters) {
  std::string words;
  while (words.size() < 128) words += "lantern river ";
  EXPECT_EQ(rule_of(words.substr(0, 128)), "ok");
  EXPECT_EQ(rule_of(words.substr(0, 129)), "password_too_long");
}

TEST(PasswordRules, NoCompositionRules) {
  EXPECT_EQ(rule_of("correct horse battery staple"), "ok") << "lower case and spaces only";
}

TEST(PasswordRules, TheDictionaryRefusesGuessablePasswords) {
  EXPECT_EQ(rule_of("abcdefghijkl"), "password_dictionary");
  EXPECT_EQ(rule_of("123456789012"), "password_dictionary");
  EXPECT_EQ(rule_of("password    "), "password_dictionary");
}

TEST(PasswordRules, TheFieldErrorNamesTheField) {
  auto refused = check_new_password("short", "someone", "password");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->field, "password");
  EXPECT_EQ(refused->facts["minimum"], 12);
}

TEST(PasswordRules, TheDictionaryIsInstalled) {
  std::string reason;
  EXPECT_TRUE(password_dictionary_available(reason)) << reason;
}

}  // namespace
}  // namespace iifund::service
