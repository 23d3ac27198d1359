#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

namespace iifund::store {

using domain::Problem;
using domain::Result;
using domain::Status;

namespace {

constexpr const char* kSqliteScheme = "sqlite3://";
constexpr const char* kPostgresScheme = "postgresql://";

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// Undoes the transaction unless commit() ran; a destructor cannot throw, so failures are logged.
class WriteTransaction {
 public:
  WriteTransaction(soci::session& session, Backend backend) : session_(session) {
    session_ << (backend == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  ~WriteTransaction() {
    if (open_) {
      try {
        session_ << "ROLLBACK";
      } catch (const std::exception& error) {
        spdlog::error("rollback failed: {}", error.what());
      }
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit() {
    session_ << "COMMIT";
    open_ = false;
  }

 private:
  soci::session& session_;
  bool open_ = true;
};

}  // namespace

const char* backend_name(Backend backend) { return backend == Backend::sqlite ? "sqlite" : "postgresql"; }

Result<DatabaseUrl> parse_database_url(const std::string& url) {
  if (starts_with(url, kSqliteScheme)) {
    auto rest = url.substr(std::char_traits<char>::length(kSqliteScheme));
    if (rest.rfind("db=", 0) != 0 || rest.size() == 3) {
      return domain::make_problem("database_url_invalid", 400,
                                  {{"url", url}, {"expected", "sqlite3://db=PATH"}});
    }
    return DatabaseUrl{Backend::sqlite, rest};
  }
  if (starts_with(url, kPostgresScheme)) {
    auto rest = url.substr(std::char_traits<char>::length(kPostgresScheme));
    if (rest.find('=') == std::string::npos) {
      return domain::make_problem("database_url_invalid", 400,
                                  {{"url", url}, {"expected", "postgresql://host=H port=P dbname=D user=U"}});
    }
    return DatabaseUrl{Backend::postgresql, rest};
  }
  return domain::make_problem("database_url_invalid", 400,
                              {{"url", url}, {"expected", "sqlite3://… or postgresql://…"}});
}

Database::Database(Backend backend, std::size_t pool_size)
    : backend_(backend), pool_(pool_size), pool_size_(pool_size) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const std::string& url, std::size_t pool_size) {
  auto parsed = parse_database_url(url);
  if (!parsed) return parsed.take_problem();
  std::unique_ptr<Database> db(new Database(parsed->backend, pool_size));
  try {
    for (std::size_t i = 0; i < pool_size; ++i) {
      soci::session& session = db->pool_.at(i);
      if (parsed->backend == Backend::sqlite) {
        session.open(soci::sqlite3, parsed->connect_string);
      } else {
        session.open(soci::postgresql, parsed->connect_string);
      }
      db->configure_session(session);
    }
  } catch (const std::exception& error) {
    return domain::make_problem("database_unavailable", 503,
                                {{"backend", backend_name(parsed->backend)}, {"reason", error.what()}});
  }
  return db;
}

// Durability first: WAL with synchronous=FULL survives power loss after COMMIT returns; foreign
// keys are off by default in SQLite; the busy timeout covers other processes (CLI, a second
// server) while the in-process mutex orders our own writers.
void Database::configure_session(soci::session& session) {
  if (backend_ == Backend::sqlite) {
    session << "PRAGMA journal_mode=WAL";
    session << "PRAGMA synchronous=FULL";
    session << "PRAGMA foreign_keys=ON";
    session << "PRAGMA busy_timeout=5000";
  } else {
    session << "SET TIME ZONE 'UTC'";
    session << "SET client_min_messages = WARNING";  // no NOTICE chatter on stderr
  }
}

Status Database::write(const std::function<Status(soci::session&)>& work) {
  std::unique_lock<std::mutex> funnel(sqlite_writer_, std::defer_lock);
  if (backend_ == Backend::sqlite) funnel.lock();
  soci::session session(pool_);
  try {
    WriteTransaction transaction(session, backend_);
    Status outcome = work(session);
    if (outcome) transaction.commit();
    return outcome;
  } catch (const std::exception& error) {
    return database_problem(error);
  }
}

Status Database::read(const std::function<Status(soci::session&)>& work) {
  soci::session session(pool_);
  try {
    return work(session);
  } catch (const std::exception& error) {
    return database_problem(error);
  }
}

Problem database_problem(const std::exception& error) {
  // The detail goes to the log only: SQL errors can quote user data and table layout.
  spdlog::error("database error: {}", error.what());
  return domain::make_problem("database_error", 503);
}

}  // namespace iifund::store
