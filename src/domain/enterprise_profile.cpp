#include "domain/enterprise_profile.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace iifund::domain {

namespace {

using Json = nlohmann::json;

std::string trimmed(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool all_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

FieldError wrong_type(const std::string& field, const char* expected) {
  return {field, "wrong_type", {{"expected", expected}}};
}

// Reads the text under `key` of `object`: missing or null is empty.
std::string read_text(const Json& object, const char* key, const std::string& field,
                      std::vector<FieldError>& errors) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return "";
  if (!found->is_string()) {
    errors.push_back(wrong_type(field, "text"));
    return "";
  }
  return trimmed(found->get<std::string>());
}

// A whole number; one beyond int64 reads as just over the limit, so the range rule names it.
std::optional<long long> read_integer(const Json& object, const char* key, std::vector<FieldError>& errors) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::nullopt;
  if (found->is_number_unsigned()) {
    auto value = found->get<unsigned long long>();
    return value > static_cast<unsigned long long>(kMaxAmountFen) ? kMaxAmountFen + 1
                                                                  : static_cast<long long>(value);
  }
  if (found->is_number_integer()) return found->get<long long>();
  errors.push_back(wrong_type(key, "integer"));
  return std::nullopt;
}

std::vector<std::string> read_clusters(const Json& body, std::vector<FieldError>& errors) {
  std::vector<std::string> clusters;
  auto found = body.find("clusters");
  if (found == body.end() || found->is_null()) return clusters;
  if (!found->is_array()) {
    errors.push_back(wrong_type("clusters", "list"));
    return clusters;
  }
  for (std::size_t i = 0; i < found->size(); ++i) {
    const auto& item = (*found)[i];
    if (!item.is_string()) {
      errors.push_back(wrong_type("clusters[" + std::to_string(i) + "]", "text"));
      continue;
    }
    auto id = trimmed(item.get<std::string>());
    if (std::find(clusters.begin(), clusters.end(), id) == clusters.end()) clusters.push_back(id);
  }
  return clusters;
}

std::vector<ProfileContact> read_contacts(const Json& body, std::vector<FieldError>& errors) {
  std::vector<ProfileContact> contacts;
  auto found = body.find("contacts");
  if (found == body.end() || found->is_null()) return contacts;
  if (!found->is_array()) {
    errors.push_back(wrong_type("contacts", "list"));
    return contacts;
  }
  for (std::size_t i = 0; i < found->size(); ++i) {
    auto path = "contacts[" + std::to_string(i) + "]";
    const auto& item = (*found)[i];
    ProfileContact contact;
    if (!item.is_object()) {
      errors.push_back(wrong_type(path, "object"));
    } else {
      contact.name = read_text(item, "name", path + ".name", errors);
      contact.title = read_text(item, "title", path + ".title", errors);
      contact.phone = read_text(item, "phone", path + ".phone", errors);
      contact.email = read_text(item, "email", path + ".email", errors);
    }
    contacts.push_back(std::move(contact));
  }
  return contacts;
}

BankAccount read_bank(const Json& body, std::vector<FieldError>& errors) {
  BankAccount bank;
  auto found = body.find("bank");
  if (found == body.end() || found->is_null()) return bank;
  if (!found->is_object()) {
    errors.push_back(wrong_type("bank", "object"));
    return bank;
  }
  bank.account_name = read_text(*found, "account_name", "bank.account_name", errors);
  bank.bank_name = read_text(*found, "bank_name", "bank.bank_name", errors);
  auto number = read_text(*found, "account_number", "bank.account_number", errors);
  std::erase(number, ' ');  // printed in groups of four on passbooks and cards
  bank.account_number = number;
  return bank;
}

Json optional_number(const std::optional<long long>& value) { return value ? Json(*value) : Json(); }

void check_text(std::vector<FieldError>& errors, const std::string& field, const std::string& text,
                std::size_t maximum, bool required) {
  if (text.empty()) {
    if (required) errors.push_back({field, "required", Json::object()});
  } else if (code_points(text) > maximum) {
    errors.push_back({field, "too_long", {{"maximum", maximum}}});
  }
}

void check_amount(std::vector<FieldError>& errors, const char* field, const std::optional<long long>& fen) {
  if (fen && (*fen < 0 || *fen > kMaxAmountFen)) {
    errors.push_back({field, "amount_range", {{"minimum_fen", 0}, {"maximum_fen", kMaxAmountFen}}});
  }
}

bool is_email(const std::string& email) {
  auto at = email.find('@');
  if (at == 0 || at == std::string::npos || email.find('@', at + 1) != std::string::npos) return false;
  auto domain = email.substr(at + 1);
  auto dot = domain.find('.');
  return dot != std::string::npos && dot > 0 && domain.back() != '.' &&
         email.find_first_of(" \t,;<>()[]\\\"") == std::string::npos;
}

void check_contact(std::vector<FieldError>& errors, const ProfileContact& contact, const std::string& path) {
  check_text(errors, path + ".name", contact.name, kContactTextMaxLength, true);
  check_text(errors, path + ".title", contact.title, kContactTextMaxLength, false);
  if (contact.phone.empty()) {
    errors.push_back({path + ".phone", "required", Json::object()});
  } else if (!is_mainland_phone(contact.phone)) {
    errors.push_back({path + ".phone", "phone_mainland", Json::object()});
  }
  if (contact.email.empty()) return;
  if (contact.email.size() > kEmailMaxLength) {
    errors.push_back({path + ".email", "too_long", {{"maximum", kEmailMaxLength}}});
  } else if (!is_email(contact.email)) {
    errors.push_back({path + ".email", "email_format", Json::object()});
  }
}

// The bank block is optional as a whole; once any of it is filled, all three are needed.
void check_bank(std::vector<FieldError>& errors, const BankAccount& bank) {
  if (bank.empty()) return;
  check_text(errors, "bank.account_name", bank.account_name, kBankTextMaxLength, true);
  check_text(errors, "bank.bank_name", bank.bank_name, kBankTextMaxLength, true);
  const auto& number = bank.account_number;
  if (number.empty()) {
    errors.push_back({"bank.account_number", "required", Json::object()});
  } else if (!all_digits(number) || number.size() < kBankAccountMinDigits ||
             number.size() > kBankAccountMaxDigits) {
    errors.push_back({"bank.account_number",
                      "bank_account_format",
                      {{"minimum", kBankAccountMinDigits}, {"maximum", kBankAccountMaxDigits}}});
  }
}

}  // namespace

ParsedProfile profile_from_json(const nlohmann::json& body) {
  ParsedProfile parsed;
  if (!body.is_object()) {
    parsed.errors.push_back(wrong_type("profile", "object"));
    return parsed;
  }
  auto& profile = parsed.profile;
  auto& errors = parsed.errors;
  profile.industry = read_text(body, "industry", "industry", errors);
  profile.clusters = read_clusters(body, errors);
  profile.employees = read_integer(body, "employees", errors);
  profile.revenue_fen = read_integer(body, "revenue_fen", errors);
  profile.assets_fen = read_integer(body, "assets_fen", errors);
  profile.address = read_text(body, "address", "address", errors);
  profile.contacts = read_contacts(body, errors);
  profile.bank = read_bank(body, errors);
  return parsed;
}

nlohmann::json profile_to_json(const EnterpriseProfile& profile) {
  Json contacts = Json::array();
  for (const auto& contact : profile.contacts) {
    contacts.push_back({{"name", contact.name},
                        {"title", contact.title},
                        {"phone", contact.phone},
                        {"email", contact.email}});
  }
  return {{"industry", profile.industry},
          {"clusters", profile.clusters},
          {"employees", optional_number(profile.employees)},
          {"revenue_fen", optional_number(profile.revenue_fen)},
          {"assets_fen", optional_number(profile.assets_fen)},
          {"address", profile.address},
          {"contacts", contacts},
          {"bank",
           {{"account_name", profile.bank.account_name},
            {"bank_name", profile.bank.bank_name},
            {"account_number", profile.bank.account_number}}}};
}

std::vector<FieldError> check_profile(const EnterpriseProfile& profile,
                                      std::span<const IndustryCluster> clusters) {
  std::vector<FieldError> errors;
  check_text(errors, "industry", profile.industry, kIndustryMaxLength, false);
  for (std::size_t i = 0; i < profile.clusters.size(); ++i) {
    const auto& id = profile.clusters[i];
    bool known = std::any_of(clusters.begin(), clusters.end(), [&](const auto& c) { return c.id == id; });
    if (!known)
      errors.push_back({"clusters[" + std::to_string(i) + "]", "cluster_unknown", {{"cluster", id}}});
  }
  if (profile.employees && (*profile.employees < 0 || *profile.employees > kMaxEmployees)) {
    errors.push_back({"employees", "number_range", {{"minimum", 0}, {"maximum", kMaxEmployees}}});
  }
  check_amount(errors, "revenue_fen", profile.revenue_fen);
  check_amount(errors, "assets_fen", profile.assets_fen);
  check_text(errors, "address", profile.address, kAddressMaxLength, false);
  if (profile.contacts.size() < kMinContacts || profile.contacts.size() > kMaxContacts) {
    errors.push_back({"contacts", "contacts_count", {{"minimum", kMinContacts}, {"maximum", kMaxContacts}}});
  }
  for (std::size_t i = 0; i < profile.contacts.size() && i < kMaxContacts; ++i) {
    check_contact(errors, profile.contacts[i], "contacts[" + std::to_string(i) + "]");
  }
  check_bank(errors, profile.bank);
  return errors;
}

bool is_mainland_phone(const std::string& phone) {
  if (!phone.empty() && phone[0] == '1') {
    return phone.size() == 11 && all_digits(phone) && phone[1] >= '3' && phone[1] <= '9';
  }
  // Landline: area code 0 + 2–3 digits, an optional dash or space, 7–8 digits, an optional extension.
  if (phone.empty() || phone[0] != '0') return false;
  std::vector<std::string> groups;
  std::string current;
  for (char c : phone) {
    if (c == '-' || c == ' ') {
      groups.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  groups.push_back(current);
  for (const auto& group : groups)
    if (!all_digits(group)) return false;
  auto local_ok = [](const std::string& s) { return s.size() == 7 || s.size() == 8; };
  auto area_ok = [](const std::string& s) { return s.size() == 3 || s.size() == 4; };
  auto extension_ok = [](const std::string& s) { return s.size() <= 6; };
  if (groups.size() == 1) {  // written together: 3- or 4-digit area code, then the local number
    const auto& all = groups[0];
    return all.size() >= 10 && all.size() <= 12;
  }
  if (groups.size() == 2) return area_ok(groups[0]) && local_ok(groups[1]);
  if (groups.size() == 3) return area_ok(groups[0]) && local_ok(groups[1]) && extension_ok(groups[2]);
  return false;
}

std::string mask_account_number(const std::string& number) {
  if (number.size() <= 4) return std::string(number.size(), '*');
  return std::string(number.size() - 4, '*') + number.substr(number.size() - 4);
}

}  // namespace iifund::domain
