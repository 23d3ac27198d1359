#pragma once
// Configuration: built-in defaults, then a TOML file (--config or IIFUND_CONFIG), then
// environment variables. A bad key or value is one line naming it; the command exits 2.
#include <cstddef>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace iifund::cli {

struct Config {
  std::string database_url;  // empty: sqlite3://db=<data_dir>/iifund.db
  std::string listen_address = "127.0.0.1";
  unsigned short listen_port = 8080;
  std::string data_dir = "var";
  std::string web_root = "web/dist";
  std::string policy_file = "policies/jiangmen-2022-batch2.toml";
  std::size_t threads = 2;
  std::size_t database_pool = 4;
  // Peers whose X-Forwarded-For / X-Forwarded-Proto are believed (exact addresses, comma-separated
  // in the file or IIFUND_TRUSTED_PROXIES). Empty: the TCP peer is the client.
  std::vector<std::string> trusted_proxies;
  long long session_idle_minutes = 30;
  long long session_absolute_hours = 12;

  std::string effective_database_url() const;
};

// `config_path` may be empty (defaults and environment only). Errors carry a `message` fact.
domain::Result<Config> load_config(const std::string& config_path);

// "127.0.0.1:8080" → address and port; false when malformed.
bool parse_listen(const std::string& text, std::string& address, unsigned short& port);

}  // namespace iifund::cli
