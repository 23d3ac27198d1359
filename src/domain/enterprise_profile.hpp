#pragma once
// 企业档案: what an enterprise tells the fund about itself beyond its registration — industry,
// the strategic clusters it belongs to, its size figures (the SME class is computed from them),
// address, contacts and the bank account a subsidy is paid into. The enterprise's own staff keep
// it; the county, the organizer and the bureau read it (masked where PIPL asks).
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/policy.hpp"
#include "domain/problem.hpp"

namespace iifund::domain {

struct ProfileContact {
  std::string name;
  std::string title;  // 职务, optional
  std::string phone;  // mainland mobile or landline with its area code
  std::string email;  // optional
};

// 开户信息: where the subsidy is paid.
struct BankAccount {
  std::string account_name;
  std::string bank_name;
  std::string account_number;  // digits only once normalized
  bool empty() const { return account_name.empty() && bank_name.empty() && account_number.empty(); }
};

struct EnterpriseProfile {
  std::string industry;  // free text, e.g. "C39 计算机、通信和其他电子设备制造业"
  std::vector<std::string> clusters;  // ids of the policy's clusters
  std::optional<long long> employees;
  std::optional<long long> revenue_fen;  // last year's operating revenue (营业收入)
  std::optional<long long> assets_fen;   // total assets (资产总额)
  std::string address;
  std::vector<ProfileContact> contacts;
  BankAccount bank;
};

// Limits of the form, shared with the tests and the messages' facts.
inline constexpr std::size_t kIndustryMaxLength = 100;
inline constexpr std::size_t kAddressMaxLength = 200;
inline constexpr std::size_t kContactTextMaxLength = 50;
inline constexpr std::size_t kEmailMaxLength = 100;
inline constexpr std::size_t kBankTextMaxLength = 100;
inline constexpr std::size_t kMinContacts = 1;
inline constexpr std::size_t kMaxContacts = 5;
inline constexpr long long kMaxEmployees = 10'000'000;
inline constexpr long long kMaxAmountFen = 1'000'000'000'000'000;  // 10 trillion yuan: a typo, not a firm
inline constexpr std::size_t kBankAccountMinDigits = 8;
inline constexpr std::size_t kBankAccountMaxDigits = 32;

// Reads a submitted profile. A value of the wrong JSON type is a field error (rule wrong_type)
// and leaves the field empty, so the caller answers every bad field at once. Text is trimmed,
// spaces inside the bank account number dropped, repeated clusters kept once.
struct ParsedProfile {
  EnterpriseProfile profile;
  std::vector<FieldError> errors;
};
ParsedProfile profile_from_json(const nlohmann::json& body);

// The stored (and answered) shape; absent figures are null.
nlohmann::json profile_to_json(const EnterpriseProfile& profile);

// One FieldError per bad field, with paths like "contacts[1].phone" and "bank.account_number".
std::vector<FieldError> check_profile(const EnterpriseProfile& profile,
                                      std::span<const IndustryCluster> clusters);

// Mainland numbers: a mobile 1[3-9] + 9 digits, or a landline with its area code
// (0 + 2–3 digits, then 7–8 digits, dashes or spaces allowed after the area code and before an
// extension of up to 6 digits).
bool is_mainland_phone(const std::string& phone);

// The bank account number as shown to those who may not see it: all but the last four digits
// starred.
std::string mask_account_number(const std::string& number);

}  // namespace iifund::domain
