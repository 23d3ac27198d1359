// The one place domain/ touches the file system: reading a policy file before parsing it.
#include <fstream>
#include <sstream>

#include "domain/policy.hpp"

namespace iifund::domain {

Result<std::string> read_policy_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_problem("policy_unreadable", 500, {{"file", path}});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<Policy> load_policy_file(const std::string& path) {
  auto text = read_policy_text(path);
  if (!text) return text.take_problem();
  return parse_policy(text.value(), path);
}

}  // namespace iifund::domain
