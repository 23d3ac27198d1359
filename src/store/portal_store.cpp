#include "store/portal_store.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

// The columns read_page expects; the two bodies are left empty by lists.
std::string page_columns(bool with_bodies) {
  return std::string("SELECT id, kind, slug, title_zh, title_en, ") +
         (with_bodies ? "body_zh, body_en, " : "'', '', ") +
         "file_name, file_type, COALESCE(LENGTH(file_bytes), 0), published, sort_order, version, updated_by, "
         "updated_at FROM portal_pages ";
}

PortalPageRecord read_page(const soci::row& row) {
  PortalPageRecord page;
  page.id = row_integer(row, 0);
  page.kind = row.get<std::string>(1);
  page.slug = row.get<std::string>(2);
  page.title_zh = row.get<std::string>(3);
  page.title_en = row.get<std::string>(4);
  page.body_zh = row.get<std::string>(5);
  page.body_en = row.get<std::string>(6);
  page.file_name = row_optional_text(row, 7);
  page.file_type = row_optional_text(row, 8);
  page.file_size = row_integer(row, 9);
  page.published = row_integer(row, 10) != 0;
  page.sort_order = static_cast<int>(row_integer(row, 11));
  page.version = static_cast<int>(row_integer(row, 12));
  page.updated_by = row_integer(row, 13);
  page.updated_at = row.get<std::string>(14);
  return page;
}

std::optional<PortalPageRecord> first_page(soci::rowset<soci::row>& rows) {
  for (const auto& row : rows) return read_page(row);
  return std::nullopt;
}

}  // namespace

std::vector<PortalPageRecord> list_portal_pages(soci::session& sql, const PortalPageQuery& query) {
  const int by_kind = query.kind ? 1 : 0;
  const std::string kind = query.kind.value_or("");
  const int published_only = query.published_only ? 1 : 0;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << page_columns(false) +
                  "WHERE (:f1 = 0 OR kind = :k) AND (:f2 = 0 OR published = 1) ORDER BY sort_order, id",
       soci::use(by_kind), soci::use(kind), soci::use(published_only));
  std::vector<PortalPageRecord> pages;
  for (const auto& row : rows) pages.push_back(read_page(row));
  return pages;
}

std::optional<PortalPageRecord> find_portal_page(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << page_columns(true) + "WHERE id = :id", soci::use(id));
  return first_page(rows);
}

std::optional<PortalPageRecord> find_portal_page_by_slug(soci::session& sql, const std::string& slug) {
  soci::rowset<soci::row> rows = (sql.prepare << page_columns(true) + "WHERE slug = :s", soci::use(slug));
  return first_page(rows);
}

bool portal_slug_taken(soci::session& sql, const std::string& slug, long long except_id) {
  int count = 0;
  sql << "SELECT COUNT(*) FROM portal_pages WHERE slug = :s AND id <> :id", soci::use(slug),
      soci::use(except_id), soci::into(count);
  return count > 0;
}

long long insert_portal_page(soci::session& sql, const PortalPageRecord& page) {
  const int published = page.published ? 1 : 0;
  sql << "INSERT INTO portal_pages (kind, slug, title_zh, title_en, body_zh, body_en, published, sort_order, "
         "version, updated_by, updated_at) VALUES (:k, :s, :tz, :te, :bz, :be, :p, :o, 1, :u, :at)",
      soci::use(page.kind), soci::use(page.slug), soci::use(page.title_zh), soci::use(page.title_en),
      soci::use(page.body_zh), soci::use(page.body_en), soci::use(published), soci::use(page.sort_order),
      soci::use(page.updated_by), soci::use(page.updated_at);
  return last_insert_id(sql, "portal_pages");
}

bool update_portal_page(soci::session& sql, const PortalPageRecord& page, int expected_version) {
  const int published = page.published ? 1 : 0;
  soci::statement update =
      (sql.prepare << "UPDATE portal_pages SET kind = :k, slug = :s, title_zh = :tz, title_en = :te, "
                      "body_zh = :bz, body_en = :be, published = :p, sort_order = :o, version = version + 1, "
                      "updated_by = :u, updated_at = :at WHERE id = :id AND version = :v",
       soci::use(page.kind), soci::use(page.slug), soci::use(page.title_zh), soci::use(page.title_en),
       soci::use(page.body_zh), soci::use(page.body_en), soci::use(published), soci::use(page.sort_order),
       soci::use(page.updated_by), soci::use(page.updated_at), soci::use(page.id),
       soci::use(expected_version));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

bool set_portal_page_file(soci::session& sql, const PortalPageRecord& page, std::string_view bytes,
                          int expected_version) {
  const bool postgresql = on_postgresql(sql);
  // SOCI binds a std::string with its length, so NUL bytes survive on SQLite; the cast stores a BLOB.
  std::string payload = postgresql ? hex_of_bytes(bytes) : std::string(bytes);
  const std::string name = page.file_name.value_or("");
  const std::string type = page.file_type.value_or("");
  const std::string text =
      std::string("UPDATE portal_pages SET file_name = :n, file_type = :t, file_bytes = ") +
      (postgresql ? "decode(:b, 'hex')" : "CAST(:b AS BLOB)") +
      ", version = version + 1, updated_by = :u, updated_at = :at WHERE id = :id AND "
      "version = :v";
  soci::statement update =
      (sql.prepare << text, soci::use(name), soci::use(type), soci::use(payload), soci::use(page.updated_by),
       soci::use(page.updated_at), soci::use(page.id), soci::use(expected_version));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

std::string read_portal_page_file(soci::session& sql, long long id) {
  const std::string query =
      on_postgresql(sql) ? "SELECT COALESCE(encode(file_bytes, 'hex'), '') FROM portal_pages WHERE id = :id"
                         : "SELECT COALESCE(hex(file_bytes), '') FROM portal_pages WHERE id = :id";
  std::string hex;
  sql << query, soci::use(id), soci::into(hex);
  return bytes_of_hex(hex);
}

void delete_portal_page(soci::session& sql, long long id) {
  sql << "DELETE FROM portal_pages WHERE id = :id", soci::use(id);
}

}  // namespace iifund::store
