#include "http/profile_json.hpp"

#include "http/account_json.hpp"

namespace iifund::http {

namespace {

std::string_view name_en(domain::EnterpriseSize size) {
  switch (size) {
    case domain::EnterpriseSize::large:
      return "Large";
    case domain::EnterpriseSize::medium:
      return "Medium";
    case domain::EnterpriseSize::small:
      return "Small";
    case domain::EnterpriseSize::micro:
      return "Micro";
  }
  return "";
}

nlohmann::json size_json(const std::optional<service::SizeClass>& size) {
  if (!size) return nullptr;
  return {{"class", std::string(domain::to_string(size->size))},
          {"label_zh", std::string(domain::name_zh(size->size))},
          {"label_en", std::string(name_en(size->size))},
          {"sme", domain::is_sme(size->size)},
          {"basis", size->basis}};
}

nlohmann::json division_hint_json(const std::optional<domain::DivisionHint>& hint) {
  if (!hint) return nullptr;
  return {{"code_division", hint->code_division},
          {"matches_county", hint->matches_county},
          {"in_city", hint->in_city},
          {"name_zh", hint->name ? nlohmann::json(hint->name->zh) : nlohmann::json()},
          {"name_en", hint->name ? nlohmann::json(hint->name->en) : nlohmann::json()}};
}

}  // namespace

nlohmann::json enterprise_profile_json(const service::EnterpriseProfileView& view) {
  auto body = enterprise_json(view.enterprise, true);
  auto profile = domain::profile_to_json(view.profile);
  profile["version"] = view.enterprise.version;
  profile["updated_at"] = view.enterprise.profile_updated_at
                              ? nlohmann::json(*view.enterprise.profile_updated_at)
                              : nlohmann::json();
  body["profile"] = profile;
  body["size"] = size_json(view.size);
  body["division_hint"] = division_hint_json(view.division_hint);
  auto& options = body["cluster_options"] = nlohmann::json::array();
  for (const auto& cluster : view.cluster_options) {
    options.push_back({{"id", cluster.id},
                       {"group", std::string(domain::to_string(cluster.group))},
                       {"name_zh", cluster.name.zh},
                       {"name_en", cluster.name.en}});
  }
  return body;
}

}  // namespace iifund::http
