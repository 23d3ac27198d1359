#pragma once
// The message catalogue shared with the web app (locales/*.json): a problem code becomes a title
// and a detail in the request's language, with the Problem's facts filled into {placeholders}.
#include <nlohmann/json.hpp>
#include <string>

#include "domain/problem.hpp"
#include "http/http_types.hpp"

namespace iifund::http {

struct LocalizedMessage {
  std::string title;
  std::string detail;
};

class MessageCatalog {
 public:
  // The catalogue compiled into the binary from locales/.
  static const MessageCatalog& embedded();
  MessageCatalog(nlohmann::json zh_cn, nlohmann::json en);

  LocalizedMessage problem_message(const domain::Problem& problem, Language language) const;
  bool knows(const std::string& code) const;

 private:
  nlohmann::json zh_cn_;
  nlohmann::json en_;
};

// "{name}" → facts["name"] (strings as is, numbers in plain decimal); unknown names stay visible.
std::string fill_placeholders(const std::string& text, const nlohmann::json& facts);

Language negotiate_language(const std::string* accept_language);

}  // namespace iifund::http
