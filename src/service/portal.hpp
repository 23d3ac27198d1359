#pragma once
// 门户: the public portal. Anybody reads the published pages — the notice, the four application
// guides (申报指南), templates to download, the FAQ and announcements — without signing in; the
// organizer writes them. A template file is sniffed like every upload, but a portal page may also
// carry the office formats applicants fill in (Word, Excel), which application materials may not.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/file_signature.hpp"
#include "domain/policy.hpp"
#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/portal_store.hpp"

namespace iifund::service {

// A template file is at most 1 MiB: it travels base64-encoded inside a JSON body.
inline constexpr long long kPortalFileMaxBytes = 1024LL * 1024;

// What a POST or PUT carries; on PUT an absent field keeps its current value.
struct PortalPageInput {
  std::optional<std::string> kind;
  std::optional<std::string> slug;
  std::optional<std::string> title_zh;
  std::optional<std::string> title_en;
  std::optional<std::string> body_zh;
  std::optional<std::string> body_en;
  std::optional<bool> published;
  std::optional<long long> sort_order;
};

struct PortalFileContent {
  store::PortalPageRecord page;
  std::string bytes;
};

// The kinds of page (notice, guide, faq, announcement, template).
bool portal_kind_known(std::string_view kind);

// What a template file really is: PDF or OFD (as application materials), or an Office Open XML
// (docx, xlsx, pptx) or OpenDocument (odt, ods) package recognised by the entries of its ZIP. The
// name's extension must agree. Refusal: 422 template_type_refused {claimed, found}, field "file".
domain::Result<domain::FileSignature> sniff_template_file(std::string_view bytes, std::string_view file_name);

// Public reading (no sign-in). 422 validation_failed (field "kind") for an unknown kind; 404 for an
// unknown or unpublished page, and for a page without a file.
domain::Result<std::vector<store::PortalPageRecord>> list_public_pages(
    store::Database& db, const std::optional<std::string>& kind);
domain::Result<store::PortalPageRecord> view_public_page(store::Database& db, const std::string& slug);
domain::Result<PortalFileContent> read_public_page_file(store::Database& db, const std::string& slug);

// The organizer's maintenance (403 for anybody else). Refusals: 422 validation_failed naming each
// field (kind: required, kind_unknown; slug: required, slug_format; title_zh: required, too_long;
// title_en, body_zh, body_en: too_long; sort_order: number_range), 409 slug_taken (field slug),
// 409 stale_version {current_version}, 404 for an unknown page. Audited portal.create,
// portal.update, portal.file, portal.delete.
domain::Result<std::vector<store::PortalPageRecord>> list_portal_pages(store::Database& db,
                                                                       const Caller& caller);
domain::Result<store::PortalPageRecord> create_portal_page(store::Database& db, const Clock& clock,
                                                           const Caller& caller,
                                                           const PortalPageInput& input);
domain::Result<store::PortalPageRecord> update_portal_page(store::Database& db, const Clock& clock,
                                                           const Caller& caller, long long id, int version,
                                                           const PortalPageInput& input);
// Attaches (or replaces) the page's file: 422 file_name required, file_empty, template_type_refused;
// 413 file_too_large {limit_bytes}.
domain::Result<store::PortalPageRecord> attach_portal_file(store::Database& db, const Clock& clock,
                                                           const Caller& caller, long long id, int version,
                                                           const std::string& file_name,
                                                           const std::string& bytes);
domain::Status delete_portal_page(store::Database& db, const Clock& clock, const Caller& caller,
                                  long long id);

// `iifund demo`: the notice (`notice_text` as extracted from the published notice, reflowed into
// paragraphs; a summary written from the policy when empty), one application guide per category
// written from the policy, and an FAQ — all published, in both languages. A page whose slug
// exists is left as the organizer made it. Runs inside the caller's transaction; the pages are
// signed by the first organizer account (else the first administrator). Answers how many pages
// it added.
domain::Result<int> seed_portal_pages(soci::session& sql, const domain::Policy& policy,
                                      const std::string& notice_text, domain::Instant now);

// The notice as the portal shows it: the title (the lines up to the one ending in 通知) and the
// body reflowed from the PDF's broken lines into paragraphs separated by blank lines.
struct NoticeText {
  std::string title;
  std::string body;
};
NoticeText reflow_notice(std::string_view text);

}  // namespace iifund::service
