#include "store/migrations.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "store/timestamps.hpp"

namespace iifund::store {

using domain::Result;
using domain::Status;

namespace {

// One DDL text for both backends: they share this subset, and the two words they spell
// differently are placeholders (see ddl_for). Timestamps are ISO-8601 UTC text
// ("2022-11-30T16:00:00Z"), so the store reads the same strings back from either.
const std::vector<Migration> kMigrations = {
    {
        1,
        "batches, users and the audit log",
        {
            R"(CREATE TABLE batches (
              id {id},
              code TEXT NOT NULL UNIQUE,
              name_zh TEXT NOT NULL,
              name_en TEXT NOT NULL,
              policy_toml TEXT NOT NULL,
              is_demo INTEGER NOT NULL DEFAULT 0,
              opens_at TEXT,
              closes_at TEXT NOT NULL,
              created_at TEXT NOT NULL))",
            R"(CREATE TABLE users (
              id {id},
              username TEXT NOT NULL UNIQUE,
              display_name TEXT NOT NULL,
              role TEXT NOT NULL CHECK (role IN ('enterprise','county','organizer','expert','bureau','admin')),
              county_code TEXT,
              password_hash TEXT NOT NULL,
              must_change_password INTEGER NOT NULL DEFAULT 1,
              is_demo INTEGER NOT NULL DEFAULT 0,
              disabled INTEGER NOT NULL DEFAULT 0,
              version INTEGER NOT NULL DEFAULT 1,
              created_at TEXT NOT NULL))",
            R"(CREATE TABLE audit_log (
              id {id},
              at TEXT NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              object TEXT NOT NULL,
              details TEXT NOT NULL))",
        },
    },
    {
        2,
        "enterprises, sessions, login throttling and the sealed audit chain",
        {
            R"(CREATE TABLE enterprises (
              id {id},
              credit_code TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              county_code TEXT NOT NULL,
              contact_name TEXT NOT NULL,
              contact_phone TEXT NOT NULL,
              verified INTEGER NOT NULL DEFAULT 0,
              verified_by {bigint} REFERENCES users(id),
              verified_at TEXT,
              verification_note TEXT,
              is_demo INTEGER NOT NULL DEFAULT 0,
              version INTEGER NOT NULL DEFAULT 1,
              created_at TEXT NOT NULL))",
            "CREATE INDEX enterprises_county ON enterprises (county_code, verified)",
            "ALTER TABLE users ADD COLUMN enterprise_id {bigint} REFERENCES enterprises(id)",
            "ALTER TABLE users ADD COLUMN enterprise_admin INTEGER NOT NULL DEFAULT 0",
            R"(CREATE TABLE sessions (
              id {id},
              token_hash TEXT NOT NULL UNIQUE,
              csrf_token TEXT NOT NULL,
              user_id {bigint} NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL,
              last_seen_at TEXT NOT NULL,
              client_address TEXT NOT NULL,
              user_agent TEXT NOT NULL,
              ended_at TEXT,
              ended_reason TEXT))",
            "CREATE INDEX sessions_user ON sessions (user_id)",
            R"(CREATE TABLE login_failures (
              id {id},
              throttle_key TEXT NOT NULL,
              failed_at TEXT NOT NULL))",
            "CREATE INDEX login_failures_key ON login_failures (throttle_key, failed_at)",
            "ALTER TABLE audit_log ADD COLUMN role TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE audit_log ADD COLUMN client_address TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE audit_log ADD COLUMN result TEXT NOT NULL DEFAULT 'ok'",
            "ALTER TABLE audit_log ADD COLUMN chain_position {bigint}",
            "ALTER TABLE audit_log ADD COLUMN seal TEXT",
            "CREATE UNIQUE INDEX audit_log_chain ON audit_log (chain_position)",
            "CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seal IS NULL",
        },
    },
    {
        3,
        "enterprise profiles, applications, snapshots, invoice claims and uploads",
        {
            "ALTER TABLE enterprises ADD COLUMN profile_json TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE enterprises ADD COLUMN profile_updated_at TEXT",
            // The form is one JSON document (service/application_form.hpp parses and checks it);
            // the columns beside it are what lists, filters and uniqueness need.
            R"(CREATE TABLE applications (
              id {id},
              number TEXT UNIQUE,
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              enterprise_id {bigint} NOT NULL REFERENCES enterprises(id),
              category INTEGER NOT NULL,
              county_code TEXT NOT NULL,
              state TEXT NOT NULL,
              project_name TEXT NOT NULL DEFAULT '',
              requested_fen {bigint} NOT NULL DEFAULT 0,
              computed_fen {bigint} NOT NULL DEFAULT 0,
              bound_by TEXT NOT NULL DEFAULT '',
              form_json TEXT NOT NULL,
              version INTEGER NOT NULL DEFAULT 1,
              finalized_hash TEXT,
              finalized_at TEXT,
              returned_at TEXT,
              submitted_at TEXT,
              revision INTEGER NOT NULL DEFAULT 0,
              created_by {bigint} NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL,
              updated_by {bigint} NOT NULL REFERENCES users(id),
              updated_at TEXT NOT NULL))",
            // One per enterprise per category per batch; a withdrawn one frees the place.
            "CREATE UNIQUE INDEX applications_one_per_category ON applications (batch_id, enterprise_id, "
            "category) WHERE state <> 'withdrawn'",
            "CREATE INDEX applications_county ON applications (batch_id, county_code, state)",
            "CREATE INDEX applications_enterprise ON applications (enterprise_id, batch_id)",
            // What reviewers see: frozen at each submission, never updated.
            R"(CREATE TABLE application_snapshots (
              id {id},
              application_id {bigint} NOT NULL REFERENCES applications(id),
              revision INTEGER NOT NULL,
              form_json TEXT NOT NULL,
              form_hash TEXT NOT NULL,
              computed_json TEXT NOT NULL,
              materials_json TEXT NOT NULL,
              submitted_by {bigint} NOT NULL REFERENCES users(id),
              submitted_at TEXT NOT NULL,
              UNIQUE (application_id, revision)))",
            R"(CREATE TABLE application_events (
              id {id},
              application_id {bigint} NOT NULL REFERENCES applications(id),
              action TEXT NOT NULL,
              from_state TEXT NOT NULL,
              to_state TEXT NOT NULL,
              actor_user_id {bigint} REFERENCES users(id),
              actor_role TEXT NOT NULL,
              reason TEXT NOT NULL DEFAULT '',
              at TEXT NOT NULL))",
            "CREATE INDEX application_events_application ON application_events (application_id, id)",
            // The invoices each application lists (rewritten on every save), for the draft warning.
            R"(CREATE TABLE application_invoices (
              application_id {bigint} NOT NULL REFERENCES applications(id),
              invoice_key TEXT NOT NULL,
              PRIMARY KEY (application_id, invoice_key)))",
            "CREATE INDEX application_invoices_key ON application_invoices (invoice_key)",
            // First submitted wins: the primary key is the race's referee.
            R"(CREATE TABLE invoice_claims (
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              invoice_key TEXT NOT NULL,
              application_id {bigint} NOT NULL REFERENCES applications(id),
              claimed_at TEXT NOT NULL,
              PRIMARY KEY (batch_id, invoice_key)))",
            "CREATE INDEX invoice_claims_application ON invoice_claims (application_id)",
            // Uploaded files, kept in the database so a backup or a second server has them too.
            // An enterprise-level file (business licence, authorization letter) has no application.
            R"(CREATE TABLE uploads (
              id {id},
              enterprise_id {bigint} NOT NULL REFERENCES enterprises(id),
              application_id {bigint} REFERENCES applications(id),
              material_id TEXT NOT NULL,
              file_name TEXT NOT NULL,
              size_bytes {bigint} NOT NULL,
              sha256 TEXT NOT NULL,
              chunk_bytes INTEGER NOT NULL,
              content_type TEXT,
              state TEXT NOT NULL CHECK (state IN ('uploading','complete','removed')),
              created_by {bigint} NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL,
              completed_at TEXT))",
            "CREATE INDEX uploads_application ON uploads (application_id, material_id, state)",
            "CREATE INDEX uploads_enterprise ON uploads (enterprise_id, state)",
            R"(CREATE TABLE upload_chunks (
              upload_id {bigint} NOT NULL REFERENCES uploads(id),
              chunk_index INTEGER NOT NULL,
              sha256 TEXT NOT NULL,
              bytes {blob} NOT NULL,
              PRIMARY KEY (upload_id, chunk_index)))",
        },
    },
    {
        4,
        "review pipeline: decisions, formal checks, expert pool, assignments, scores, library, "
        "schedule and notifications",
        {
            // What a return, decline or check said beyond its reason (fields to fix, checklist).
            "ALTER TABLE application_events ADD COLUMN details_json TEXT NOT NULL DEFAULT '{}'",
            // 县区推荐函: one sealed letter per county per batch, replaced by a newer upload.
            R"(CREATE TABLE county_letters (
              id {id},
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              county_code TEXT NOT NULL,
              file_name TEXT NOT NULL,
              content_type TEXT NOT NULL,
              size_bytes {bigint} NOT NULL,
              sha256 TEXT NOT NULL,
              bytes {blob} NOT NULL,
              uploaded_by {bigint} NOT NULL REFERENCES users(id),
              uploaded_at TEXT NOT NULL,
              UNIQUE (batch_id, county_code)))",
            // 形式审查: the first check of every application and the second look at a sample.
            R"(CREATE TABLE formal_checks (
              id {id},
              application_id {bigint} NOT NULL REFERENCES applications(id),
              round TEXT NOT NULL CHECK (round IN ('first','recheck')),
              revision INTEGER NOT NULL,
              outcome TEXT NOT NULL CHECK (outcome IN ('pass','supplement','fail')),
              checklist_json TEXT NOT NULL,
              reason TEXT NOT NULL DEFAULT '',
              checked_by {bigint} NOT NULL REFERENCES users(id),
              checked_at TEXT NOT NULL))",
            "CREATE INDEX formal_checks_application ON formal_checks (application_id, id)",
            R"(CREATE TABLE formal_recheck_samples (
              application_id {bigint} PRIMARY KEY REFERENCES applications(id),
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              share_percent INTEGER NOT NULL,
              drawn_by {bigint} NOT NULL REFERENCES users(id),
              drawn_at TEXT NOT NULL))",
            // 专家库: fields and declared conflicts are JSON arrays of strings.
            R"(CREATE TABLE experts (
              id {id},
              name TEXT NOT NULL,
              title TEXT NOT NULL DEFAULT '',
              employer_name TEXT NOT NULL DEFAULT '',
              employer_credit_code TEXT NOT NULL DEFAULT '',
              county_code TEXT NOT NULL DEFAULT '',
              fields_json TEXT NOT NULL DEFAULT '[]',
              declared_json TEXT NOT NULL DEFAULT '[]',
              max_load INTEGER NOT NULL DEFAULT 10,
              active INTEGER NOT NULL DEFAULT 1,
              phone TEXT NOT NULL DEFAULT '',
              user_id {bigint} UNIQUE REFERENCES users(id),
              version INTEGER NOT NULL DEFAULT 1,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL))",
            // 专家分配: a run is a preview until confirmed; its slots become the live assignments.
            R"(CREATE TABLE assignment_runs (
              id {id},
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              category INTEGER,
              state TEXT NOT NULL CHECK (state IN ('preview','confirmed','discarded')),
              options_json TEXT NOT NULL,
              statistics_json TEXT NOT NULL,
              created_by {bigint} NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL,
              confirmed_by {bigint} REFERENCES users(id),
              confirmed_at TEXT))",
            // One row per (application, expert) slot. state: proposed (in a preview), active,
            // conflict_declared (the expert declared 回避 and was replaced), removed.
            R"(CREATE TABLE review_assignments (
              id {id},
              run_id {bigint} NOT NULL REFERENCES assignment_runs(id),
              application_id {bigint} NOT NULL REFERENCES applications(id),
              expert_id {bigint} NOT NULL REFERENCES experts(id),
              state TEXT NOT NULL CHECK (state IN ('proposed','active','conflict_declared','removed')),
              reason TEXT NOT NULL DEFAULT '',
              replaces_id {bigint} REFERENCES review_assignments(id),
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL))",
            "CREATE INDEX review_assignments_application ON review_assignments (application_id, state)",
            "CREATE INDEX review_assignments_expert ON review_assignments (expert_id, state)",
            "CREATE INDEX review_assignments_run ON review_assignments (run_id)",
            // 评分表: one per live assignment; locked once submitted until the organizer reopens it.
            R"(CREATE TABLE review_scores (
              assignment_id {bigint} PRIMARY KEY REFERENCES review_assignments(id),
              scores_json TEXT NOT NULL DEFAULT '{}',
              comments_json TEXT NOT NULL DEFAULT '{}',
              overall_comment TEXT NOT NULL DEFAULT '',
              state TEXT NOT NULL CHECK (state IN ('draft','submitted')),
              total REAL,
              version INTEGER NOT NULL DEFAULT 1,
              entered_by {bigint} NOT NULL REFERENCES users(id),
              offline_note TEXT NOT NULL DEFAULT '',
              submitted_at TEXT,
              reopened_reason TEXT NOT NULL DEFAULT '',
              updated_at TEXT NOT NULL))",
            // 承诺书: accepted once per expert per batch, before the first assignment is shown.
            R"(CREATE TABLE expert_pledges (
              expert_id {bigint} NOT NULL REFERENCES experts(id),
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              pledge_hash TEXT NOT NULL,
              accepted_at TEXT NOT NULL,
              PRIMARY KEY (expert_id, batch_id)))",
            // 入库: the scores an application entered (or missed) the library with.
            R"(CREATE TABLE review_results (
              application_id {bigint} PRIMARY KEY REFERENCES applications(id),
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              category INTEGER NOT NULL,
              sheets INTEGER NOT NULL,
              trimmed_mean REAL NOT NULL,
              normalized REAL,
              ranking_score REAL NOT NULL,
              spread_sd REAL NOT NULL,
              divergent INTEGER NOT NULL,
              outcome TEXT NOT NULL CHECK (outcome IN ('in_library','not_selected')),
              computed_at TEXT NOT NULL))",
            // 时间安排: a due time per stage; every change after the first is an extension, kept.
            R"(CREATE TABLE stage_deadlines (
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              stage TEXT NOT NULL CHECK (stage IN ('county','formal_check','review')),
              due_at TEXT NOT NULL,
              set_by {bigint} NOT NULL REFERENCES users(id),
              set_at TEXT NOT NULL,
              PRIMARY KEY (batch_id, stage)))",
            R"(CREATE TABLE deadline_extensions (
              id {id},
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              stage TEXT NOT NULL,
              previous_due_at TEXT NOT NULL,
              new_due_at TEXT NOT NULL,
              reason TEXT NOT NULL,
              extended_by {bigint} NOT NULL REFERENCES users(id),
              extended_at TEXT NOT NULL))",
            // 站内信: kind + params are rendered in the reader's language by the front end. A
            // dedupe key makes a reminder or a notice written twice (two servers) land once.
            R"(CREATE TABLE notifications (
              id {id},
              user_id {bigint} NOT NULL REFERENCES users(id),
              kind TEXT NOT NULL,
              object TEXT NOT NULL DEFAULT '',
              params_json TEXT NOT NULL DEFAULT '{}',
              dedupe_key TEXT,
              created_at TEXT NOT NULL,
              read_at TEXT,
              UNIQUE (user_id, dedupe_key)))",
            "CREATE INDEX notifications_inbox ON notifications (user_id, read_at, id)",
            // Mail and SMS later: a sender picks pending rows; nothing sends them yet.
            R"(CREATE TABLE notification_outbox (
              id {id},
              notification_id {bigint} NOT NULL REFERENCES notifications(id),
              channel TEXT NOT NULL CHECK (channel IN ('mail','sms')),
              state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','failed')),
              created_at TEXT NOT NULL,
              sent_at TEXT))",
        },
    },
    {
        5,
        "budgets, selection, publicity and objections, approval, disbursements, acceptance, "
        "training check-ins and the public portal",
        {
            // 预算: the batch budget (else the policy's) and optional per-category budgets.
            R"(CREATE TABLE batch_budgets (
              batch_id {bigint} PRIMARY KEY REFERENCES batches(id),
              budget_fen {bigint} NOT NULL,
              category_budgets_json TEXT NOT NULL DEFAULT '{}',
              version INTEGER NOT NULL DEFAULT 1,
              updated_by {bigint} NOT NULL REFERENCES users(id),
              updated_at TEXT NOT NULL))",
            // 排序优选: each run keeps both methods' results; one run per batch is confirmed, and
            // its confirmation locks the list.
            R"(CREATE TABLE selection_runs (
              id {id},
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              state TEXT NOT NULL CHECK (state IN ('draft','confirmed','discarded')),
              chosen_method TEXT CHECK (chosen_method IN ('rank_order','optimal')),
              limits_json TEXT NOT NULL,
              rank_order_json TEXT NOT NULL,
              optimal_json TEXT NOT NULL,
              comparison_json TEXT NOT NULL,
              created_by {bigint} NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL,
              confirmed_by {bigint} REFERENCES users(id),
              confirmed_at TEXT))",
            "CREATE UNIQUE INDEX selection_runs_one_confirmed ON selection_runs (batch_id) WHERE state = "
            "'confirmed'",
            // A downward adjustment of one project's amount, with its reason, before confirming.
            R"(CREATE TABLE selection_adjustments (
              id {id},
              run_id {bigint} NOT NULL REFERENCES selection_runs(id),
              application_id {bigint} NOT NULL REFERENCES applications(id),
              amount_fen {bigint} NOT NULL,
              reason TEXT NOT NULL,
              adjusted_by {bigint} NOT NULL REFERENCES users(id),
              adjusted_at TEXT NOT NULL,
              UNIQUE (run_id, application_id)))",
            // The funded list: selected amount, then the approved (下达) amount.
            R"(CREATE TABLE funded_projects (
              application_id {bigint} PRIMARY KEY REFERENCES applications(id),
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              run_id {bigint} NOT NULL REFERENCES selection_runs(id),
              rank INTEGER NOT NULL,
              score REAL NOT NULL,
              selected_fen {bigint} NOT NULL,
              approved_fen {bigint},
              approved_by {bigint} REFERENCES users(id),
              approved_at TEXT))",
            // 公示: the published list as it was shown, and its period.
            R"(CREATE TABLE publicities (
              id {id},
              batch_id {bigint} NOT NULL REFERENCES batches(id),
              run_id {bigint} NOT NULL REFERENCES selection_runs(id),
              starts_at TEXT NOT NULL,
              ends_at TEXT NOT NULL,
              entries_json TEXT NOT NULL,
              published_by {bigint} NOT NULL REFERENCES users(id),
              published_at TEXT NOT NULL,
              UNIQUE (batch_id)))",
            // 异议: named, with a signed or sealed letter; the organizer's investigation and outcome.
            R"(CREATE TABLE objections (
              id {id},
              publicity_id {bigint} NOT NULL REFERENCES publicities(id),
              application_id {bigint} REFERENCES applications(id),
              objector_name TEXT NOT NULL,
              objector_organization TEXT NOT NULL DEFAULT '',
              phone TEXT NOT NULL,
              address TEXT NOT NULL DEFAULT '',
              content TEXT NOT NULL,
              letter_name TEXT NOT NULL,
              letter_type TEXT NOT NULL,
              letter_sha256 TEXT NOT NULL,
              letter_bytes {blob} NOT NULL,
              client_address TEXT NOT NULL DEFAULT '',
              submitted_at TEXT NOT NULL,
              state TEXT NOT NULL CHECK (state IN ('received','investigating','upheld','rejected')),
              investigation TEXT NOT NULL DEFAULT '',
              outcome TEXT NOT NULL DEFAULT '',
              changed_fen {bigint},
              decided_by {bigint} REFERENCES users(id),
              decided_at TEXT))",
            "CREATE INDEX objections_publicity ON objections (publicity_id, state)",
            // 拨付: payments against the approved amount, never above it in sum.
            R"(CREATE TABLE disbursements (
              id {id},
              application_id {bigint} NOT NULL REFERENCES applications(id),
              amount_fen {bigint} NOT NULL CHECK (amount_fen > 0),
              paid_on TEXT NOT NULL,
              voucher TEXT NOT NULL DEFAULT '',
              note TEXT NOT NULL DEFAULT '',
              recorded_by {bigint} NOT NULL REFERENCES users(id),
              recorded_at TEXT NOT NULL))",
            "CREATE INDEX disbursements_application ON disbursements (application_id)",
            // 验收: actual against planned targets and investment; evidence files are uploads of
            // the application with material ids "acceptance_*".
            R"(CREATE TABLE acceptances (
              application_id {bigint} PRIMARY KEY REFERENCES applications(id),
              actual_investment_fen {bigint},
              targets_json TEXT NOT NULL DEFAULT '[]',
              report TEXT NOT NULL DEFAULT '',
              state TEXT NOT NULL CHECK (state IN ('draft','submitted','passed','failed')),
              conclusion TEXT NOT NULL DEFAULT '',
              concluded_by {bigint} REFERENCES users(id),
              concluded_at TEXT,
              version INTEGER NOT NULL DEFAULT 1,
              updated_at TEXT NOT NULL))",
            // 培训场次 and 签到: a QR code per event leads to its check-in page; one check-in per
            // trainee (phone) per event.
            R"(CREATE TABLE training_events (
              id {id},
              application_id {bigint} NOT NULL REFERENCES applications(id),
              title TEXT NOT NULL,
              held_on TEXT NOT NULL,
              location TEXT NOT NULL DEFAULT '',
              checkin_token TEXT NOT NULL UNIQUE,
              checkin_open INTEGER NOT NULL DEFAULT 1,
              created_by {bigint} NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL))",
            "CREATE INDEX training_events_application ON training_events (application_id)",
            R"(CREATE TABLE training_checkins (
              id {id},
              event_id {bigint} NOT NULL REFERENCES training_events(id),
              name TEXT NOT NULL,
              phone TEXT NOT NULL,
              employer TEXT NOT NULL DEFAULT '',
              checked_in_at TEXT NOT NULL,
              client_address TEXT NOT NULL DEFAULT '',
              UNIQUE (event_id, phone)))",
            // 门户: the notice, guides, FAQ, announcements and templates the organizer maintains.
            R"(CREATE TABLE portal_pages (
              id {id},
              kind TEXT NOT NULL CHECK (kind IN ('notice','guide','faq','announcement','template')),
              slug TEXT NOT NULL UNIQUE,
              title_zh TEXT NOT NULL,
              title_en TEXT NOT NULL DEFAULT '',
              body_zh TEXT NOT NULL DEFAULT '',
              body_en TEXT NOT NULL DEFAULT '',
              file_name TEXT,
              file_type TEXT,
              file_bytes {blob},
              published INTEGER NOT NULL DEFAULT 0,
              sort_order INTEGER NOT NULL DEFAULT 0,
              version INTEGER NOT NULL DEFAULT 1,
              updated_by {bigint} NOT NULL REFERENCES users(id),
              updated_at TEXT NOT NULL))",
        },
    },
};

const char* kCreateMigrationTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";

Status ensure_migration_table(Database& db) {
  return db.write([](soci::session& sql) {
    sql << kCreateMigrationTable;
    return Status(domain::Ok{});
  });
}

// Applies one migration and records it in the same transaction; the version check inside the
// transaction makes two servers starting together apply it once.
Result<bool> apply_one(Database& db, const Migration& migration) {
  bool applied = false;
  Status outcome = db.write([&](soci::session& sql) {
    int already = 0;
    sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(migration.version),
        soci::into(already);
    if (already > 0) return Status(domain::Ok{});
    for (const auto& statement : migration.statements) sql << ddl_for(db.backend(), statement);
    std::string now = format_utc_iso(std::chrono::system_clock::now());
    sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
        soci::use(migration.version), soci::use(migration.name), soci::use(now);
    applied = true;
    return Status(domain::Ok{});
  });
  if (!outcome) {
    auto problem = outcome.take_problem();
    problem.code = "migration_failed";
    problem.facts["version"] = migration.version;
    problem.facts["name"] = migration.name;
    return problem;
  }
  return applied;
}

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

std::string ddl_for(Backend backend, std::string statement) {
  const bool sqlite = backend == Backend::sqlite;
  const std::pair<std::string_view, std::string_view> kSpellings[] = {
      {"{id}", sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"},
      {"{bigint}", sqlite ? "INTEGER" : "BIGINT"},
      {"{blob}", sqlite ? "BLOB" : "BYTEA"},
  };
  for (const auto& [placeholder, spelling] : kSpellings) {
    for (auto at = statement.find(placeholder); at != std::string::npos;
         at = statement.find(placeholder, at)) {
      statement.replace(at, placeholder.size(), spelling);
      at += spelling.size();
    }
  }
  return statement;
}

Result<int> current_schema_version(Database& db) {
  if (auto made = ensure_migration_table(db); !made) return made.take_problem();
  int version = 0;
  Status read = db.read([&](soci::session& sql) {
    soci::indicator ind = soci::i_ok;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    if (ind == soci::i_null) version = 0;
    return Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  return version;
}

Result<MigrationReport> apply_migrations(Database& db, std::span<const Migration> migrations) {
  if (auto made = ensure_migration_table(db); !made) return made.take_problem();
  MigrationReport report;
  for (const auto& migration : migrations) {
    auto applied = apply_one(db, migration);
    if (!applied) return applied.take_problem();
    if (applied.value()) {
      spdlog::info("migration {} applied: {}", migration.version, migration.name);
      report.applied.push_back(migration.version);
    }
  }
  auto version = current_schema_version(db);
  if (!version) return version.take_problem();
  report.current_version = version.value();
  return report;
}

}  // namespace iifund::store
