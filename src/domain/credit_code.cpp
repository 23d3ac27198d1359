#include "domain/credit_code.hpp"

#include <array>

#include "domain/text.hpp"

namespace iifund::domain {

namespace {

struct EntityType {
  char code;
  std::string_view zh;
  std::string_view en;
};

struct Authority {
  char code;
  std::string_view zh;
  std::string_view en;
  std::array<EntityType, 6> types;  // unused slots have code 0
};

// GB 32100-2015 table 1 with its amendment adding the military (A), agriculture (N) and others (Y).
constexpr Authority kAuthorities[] = {
    {'1',
     "机构编制",
     "public sector establishment",
     {{{'1', "机关", "government organ"},
       {'2', "事业单位", "public institution"},
       {'3', "群众团体", "mass organization"},
       {'9', "其他", "other"}}}},
    {'2',
     "外交",
     "foreign affairs",
     {{{'1', "外国常驻新闻机构", "resident foreign news agency"}, {'9', "其他", "other"}}}},
    {'3',
     "司法行政",
     "justice administration",
     {{{'1', "律师执业机构", "law firm"},
       {'2', "公证处", "notary office"},
       {'3', "基层法律服务所", "legal service office"},
       {'4', "司法鉴定机构", "forensic institution"},
       {'5', "仲裁委员会", "arbitration commission"},
       {'9', "其他", "other"}}}},
    {'4',
     "文化",
     "culture",
     {{{'1', "外国在华文化中心", "foreign cultural centre"}, {'9', "其他", "other"}}}},
    {'5',
     "民政",
     "civil affairs",
     {{{'1', "社会团体", "social organization"},
       {'2', "民办非企业单位", "private non-enterprise unit"},
       {'3', "基金会", "foundation"},
       {'9', "其他", "other"}}}},
    {'6',
     "旅游",
     "tourism",
     {{{'1', "外国旅游部门常驻代表机构", "foreign tourism office"},
       {'2', "港澳台旅游部门常驻代表机构", "HK/Macao/Taiwan tourism office"},
       {'9', "其他", "other"}}}},
    {'7',
     "宗教",
     "religious affairs",
     {{{'1', "宗教活动场所", "place of worship"},
       {'2', "宗教院校", "religious school"},
       {'9', "其他", "other"}}}},
    {'8', "工会", "trade union", {{{'1', "基层工会", "grassroots trade union"}, {'9', "其他", "other"}}}},
    {'9',
     "工商",
     "market regulation",
     {{{'1', "企业", "enterprise"},
       {'2', "个体工商户", "individual business"},
       {'3', "农民专业合作社", "farmers' cooperative"}}}},
    {'A',
     "中央军委改革和编制办公室",
     "military establishment",
     {{{'1', "军队事业单位", "military public institution"}, {'9', "其他", "other"}}}},
    {'N',
     "农业",
     "agriculture",
     {{{'1', "组级集体经济组织", "group collective"},
       {'2', "村级集体经济组织", "village collective"},
       {'3', "乡镇级集体经济组织", "township collective"},
       {'9', "其他", "other"}}}},
    {'Y', "其他", "other", {{{'1', "其他", "other"}}}},
};

const Authority* find_authority(char c) {
  for (const auto& a : kAuthorities)
    if (a.code == c) return &a;
  return nullptr;
}

const EntityType* find_entity_type(const Authority& authority, char c) {
  for (const auto& t : authority.types)
    if (t.code != 0 && t.code == c) return &t;
  return nullptr;
}

std::string allowed_entity_types(const Authority& authority) {
  std::string out;
  for (const auto& t : authority.types)
    if (t.code != 0) out.push_back(t.code);
  return out;
}

// GB 11714 values: digits 0–9, letters A=10 … Z=35.
int org_code_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

Problem rule_problem(CreditCodeRule rule, std::string_view input, nlohmann::json facts) {
  facts["input"] = std::string(input);
  facts["rule"] = std::string(to_string(rule));
  Problem p = make_problem("uscc_" + std::string(to_string(rule)), 422, facts);
  p.fields.push_back(FieldError{"credit_code", p.code, facts});
  return p;
}

std::string upper_trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Every rule except the two check characters; those are checked by the callers.
Result<CreditCode> parse_structure(std::string_view input, const std::string& code) {
  // Count code points, not bytes, so a pasted Chinese character reads as one wrong character.
  const std::size_t length = code_points(code);
  if (length != 18) return rule_problem(CreditCodeRule::length, input, {{"expected", 18}, {"found", length}});
  for (std::size_t i = 0, position = 1; i < code.size(); ++position) {
    std::size_t width = 1;  // the bytes of one UTF-8 code point, so "found" shows the whole character
    while (i + width < code.size() && (static_cast<unsigned char>(code[i + width]) & 0xC0) == 0x80) ++width;
    if (width > 1 || kCreditCodeAlphabet.find(code[i]) == std::string_view::npos)
      return rule_problem(
          CreditCodeRule::alphabet, input,
          {{"position", position}, {"found", code.substr(i, width)}, {"expected", kCreditCodeAlphabet}});
    i += width;
  }
  const Authority* authority = find_authority(code[0]);
  if (authority == nullptr)
    return rule_problem(CreditCodeRule::authority, input,
                        {{"position", 1}, {"found", code.substr(0, 1)}, {"expected", "123456789ANY"}});
  const EntityType* type = find_entity_type(*authority, code[1]);
  if (type == nullptr)
    return rule_problem(
        CreditCodeRule::entity_type, input,
        {{"position", 2}, {"found", code.substr(1, 1)}, {"expected", allowed_entity_types(*authority)}});
  for (std::size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9')
      return rule_problem(CreditCodeRule::division_code, input,
                          {{"position", i + 1}, {"found", code.substr(i, 1)}, {"expected", "0123456789"}});
  }
  CreditCode result;
  result.text = code;
  result.authority = code[0];
  result.entity_type = code[1];
  result.division_code = code.substr(2, 6);
  result.org_code = code.substr(8, 9);
  result.authority_zh = authority->zh;
  result.authority_en = authority->en;
  result.entity_type_zh = type->zh;
  result.entity_type_en = type->en;
  return result;
}

Problem check_problem(CreditCodeRule rule, std::string_view input, int position, char expected, char found) {
  return rule_problem(
      rule, input,
      {{"position", position}, {"expected", std::string(1, expected)}, {"found", std::string(1, found)}});
}

}  // namespace

std::string_view to_string(CreditCodeRule rule) {
  switch (rule) {
    case CreditCodeRule::length:
      return "length";
    case CreditCodeRule::alphabet:
      return "alphabet";
    case CreditCodeRule::authority:
      return "authority";
    case CreditCodeRule::entity_type:
      return "entity_type";
    case CreditCodeRule::division_code:
      return "division_code";
    case CreditCodeRule::org_code_check:
      return "org_code_check";
    case CreditCodeRule::check_character:
      return "check_character";
  }
  return "unknown";
}

std::optional<char> org_code_check_character(std::string_view first_eight) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  if (first_eight.size() != 8) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const int v = org_code_value(first_eight[i]);
    if (v < 0) return std::nullopt;
    sum += v * kWeights[i];
  }
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

std::optional<char> credit_code_check_character(std::string_view first_seventeen) {
  if (first_seventeen.size() != 17) return std::nullopt;
  int sum = 0;
  int weight = 1;  // 3^(i-1) mod 31
  for (char ch : first_seventeen) {
    const auto v = kCreditCodeAlphabet.find(ch);
    if (v == std::string_view::npos) return std::nullopt;
    sum += static_cast<int>(v) * weight;
    weight = weight * 3 % 31;
  }
  return kCreditCodeAlphabet[(31 - sum % 31) % 31];
}

Result<CreditCode> parse_credit_code(std::string_view text) {
  const std::string code = upper_trimmed(text);
  auto parsed = parse_structure(text, code);
  if (!parsed.ok()) return parsed;
  const char org_check = *org_code_check_character(std::string_view(code).substr(8, 8));
  if (code[16] != org_check)
    return check_problem(CreditCodeRule::org_code_check, text, 17, org_check, code[16]);
  const char check = *credit_code_check_character(std::string_view(code).substr(0, 17));
  if (code[17] != check) return check_problem(CreditCodeRule::check_character, text, 18, check, code[17]);
  return parsed;
}

Result<CreditCode> parse_credit_code(std::string_view text, const CheckOverride& override_record) {
  const std::string code = upper_trimmed(text);
  if (override_record.code != code || override_record.approved_by.empty() || override_record.reason.empty())
    return parse_credit_code(text);
  auto parsed = parse_structure(text, code);
  if (!parsed.ok()) return parsed;
  parsed->check_overridden = true;
  return parsed;
}

}  // namespace iifund::domain
