#include "http/message_catalog.hpp"

#include <algorithm>
#include <cctype>

#include "http/embedded_locales.hpp"

namespace iifund::http {

const MessageCatalog& MessageCatalog::embedded() {
  static const MessageCatalog catalog(nlohmann::json::parse(kLocaleZhCn), nlohmann::json::parse(kLocaleEn));
  return catalog;
}

MessageCatalog::MessageCatalog(nlohmann::json zh_cn, nlohmann::json en)
    : zh_cn_(std::move(zh_cn)), en_(std::move(en)) {}

bool MessageCatalog::knows(const std::string& code) const {
  return zh_cn_["problems"].contains(code) && en_["problems"].contains(code);
}

LocalizedMessage MessageCatalog::problem_message(const domain::Problem& problem, Language language) const {
  const auto& problems = (language == Language::en ? en_ : zh_cn_)["problems"];
  auto entry = problems.find(problem.code);
  if (entry == problems.end()) {
    // A code without a message is a bug, but the user still gets the code and the facts.
    return {problem.code, problem.detail.empty() ? problem.code : problem.detail};
  }
  return {entry->value("title", problem.code), fill_placeholders(entry->value("detail", ""), problem.facts)};
}

std::string fill_placeholders(const std::string& text, const nlohmann::json& facts) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      auto close = text.find('}', i);
      if (close != std::string::npos) {
        auto name = text.substr(i + 1, close - i - 1);
        if (facts.is_object() && facts.contains(name)) {
          const auto& value = facts[name];
          out += value.is_string() ? value.get<std::string>() : value.dump();
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

// The first of zh / en named in Accept-Language wins; Chinese is the default for everything else.
Language negotiate_language(const std::string* accept_language) {
  if (accept_language == nullptr) return Language::zh_cn;
  std::string lower = *accept_language;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  auto zh = lower.find("zh");
  auto en = lower.find("en");
  if (en != std::string::npos && (zh == std::string::npos || en < zh)) return Language::en;
  return Language::zh_cn;
}

}  // namespace iifund::http
