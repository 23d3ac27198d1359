#include "cli/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdlib>

namespace iifund::cli {

namespace {

domain::Problem config_error(std::string message) {
  return domain::make_problem("config_invalid", 2, {{"message", std::move(message)}});
}

std::string where(const std::string& file, const toml::node& node) {
  return fmt::format("{}:{}", file, node.source().begin.line);
}

bool parse_count(const std::string& text, std::size_t& out) {
  if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  out = std::stoul(text);
  return out >= 1 && out <= 256;
}

std::vector<std::string> split_addresses(const std::string& text) {
  std::vector<std::string> addresses;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    auto item = text.substr(start, comma - start);
    auto first = item.find_first_not_of(" \t");
    if (first != std::string::npos)
      addresses.push_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
    start = comma + 1;
  }
  return addresses;
}

bool parse_duration(const std::string& text, long long maximum, long long& out) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  out = std::stoll(text);
  return out >= 1 && out <= maximum;
}

// Applies one key=value from either source; `origin` names it in the error ("file:3" or "IIFUND_X").
domain::Status apply_setting(Config& config, const std::string& key, const std::string& value,
                             const std::string& origin) {
  auto bad = [&](const char* expected) {
    return domain::Status(
        config_error(fmt::format("{}: {} must be {}, got '{}'", origin, key, expected, value)));
  };
  if (key == "database_url") {
    if (value.rfind("sqlite3://", 0) != 0 && value.rfind("postgresql://", 0) != 0) {
      return bad("sqlite3://db=PATH or postgresql://host=… port=… dbname=…");
    }
    config.database_url = value;
  } else if (key == "listen") {
    if (!parse_listen(value, config.listen_address, config.listen_port)) return bad("HOST:PORT");
  } else if (key == "data_dir" || key == "web_root" || key == "policy") {
    if (value.empty()) return bad("a non-empty path");
    (key == "data_dir" ? config.data_dir : key == "web_root" ? config.web_root : config.policy_file) = value;
  } else if (key == "threads" || key == "database_pool") {
    if (!parse_count(value, key == "threads" ? config.threads : config.database_pool))
      return bad("a number 1–256");
  } else if (key == "trusted_proxies") {
    config.trusted_proxies = split_addresses(value);
    for (const auto& address : config.trusted_proxies) {
      if (address.find_first_not_of("0123456789abcdefABCDEF.:") != std::string::npos) {
        return bad("comma-separated IP addresses");
      }
    }
  } else if (key == "session_idle_minutes") {
    if (!parse_duration(value, 24LL * 60, config.session_idle_minutes)) return bad("minutes 1–1440");
  } else if (key == "session_absolute_hours") {
    if (!parse_duration(value, 24LL * 30, config.session_absolute_hours)) return bad("hours 1–720");
  } else {
    return config_error(fmt::format("{}: unknown key '{}'", origin, key));
  }
  return domain::Ok{};
}

domain::Status apply_file(Config& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    return config_error(fmt::format("{}:{}: {}", path, error.source().begin.line, error.description()));
  }
  for (const auto& [key, node] : table) {
    std::string value;
    if (auto text = node.value<std::string>()) {
      value = *text;
    } else if (const auto* list = node.as_array(); list != nullptr && key.str() == "trusted_proxies") {
      // trusted_proxies = ["10.0.0.1", "10.0.0.2"] reads like the comma-separated form.
      for (const auto& item : *list) {
        if (!value.empty()) value += ",";
        value += item.value_or(std::string("?"));
      }
    } else if (auto number = node.value<std::int64_t>()) {
      value = std::to_string(*number);
    } else {
      return config_error(fmt::format("{}: {} must be a string or a number", where(path, node), key.str()));
    }
    if (auto applied = apply_setting(config, std::string(key.str()), value, where(path, node)); !applied) {
      return applied;
    }
  }
  return domain::Ok{};
}

}  // namespace

std::string Config::effective_database_url() const {
  return database_url.empty() ? "sqlite3://db=" + data_dir + "/iifund.db" : database_url;
}

bool parse_listen(const std::string& text, std::string& address, unsigned short& port) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size()) return false;
  auto port_text = text.substr(colon + 1);
  if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos) return false;
  unsigned long number = std::stoul(port_text);
  if (number == 0 || number > 65535) return false;
  address = text.substr(0, colon);
  port = static_cast<unsigned short>(number);
  return true;
}

domain::Result<Config> load_config(const std::string& config_path) {
  Config config;
  std::string path = config_path;
  if (path.empty()) {
    if (const char* from_env = std::getenv("IIFUND_CONFIG")) path = from_env;
  }
  if (!path.empty()) {
    if (auto applied = apply_file(config, path); !applied) return applied.take_problem();
  }
  static const std::pair<const char*, const char*> kEnvironment[] = {
      {"IIFUND_DATABASE_URL", "database_url"},
      {"IIFUND_LISTEN", "listen"},
      {"IIFUND_DATA_DIR", "data_dir"},
      {"IIFUND_WEB_ROOT", "web_root"},
      {"IIFUND_POLICY", "policy"},
      {"IIFUND_THREADS", "threads"},
      {"IIFUND_TRUSTED_PROXIES", "trusted_proxies"},
      {"IIFUND_SESSION_IDLE_MINUTES", "session_idle_minutes"},
      {"IIFUND_SESSION_ABSOLUTE_HOURS", "session_absolute_hours"},
  };
  for (const auto& [variable, key] : kEnvironment) {
    if (const char* value = std::getenv(variable)) {
      if (auto applied = apply_setting(config, key, value, variable); !applied) return applied.take_problem();
    }
  }
  return config;
}

}  // namespace iifund::cli
