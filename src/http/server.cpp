#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <atomic>
#include <thread>

#include "http/message_catalog.hpp"
#include "http/problem_response.hpp"
#include "http/request_pipeline.hpp"
#include "http/restinio_pch.hpp"
#include "http/security_headers.hpp"

namespace iifund::http {

namespace {

using ServerTraits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

Method to_method(const restinio::http_method_id_t& method) {
  if (method == restinio::http_method_get()) return Method::get;
  if (method == restinio::http_method_post()) return Method::post;
  if (method == restinio::http_method_put()) return Method::put;
  if (method == restinio::http_method_patch()) return Method::patch;
  if (method == restinio::http_method_delete()) return Method::del;
  if (method == restinio::http_method_head()) return Method::head;
  if (method == restinio::http_method_options()) return Method::options;
  return Method::other;
}

HttpRequest to_request(const restinio::request_handle_t& req) {
  HttpRequest request;
  request.method = to_method(req->header().method());
  request.target = std::string(req->header().request_target());
  req->header().for_each_field([&](const restinio::http_header_field_t& field) {
    std::string name = field.name();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[name] = field.value();
  });
  request.body = req->body();
  request.remote_address = req->remote_endpoint().address().to_string();
  return request;
}

std::optional<std::uint64_t> declared_length(const restinio::request_handle_t& req) {
  auto value = req->header().opt_value_of("Content-Length");
  if (!value) return std::nullopt;
  try {
    return std::stoull(std::string(*value));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

const char* reason_phrase(int status) {
  static const std::pair<int, const char*> kPhrases[] = {
      {200, "OK"},
      {201, "Created"},
      {204, "No Content"},
      {304, "Not Modified"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {409, "Conflict"},
      {411, "Length Required"},
      {413, "Content Too Large"},
      {414, "URI Too Long"},
      {415, "Unsupported Media Type"},
      {422, "Unprocessable Content"},
      {423, "Locked"},
      {429, "Too Many Requests"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {503, "Service Unavailable"},
  };
  for (const auto& [code, phrase] : kPhrases) {
    if (code == status) return phrase;
  }
  return "Status";
}

// Counts requests whose response is not yet written, so a stop can wait for them.
struct InFlight {
  std::atomic<int> count{0};
  std::atomic<bool> draining{false};
};

restinio::request_handling_status_t serve_one(ServerContext& context, InFlight& in_flight,
                                              const restinio::request_handle_t& req) {
  ++in_flight.count;
  auto started = std::chrono::steady_clock::now();
  HttpRequest request = to_request(req);
  HttpResponse response;
  if (in_flight.draining.load()) {
    request.request_id = new_request_id();
    request.language = negotiate_language(request.header("accept-language"));
    response = problem_response(domain::make_problem("service_unavailable", 503), request);
    add_security_headers(response, true);
  } else {
    response = handle_request(context, request, declared_length(req));
  }
  auto builder = req->create_response(
      restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                   reason_phrase(response.status)});
  for (auto& [name, value] : response.headers) builder.append_header(name, value);
  if (in_flight.draining.load()) builder.connection_close();
  auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("{} {} {} {} {}B {:.1f}ms id={}", request.remote_address, method_name(request.method),
               request.target.substr(0, 200), response.status, response.body.size(), elapsed,
               request.request_id);
  builder.set_body(std::move(response.body));
  builder.done([&in_flight](const auto&) { --in_flight.count; });
  return restinio::request_accepted();
}

}  // namespace

unsigned long raise_open_file_limit(unsigned long wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  rlim_t target = std::min<rlim_t>(limit.rlim_max, wanted);
  if (limit.rlim_cur < target) {
    limit.rlim_cur = target;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) spdlog::warn("could not raise the open-file limit");
  }
  getrlimit(RLIMIT_NOFILE, &limit);
  return static_cast<unsigned long>(limit.rlim_cur);
}

int run_server(ServerContext& context, const ServerOptions& options) {
  auto open_files = raise_open_file_limit(8192);
  // http_parser caps the request line plus headers at 80 KB by default and then drops the
  // connection; lift that to the hard target limit so an over-long URL gets a 414 instead.
  http_parser_set_max_header_size(
      static_cast<std::uint32_t>(context.limits.hard_target_bytes +
                                 context.limits.max_header_count * context.limits.max_header_value_bytes));
  InFlight in_flight;
  asio::io_context io_context;
  const auto& limits = context.limits;
  restinio::http_server_t<ServerTraits> server{
      restinio::external_io_context(io_context), [&](auto& settings) {
        settings.address(options.address)
            .port(options.port)
            .max_pipelined_requests(16)
            .read_next_http_message_timelimit(std::chrono::seconds(60))
            .handle_request_timeout(std::chrono::seconds(120))
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                          .max_url_size(limits.hard_target_bytes)
                                          .max_field_name_size(1024)
                                          .max_field_value_size(limits.max_header_value_bytes)
                                          .max_field_count(limits.max_header_count)
                                          .max_body_size(limits.hard_body_bytes))
            .request_handler(
                [&](const restinio::request_handle_t& req) { return serve_one(context, in_flight, req); });
      }};

  asio::signal_set stop_signals(io_context, SIGINT, SIGTERM);
  asio::steady_timer drain_timer(io_context);
  auto deadline = std::make_shared<std::chrono::steady_clock::time_point>();
  std::function<void()> wait_for_drain = [&] {
    if (in_flight.count.load() == 0 || std::chrono::steady_clock::now() >= *deadline) {
      spdlog::info("stopped ({} requests unfinished)", in_flight.count.load());
      io_context.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(20));
    drain_timer.async_wait([&](const asio::error_code&) { wait_for_drain(); });
  };
  stop_signals.async_wait([&](const asio::error_code& error, int signal_number) {
    if (error) return;
    spdlog::info("signal {}: no new connections, finishing {} requests", signal_number,
                 in_flight.count.load());
    in_flight.draining = true;
    *deadline = std::chrono::steady_clock::now() + options.drain_timeout;
    server.close_async([&] { wait_for_drain(); }, [&](const std::exception_ptr&) { wait_for_drain(); });
  });

  try {
    server.open_sync();
  } catch (const std::exception& error) {
    spdlog::error("cannot listen on {}:{}: {}", options.address, options.port, error.what());
    return 1;
  }
  spdlog::info("serving http://{}:{}/ ({} threads, open-file limit {})", options.address, options.port,
               options.threads, open_files);
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < options.threads; ++i) workers.emplace_back([&] { io_context.run(); });
  io_context.run();
  for (auto& worker : workers) worker.join();
  return 0;
}

}  // namespace iifund::http
