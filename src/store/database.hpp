#pragma once
// The one database handle: a pool of SOCI sessions on SQLite or PostgreSQL, chosen by the URL.
// Every write goes through write(), which opens the transaction in the backend's strongest
// up-front mode (SQLite: BEGIN IMMEDIATE, so two writers never meet SQLITE_BUSY_SNAPSHOT) and
// commits only when the work returns without a Problem.
#include <soci/soci.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "domain/result.hpp"

namespace iifund::store {

enum class Backend { sqlite, postgresql };

const char* backend_name(Backend backend);

// What a connection URL names: `sqlite3://db=var/iifund.db` or
// `postgresql://host=127.0.0.1 port=25432 dbname=iifund user=iifund` (libpq key=value options).
struct DatabaseUrl {
  Backend backend;
  std::string connect_string;  // the part after "://", handed to SOCI
};
domain::Result<DatabaseUrl> parse_database_url(const std::string& url);

class Database {
 public:
  static domain::Result<std::unique_ptr<Database>> open(const std::string& url, std::size_t pool_size = 4);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Backend backend() const { return backend_; }

  // Runs `work` in one write transaction: committed when it returns ok, rolled back when it
  // returns a Problem or throws. The Problem (or a `database_error`) is passed on.
  domain::Status write(const std::function<domain::Status(soci::session&)>& work);
  // Runs `work` on a leased session without a write transaction.
  domain::Status read(const std::function<domain::Status(soci::session&)>& work);

 private:
  Database(Backend backend, std::size_t pool_size);
  void configure_session(soci::session& session);

  Backend backend_;
  soci::connection_pool pool_;
  std::size_t pool_size_;
  // SQLite allows one writer at a time; funnelling writers here keeps BEGIN IMMEDIATE from
  // spinning on the busy timeout when the server's own threads compete.
  std::mutex sqlite_writer_;
};

// Maps a database exception to a Problem that names no SQL and leaks no data.
domain::Problem database_problem(const std::exception& error);

}  // namespace iifund::store
