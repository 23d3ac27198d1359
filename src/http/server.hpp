#pragma once
// The HTTP server: RESTinio on a thread pool, limits set explicitly, graceful stop on SIGTERM or
// SIGINT (stop accepting, let in-flight requests finish, then close).
#include <chrono>
#include <string>

#include "http/server_context.hpp"

namespace iifund::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  std::size_t threads = 2;
  std::chrono::seconds drain_timeout{10};
};

// Blocks until a stop signal; returns the process exit code.
int run_server(ServerContext& context, const ServerOptions& options);

// Raises RLIMIT_NOFILE towards its hard limit so 1,000 connections fit; returns the new soft limit.
unsigned long raise_open_file_limit(unsigned long wanted);

}  // namespace iifund::http
