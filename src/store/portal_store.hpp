#pragma once
// 门户: the public pages the organizer maintains — the notice, the application guides, FAQ,
// announcements and downloadable templates. A page's file (a template) is read only when someone
// downloads it; lists carry its name, type and size.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct PortalPageRecord {
  long long id = 0;
  std::string kind;  // notice | guide | faq | announcement | template
  std::string slug;  // the public address: /api/public/pages/<slug>
  std::string title_zh;
  std::string title_en;
  std::string body_zh;  // plain text; paragraphs separated by a blank line
  std::string body_en;
  std::optional<std::string> file_name;
  std::optional<std::string> file_type;  // the sniffed content type
  long long file_size = 0;
  bool published = false;
  int sort_order = 0;
  int version = 1;  // optimistic lock
  long long updated_by = 0;
  std::string updated_at;
};

struct PortalPageQuery {
  std::optional<std::string> kind;
  bool published_only = false;
};

// Without bodies (title, file facts and state only), by sort order then id.
std::vector<PortalPageRecord> list_portal_pages(soci::session& sql, const PortalPageQuery& query);
std::optional<PortalPageRecord> find_portal_page(soci::session& sql, long long id);
std::optional<PortalPageRecord> find_portal_page_by_slug(soci::session& sql, const std::string& slug);
// Another page than `except_id` already has `slug`.
bool portal_slug_taken(soci::session& sql, const std::string& slug, long long except_id);

long long insert_portal_page(soci::session& sql, const PortalPageRecord& page);
// Writes every column but the file when `expected_version` is current (the version becomes
// expected + 1); false when stale.
bool update_portal_page(soci::session& sql, const PortalPageRecord& page, int expected_version);
// Replaces the page's file when `expected_version` is current; false when stale.
bool set_portal_page_file(soci::session& sql, const PortalPageRecord& page, std::string_view bytes,
                          int expected_version);
std::string read_portal_page_file(soci::session& sql, long long id);
void delete_portal_page(soci::session& sql, long long id);

}  // namespace iifund::store
