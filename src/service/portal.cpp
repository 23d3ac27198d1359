#include "service/portal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>

#include "domain/text.hpp"
#include "domain/time.hpp"
#include "service/audit.hpp"
#include "service/field_rules.hpp"
#include "store/audit_log.hpp"
#include "store/row_reading.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::Problem;
using domain::Result;
using domain::Status;

constexpr std::array<std::string_view, 5> kPortalKinds = {"notice", "guide", "faq", "announcement",
                                                          "template"};
constexpr std::size_t kTitleMaximum = 200;
constexpr std::size_t kBodyMaximum = 50'000;
constexpr std::size_t kSlugMaximum = 80;
constexpr long long kSortOrderLimit = 100'000;

Problem not_found() { return domain::make_problem("not_found", 404); }
Problem forbidden() { return domain::make_problem("forbidden", 403); }

std::string page_object(long long id) { return "portal_page:" + std::to_string(id); }

// ---- What a template file is ----------------------------------------------------------------

std::uint32_t little_endian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < width; ++i)
    value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return value;
}

// The entry names of a ZIP's central directory; empty when it cannot be read.
std::vector<std::string> zip_entry_names(std::string_view bytes) {
  constexpr std::size_t kRecord = 22;
  std::vector<std::string> names;
  if (bytes.size() < kRecord) return names;
  std::size_t lowest = bytes.size() > kRecord + 65535 ? bytes.size() - kRecord - 65535 : 0;
  std::optional<std::size_t> end;
  for (std::size_t at = bytes.size() - kRecord + 1; at-- > lowest;) {
    if (bytes.substr(at, 4) == std::string_view("PK\x05\x06", 4)) {
      end = at;
      break;
    }
  }
  if (!end) return names;
  std::size_t entries = little_endian(bytes, *end + 10, 2);
  std::size_t at = little_endian(bytes, *end + 16, 4);
  for (std::size_t entry = 0; entry < entries; ++entry) {
    if (at + 46 > bytes.size() || bytes.substr(at, 4) != std::string_view("PK\x01\x02", 4)) return {};
    std::size_t name_length = little_endian(bytes, at + 28, 2);
    std::size_t extra_length = little_endian(bytes, at + 30, 2);
    std::size_t comment_length = little_endian(bytes, at + 32, 2);
    if (at + 46 + name_length > bytes.size()) return {};
    names.emplace_back(bytes.substr(at + 46, name_length));
    at += 46 + name_length + extra_length + comment_length;
  }
  return names;
}

// An OpenDocument package starts with an uncompressed entry "mimetype" holding its media type.
std::string opendocument_type(std::string_view bytes) {
  constexpr std::size_t kMimetypeAt = 30 + 8;  // local header, then the name "mimetype"
  if (bytes.size() < kMimetypeAt || bytes.substr(30, 8) != "mimetype") return "";
  auto rest = bytes.substr(kMimetypeAt, 64);
  for (std::string_view type :
       {"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet"}) {
    if (rest.substr(0, type.size()) == type && (rest.size() == type.size() || rest[type.size()] != '-'))
      return std::string(type);
  }
  return "";
}

// The office kind of a ZIP package, or "zip" when it is none of them.
domain::FileSignature office_kind(std::string_view bytes) {
  auto names = zip_entry_names(bytes);
  auto lists = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (lists("[Content_Types].xml")) {
    if (lists("word/document.xml"))
      return {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"};
    if (lists("xl/workbook.xml"))
      return {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    if (lists("ppt/presentation.xml"))
      return {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"};
  }
  auto open = opendocument_type(bytes);
  if (!open.empty() && lists("content.xml")) {
    return {open.ends_with("text") ? "odt" : "ods", open};
  }
  return {"zip", ""};
}

// ---- Validation -----------------------------------------------------------------------------

bool slug_valid(const std::string& slug) {
  if (slug.empty() || slug.size() > kSlugMaximum || slug.front() == '-' || slug.back() == '-') return false;
  for (std::size_t i = 0; i < slug.size(); ++i) {
    char c = slug[i];
    bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed || (c == '-' && i > 0 && slug[i - 1] == '-')) return false;
  }
  return true;
}

void check_optional_text(FieldErrors& errors, const char* field, const std::string& text,
                         std::size_t maximum) {
  if (domain::code_points(text) > maximum) errors.push_back({field, "too_long", {{"maximum", maximum}}});
}

// The page as it would be saved; every field error at once.
FieldErrors check_page(const store::PortalPageRecord& page, const PortalPageInput& input) {
  FieldErrors errors;
  if (page.kind.empty()) {
    errors.push_back({"kind", "required", {}});
  } else if (!portal_kind_known(page.kind)) {
    errors.push_back({"kind", "kind_unknown", {{"kind", page.kind}, {"allowed", kPortalKinds}}});
  }
  if (page.slug.empty()) {
    errors.push_back({"slug", "required", {}});
  } else if (!slug_valid(page.slug)) {
    errors.push_back({"slug", "slug_format", {{"maximum", kSlugMaximum}}});
  }
  check_text(errors, "title_zh", page.title_zh, kTitleMaximum);
  check_optional_text(errors, "title_en", page.title_en, kTitleMaximum);
  check_optional_text(errors, "body_zh", page.body_zh, kBodyMaximum);
  check_optional_text(errors, "body_en", page.body_en, kBodyMaximum);
  if (input.sort_order && (*input.sort_order < -kSortOrderLimit || *input.sort_order > kSortOrderLimit)) {
    errors.push_back(
        {"sort_order", "number_range", {{"minimum", -kSortOrderLimit}, {"maximum", kSortOrderLimit}}});
  }
  return errors;
}

std::string trimmed(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") + 1 - begin);
}

void apply_input(store::PortalPageRecord& page, const PortalPageInput& input) {
  if (input.kind) page.kind = trimmed(*input.kind);
  if (input.slug) page.slug = trimmed(*input.slug);
  if (input.title_zh) page.title_zh = trimmed(*input.title_zh);
  if (input.title_en) page.title_en = trimmed(*input.title_en);
  if (input.body_zh) page.body_zh = *input.body_zh;
  if (input.body_en) page.body_en = *input.body_en;
  if (input.published) page.published = *input.published;
  if (input.sort_order && *input.sort_order >= -kSortOrderLimit && *input.sort_order <= kSortOrderLimit)
    page.sort_order = static_cast<int>(*input.sort_order);
}

nlohmann::json page_summary(const store::PortalPageRecord& page) {
  return {{"kind", page.kind},
          {"slug", page.slug},
          {"title_zh", page.title_zh},
          {"published", page.published},
          {"sort_order", page.sort_order},
          {"version", page.version}};
}

Problem slug_taken(const std::string& slug) {
  auto problem = domain::make_problem("slug_taken", 409, {{"slug", slug}});
  problem.fields.push_back({"slug", "slug_taken", {{"slug", slug}}});
  return problem;
}

Problem stale(soci::session& sql, long long id) {
  auto current = store::find_portal_page(sql, id);
  return domain::make_problem("stale_version", 409, {{"current_version", current ? current->version : 0}});
}

}  // namespace

bool portal_kind_known(std::string_view kind) {
  return std::find(kPortalKinds.begin(), kPortalKinds.end(), kind) != kPortalKinds.end();
}

Result<domain::FileSignature> sniff_template_file(std::string_view bytes, std::string_view file_name) {
  auto claimed = domain::claimed_kind(file_name);
  auto found = domain::found_kind(bytes);
  std::optional<domain::FileSignature> signature;
  if (found == "pdf") signature = domain::FileSignature{"pdf", "application/pdf"};
  if (found == "ofd") signature = domain::FileSignature{"ofd", "application/ofd"};
  if (found == "zip") {
    auto office = office_kind(bytes);
    found = office.kind;
    if (!office.content_type.empty()) signature = office;
  }
  if (signature && signature->kind == claimed) return std::move(*signature);
  nlohmann::json facts = {{"claimed", claimed}, {"found", found}};
  Problem problem = domain::make_problem("template_type_refused", 422, facts);
  problem.fields.push_back({"file", "template_type_refused", facts});
  return problem;
}

Result<std::vector<store::PortalPageRecord>> list_public_pages(store::Database& db,
                                                               const std::optional<std::string>& kind) {
  if (kind && !portal_kind_known(*kind))
    return validation_problem({{"kind", "kind_unknown", {{"kind", *kind}, {"allowed", kPortalKinds}}}});
  std::vector<store::PortalPageRecord> pages;
  Status read = db.read([&](soci::session& sql) -> Status {
    pages = store::list_portal_pages(sql, {kind, true});
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return pages;
}

Result<store::PortalPageRecord> view_public_page(store::Database& db, const std::string& slug) {
  std::optional<store::PortalPageRecord> page;
  Status read = db.read([&](soci::session& sql) -> Status {
    page = store::find_portal_page_by_slug(sql, slug);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  if (!page || !page->published) return not_found();
  return std::move(*page);
}

Result<PortalFileContent> read_public_page_file(store::Database& db, const std::string& slug) {
  PortalFileContent content;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto page = store::find_portal_page_by_slug(sql, slug);
    if (!page || !page->published || !page->file_name) return not_found();
    content.bytes = store::read_portal_page_file(sql, page->id);
    content.page = std::move(*page);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return content;
}

Result<std::vector<store::PortalPageRecord>> list_portal_pages(store::Database& db, const Caller& caller) {
  if (!caller.is("organizer")) return forbidden();
  std::vector<store::PortalPageRecord> pages;
  Status read = db.read([&](soci::session& sql) -> Status {
    pages = store::list_portal_pages(sql, {});
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return pages;
}

Result<store::PortalPageRecord> create_portal_page(store::Database& db, const Clock& clock,
                                                   const Caller& caller, const PortalPageInput& input) {
  if (!caller.is("organizer")) return forbidden();
  const auto now = clock.now();
  store::PortalPageRecord page;
  apply_input(page, input);
  if (auto errors = check_page(page, input); !errors.empty()) return validation_problem(std::move(errors));
  page.updated_by = caller.user_id;
  page.updated_at = store::format_utc_iso(now);
  std::optional<store::PortalPageRecord> created;
  Status written = db.write([&](soci::session& sql) -> Status {
    if (store::portal_slug_taken(sql, page.slug, 0)) return slug_taken(page.slug);
    auto id = store::insert_portal_page(sql, page);
    created = store::find_portal_page(sql, id);
    store::append_audit(sql,
                        audit_entry(caller, "portal.create", page_object(id), page_summary(*created), now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*created);
}

Result<store::PortalPageRecord> update_portal_page(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long id, int version,
                                                   const PortalPageInput& input) {
  if (!caller.is("organizer")) return forbidden();
  const auto now = clock.now();
  std::optional<store::PortalPageRecord> updated;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto page = store::find_portal_page(sql, id);
    if (!page) return not_found();
    const auto before = page_summary(*page);
    apply_input(*page, input);
    if (auto errors = check_page(*page, input); !errors.empty()) return validation_problem(std::move(errors));
    if (page->version != version) return stale(sql, id);
    if (store::portal_slug_taken(sql, page->slug, id)) return slug_taken(page->slug);
    page->updated_by = caller.user_id;
    page->updated_at = store::format_utc_iso(now);
    if (!store::update_portal_page(sql, *page, version)) return stale(sql, id);
    updated = store::find_portal_page(sql, id);
    store::append_audit(sql, audit_entry(caller, "portal.update", page_object(id),
                                         {{"before", before}, {"after", page_summary(*updated)}}, now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*updated);
}

Result<store::PortalPageRecord> attach_portal_file(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long id, int version,
                                                   const std::string& file_name, const std::string& bytes) {
  if (!caller.is("organizer")) return forbidden();
  const auto now = clock.now();
  std::optional<store::PortalPageRecord> updated;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto page = store::find_portal_page(sql, id);
    if (!page) return not_found();
    // The name the download offers: cleaned like an upload's, never used as a path.
    std::string name = trimmed(file_name);
    name = name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
    FieldErrors errors;
    if (name.empty())
      errors.push_back({"file_name", "required", {}});
    else
      check_optional_text(errors, "file_name", name, 120);
    if (bytes.empty()) errors.push_back({"content_base64", "file_empty", {{"size_bytes", 0}}});
    if (!errors.empty()) return validation_problem(std::move(errors));
    const auto size = static_cast<long long>(bytes.size());
    if (size > kPortalFileMaxBytes) {
      auto problem = domain::make_problem("file_too_large", 413,
                                          {{"size_bytes", size},
                                           {"limit_bytes", kPortalFileMaxBytes},
                                           {"limit_mib", kPortalFileMaxBytes >> 20}});
      problem.fields.push_back({"content_base64", "file_too_large", problem.facts});
      return problem;
    }
    auto signature = sniff_template_file(bytes, name);
    if (!signature) return signature.take_problem();
    if (page->version != version) return stale(sql, id);
    page->file_name = name;
    page->file_type = signature->content_type;
    page->updated_by = caller.user_id;
    page->updated_at = store::format_utc_iso(now);
    if (!store::set_portal_page_file(sql, *page, bytes, version)) return stale(sql, id);
    updated = store::find_portal_page(sql, id);
    store::append_audit(sql, audit_entry(caller, "portal.file", page_object(id),
                                         {{"slug", page->slug},
                                          {"file_name", name},
                                          {"content_type", signature->content_type},
                                          {"size_bytes", size},
                                          {"version", updated->version}},
                                         now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*updated);
}

Status delete_portal_page(store::Database& db, const Clock& clock, const Caller& caller, long long id) {
  if (!caller.is("organizer")) return forbidden();
  const auto now = clock.now();
  return db.write([&](soci::session& sql) -> Status {
    auto page = store::find_portal_page(sql, id);
    if (!page) return not_found();
    store::delete_portal_page(sql, id);
    store::append_audit(sql, audit_entry(caller, "portal.delete", page_object(id), page_summary(*page), now));
    return domain::Ok{};
  });
}

// ---- 演示数据: the notice, the guides and the FAQ written from the policy --------------------

namespace {

struct PageText {
  std::string zh;
  std::string en;
};

// "50" for 5000 basis points, "12.5" for 1250.
std::string percent(domain::BasisPoints rate) {
  if (rate.value % 100 == 0) return std::to_string(rate.value / 100);
  auto text = fmt::format("{:.2f}", rate.value / 100.0);
  while (text.back() == '0') text.pop_back();
  return text;
}

// "1,000,000" yuan: whole yuan without the fen when they are zero.
std::string yuan_text(domain::Money amount) {
  auto text = domain::format_yuan(amount);
  if (text.size() > 3 && text.substr(text.size() - 3) == ".00") text.resize(text.size() - 3);
  return text;
}

// The last day applications are accepted, in Beijing time: the day before the exclusive bound.
std::string last_day(const domain::Policy& policy) {
  return domain::format_beijing(policy.window_closes - std::chrono::seconds(1)).substr(0, 10);
}

std::string last_day_zh(const domain::Policy& policy) {
  auto day = last_day(policy);
  return fmt::format("{}年{}月{}日", day.substr(0, 4), std::stoi(day.substr(5, 2)),
                     std::stoi(day.substr(8, 2)));
}

std::string notice_title_zh(const domain::Policy& policy) {
  return fmt::format("{}关于开展{}项目申报的通知", policy.issuer.zh, policy.name.zh);
}

std::string notice_title_en(const domain::Policy& policy) {
  return fmt::format("Notice: applications for the {}", policy.name.en);
}

// 扶持标准 of one category, one sentence per rule.
PageText subsidy_rule(const domain::Policy& policy, const domain::CategoryPolicy& category) {
  PageText text;
  const bool with_tax = policy.investment_basis == domain::InvestmentBasis::with_tax;
  if (category.rate) {
    text.zh += fmt::format("补贴不超过项目可计入投入的{}%（以相关发票金额为准，按{}计）",
                           percent(*category.rate), with_tax ? "价税合计" : "不含税金额");
    text.en += fmt::format(
        "The subsidy is at most {} % of the project's eligible investment (counted from the "
        "invoices, {})",
        percent(*category.rate), with_tax ? "amounts including tax" : "amounts without tax");
  } else if (category.project_cap) {
    text.zh += fmt::format("补贴金额不超过{}万元", domain::format_wan_yuan(*category.project_cap));
    text.en += fmt::format("The subsidy is at most {} yuan", yuan_text(*category.project_cap));
  } else {
    text.zh += "补贴按项目核定";
    text.en += "The subsidy is set per project";
  }
  if (category.project_cap && category.rate) {
    text.zh += fmt::format("，单个项目不超过{}万元", domain::format_wan_yuan(*category.project_cap));
    text.en += fmt::format(", at most {} yuan per project", yuan_text(*category.project_cap));
  }
  if (category.cluster_cap) {
    text.zh += fmt::format("，每个产业集群不超过{}万元", domain::format_wan_yuan(*category.cluster_cap));
    text.en += fmt::format(", at most {} yuan per cluster", yuan_text(*category.cluster_cap));
  }
  if (category.enterprise_cap) {
    text.zh += fmt::format("，每家企业不超过{}万元", domain::format_wan_yuan(*category.enterprise_cap));
    text.en += fmt::format(", at most {} yuan per enterprise", yuan_text(*category.enterprise_cap));
  }
  text.zh += "。";
  text.en += ".";
  if (category.training) {
    text.zh += fmt::format("须组织{}场以上培训活动，培养工业互联网应用人才{}人以上。",
                           category.training->events, category.training->trainees);
    text.en += fmt::format(" The project must hold at least {} training events and train at least {} people.",
                           category.training->events, category.training->trainees);
  }
  return text;
}

// A numbered list, one item a line.
void numbered(PageText& text, const std::vector<domain::NamedItem>& items) {
  int number = 0;
  for (const auto& item : items) {
    ++number;
    text.zh += fmt::format("{}. {}\n", number, item.name.zh);
    text.en += fmt::format("{}. {}\n", number, item.name.en);
  }
}

PageText guide_body(const domain::Policy& policy, const domain::CategoryPolicy& category) {
  PageText text;
  text.zh = fmt::format("本指南依据{}和《{}》，由本批次的政策文件生成；与通知不一致之处以通知为准。\n\n",
                        policy.legal_basis, notice_title_zh(policy));
  text.en = fmt::format(
      "This guide follows the notice of the {} for the {}; it is written from the batch's "
      "policy file, and where it differs from the notice, the notice prevails.\n\n",
      policy.issuer.en, policy.name.en);
  text.zh += "一、支持方向\n";
  text.en += "1. Directions supported\n";
  if (category.directions.empty()) {
    text.zh += fmt::format("{}（见通知第三部分“支持方向”）。\n", category.name.zh);
    text.en += fmt::format("{} (see part 3 of the notice).\n", category.name.en);
  } else {
    for (const auto& direction : category.directions) {
      text.zh += direction.name.zh + "\n";
      text.en += direction.name.en + "\n";
    }
  }
  auto rule = subsidy_rule(policy, category);
  text.zh += "\n二、扶持标准\n" + rule.zh + "\n";
  text.en += "\n2. Subsidy\n" + rule.en + "\n";
  std::vector<domain::NamedItem> types;
  for (const auto& type : policy.investment_types) {
    if (category.counts_investment_type(type.id)) types.push_back(type);
  }
  if (!types.empty()) {
    text.zh += "\n三、可计入的投入\n";
    text.en += "\n3. Investment that counts\n";
    numbered(text, types);
  }
  text.zh += "\n四、申报条件\n";
  text.en += "\n4. Who may apply\n";
  auto conditions = policy.declarations;
  if (category.requires_sme) {
    conditions.push_back(
        {"sme",
         {"申报企业为中小企业（按工业和信息化部等部门的中小企业划型标准）",
          "The applicant is a small or medium-sized enterprise (by the national size rules)"}});
  }
  numbered(text, conditions);
  if (!category.materials.empty()) {
    text.zh += "\n五、申报材料\n";
    text.en += "\n5. Materials\n";
    numbered(text, category.materials);
  }
  if (!category.criteria.empty()) {
    text.zh += "\n六、评审标准（满分100分）\n";
    text.en += "\n6. Review criteria (100 points)\n";
    int number = 0;
    for (const auto& criterion : category.criteria) {
      ++number;
      text.zh += fmt::format("{}. {}：{}分\n", number, criterion.name.zh, criterion.weight);
      text.en += fmt::format("{}. {}: {} points\n", number, criterion.name.en, criterion.weight);
    }
  }
  text.zh += fmt::format("\n七、申报时间\n即日起至{}（北京时间），以系统收到提交的时间为准。\n",
                         last_day_zh(policy));
  text.en += fmt::format(
      "\n7. Deadline\nUntil {} inclusive, Beijing time, by the time the system receives the "
      "submission.\n",
      last_day(policy));
  text.zh += fmt::format("\n八、组织实施\n{}负责组织项目申报、评审论证、入库储备和排序优选。\n",
                         policy.organizer.zh);
  text.en += fmt::format(
      "\n8. Organizer\n{} runs the application, the expert review, the project library and "
      "the ranking and selection.\n",
      policy.organizer.en);
  return text;
}

// The notice in brief, from the policy: the English page always, the Chinese one without the text.
PageText notice_summary(const domain::Policy& policy) {
  PageText text;
  text.zh = fmt::format(
      "根据{}，现开展{}项目申报工作。\n\n一、申报时间\n即日起至{}（北京时间）。\n\n二、组织实施\n"
      "{}受{}委托，组织项目申报、评审论证、入库储备和排序优选。\n\n三、支持方向与扶持标准\n",
      policy.legal_basis, policy.name.zh, last_day_zh(policy), policy.organizer.zh, policy.issuer.zh);
  text.en = fmt::format(
      "An English summary of the notice; the Chinese text prevails.\n\nUnder {}, applications "
      "are open for the {}.\n\n1. Deadline\nUntil {} inclusive, Beijing time.\n\n2. Organizer\n"
      "{}, entrusted by the {}, runs the application, expert review, project library and "
      "ranking and selection.\n\n3. Categories and subsidies\n",
      policy.legal_basis, policy.name.en, last_day(policy), policy.organizer.en, policy.issuer.en);
  for (const auto& category : policy.categories) {
    auto rule = subsidy_rule(policy, category);
    text.zh += fmt::format("（{}）{}：{}\n", category.number, category.name.zh, rule.zh);
    text.en += fmt::format("({}) {}: {}\n", category.number, category.name.en, rule.en);
  }
  return text;
}

PageText faq_body(const domain::Policy& policy) {
  PageText text;
  auto ask = [&text](const std::string& question_zh, const std::string& answer_zh,
                     const std::string& question_en, const std::string& answer_en) {
    text.zh += fmt::format("问：{}\n答：{}\n\n", question_zh, answer_zh);
    text.en += fmt::format("Q: {}\nA: {}\n\n", question_en, answer_en);
  };
  ask("申报截止时间是什么时候？",
      fmt::format(
          "即日起至{}（北京时间）。以系统收到提交的时间为准，截止后的提交会被拒绝，已保存的草稿不会丢失。",
          last_day_zh(policy)),
      "When is the deadline?",
      fmt::format("Until {} inclusive, Beijing time, by the time the system receives the submission. A later "
                  "submission is refused; saved drafts are kept.",
                  last_day(policy)));
  ask("注册后为什么还不能提交申报？",
      "企业注册后须由所在县（市、区）工业和信息化主管部门核对营业执照和加盖公章的授权书；核实前可以保存草稿，"
      "核实后方可提交。",
      "Why can't we submit right after registering?",
      "Your county's bureau first checks the business licence and the sealed authorization letter. Until "
      "then you "
      "may save drafts; once verified you may submit.");
  ask("一家企业可以申报几个项目？",
      "同一批次中每家企业每个类别只能申报一个项目；同一张发票不能被两个申报重复计算，不得重复申报、多头申报"
      "。",
      "How many applications may an enterprise make?",
      "One per category in a batch. The same invoice cannot count for two applications, and repeated or "
      "multiple "
      "applications are not allowed.");
  ask("补贴金额如何计算？",
      "按类别的补贴比例乘以可计入的投入（以相关发票金额为准），再按单个项目、每家企业或每个产业集群的上限封顶"
      "；"
      "系统会显示计算结果及其依据。",
      "How is the subsidy computed?",
      "The category's rate times the eligible investment (counted from the invoices), capped per project, "
      "per "
      "enterprise or per cluster; the system shows the amount and the rule that bound it.");
  ask("申报书需要盖章吗？",
      "需要。填写完成并定稿后下载申报书PDF，打印加盖公章，扫描上传后再提交。定稿后修改表单需重新定稿。",
      "Does the application form need a seal?",
      "Yes. Finalize the form, download the PDF, print and seal it, upload the scan, then submit. Editing "
      "the form "
      "after finalizing needs a new finalization.");
  for (const auto& category : policy.categories) {
    if (!category.training) continue;
    ask(fmt::format("{}有什么要求？", category.name.zh),
        fmt::format(
            "须组织{}场以上培训活动、培养{}人以上。验收时按每场活动的扫码签到记录统计场次和人数（同一手机号"
            "在同一场活动只计一次）。",
            category.training->events, category.training->trainees),
        fmt::format("What does {} require?", category.name.en),
        fmt::format(
            "At least {} training events and {} people trained. At acceptance the events held and the "
            "people trained are counted from each event's QR check-ins (one per phone number per event).",
            category.training->events, category.training->trainees));
  }
  ask("入选项目会公示吗？",
      fmt::format(
          "会。拟支持项目在门户公示{}天；对公示结果有异议的，须在公示期内实名提交书面异议（签名或盖章），"
          "匿名异议不予受理。",
          policy.publicity_days),
      "Are the selected projects made public?",
      fmt::format(
          "Yes. The list is published on this portal for {} days. Objections must be filed in writing, "
          "signed or sealed, within that period; anonymous objections are not accepted.",
          policy.publicity_days));
  return text;
}

std::optional<long long> seeding_user(soci::session& sql) {
  for (const char* role : {"organizer", "admin"}) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id FROM users WHERE role = :r ORDER BY id", soci::use(std::string(role)));
    for (const auto& row : rows) return store::row_integer(row, 0);
  }
  return std::nullopt;
}

bool starts_paragraph(std::string_view line) {
  static constexpr std::array<std::string_view, 10> kNumerals = {"一", "二", "三", "四", "五",
                                                                 "六", "七", "八", "九", "十"};
  for (auto numeral : kNumerals) {
    if (line.starts_with(std::string(numeral) + "、") || line.starts_with("（" + std::string(numeral) + "）"))
      return true;
  }
  if (line.starts_with("方向") || line.starts_with("附件")) return true;
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])) != 0) ++digits;
  return digits > 0 && digits < line.size() && (line[digits] == '.' || line.substr(digits).starts_with("、"));
}

bool ends_paragraph(std::string_view line) {
  for (std::string_view mark : {"。", "：", "；", "！"}) {
    if (line.ends_with(mark)) return true;
  }
  return false;
}

// A heading such as "一、申报时间": a numbered line too short to be running text.
bool is_heading(std::string_view line) { return starts_paragraph(line) && domain::code_points(line) <= 12; }

std::string trim_line(std::string_view line) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  bool changed = true;
  while (changed && !line.empty()) {
    changed = false;
    if (line.front() == ' ' || line.front() == '\t' || line.front() == '\r') {
      line.remove_prefix(1);
      changed = true;
    } else if (line.starts_with(kIdeographicSpace)) {
      line.remove_prefix(kIdeographicSpace.size());
      changed = true;
    }
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
      changed = true;
    }
  }
  return std::string(line);
}

}  // namespace

NoticeText reflow_notice(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = trim_line(text.substr(start, end - start));
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  NoticeText notice;
  std::size_t first_body_line = 0;
  for (std::size_t i = 0; i < lines.size() && i < 4; ++i) {
    if (lines[i].ends_with("通知")) {
      for (std::size_t j = 0; j <= i; ++j) notice.title += lines[j];
      first_body_line = i + 1;
      break;
    }
  }
  std::vector<std::string> paragraphs;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) paragraphs.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = first_body_line; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (starts_paragraph(line)) flush();
    current += line;
    if (ends_paragraph(line) || is_heading(line)) flush();
  }
  flush();
  for (const auto& paragraph : paragraphs) {
    if (!notice.body.empty()) notice.body += "\n\n";
    notice.body += paragraph;
  }
  return notice;
}

Result<int> seed_portal_pages(soci::session& sql, const domain::Policy& policy,
                              const std::string& notice_text, domain::Instant now) {
  auto author = seeding_user(sql);
  if (!author) return domain::make_problem("portal_seed_no_author", 500);
  const std::string stamp = store::format_utc_iso(now);
  int added = 0;
  auto seed = [&](const std::string& kind, const std::string& slug, PageText title, PageText body,
                  int sort_order) {
    if (store::find_portal_page_by_slug(sql, slug)) return;
    store::PortalPageRecord page;
    page.kind = kind;
    page.slug = slug;
    page.title_zh = std::move(title.zh);
    page.title_en = std::move(title.en);
    page.body_zh = std::move(body.zh);
    page.body_en = std::move(body.en);
    page.published = true;
    page.sort_order = sort_order;
    page.updated_by = *author;
    page.updated_at = stamp;
    auto id = store::insert_portal_page(sql, page);
    store::append_audit(sql, audit_entry(command_line_caller(), "portal.create", page_object(id),
                                         {{"kind", kind}, {"slug", slug}, {"seeded", true}}, now));
    ++added;
  };
  auto summary = notice_summary(policy);
  PageText notice_body = summary;
  PageText notice_title{notice_title_zh(policy), notice_title_en(policy)};
  if (notice_text.find_first_not_of(" \t\r\n") != std::string::npos) {
    auto reflowed = reflow_notice(notice_text);
    if (!reflowed.title.empty()) notice_title.zh = reflowed.title;
    notice_body.zh = reflowed.body;
  }
  seed("notice", policy.id + "-notice", notice_title, notice_body, 10);
  for (const auto& category : policy.categories) {
    PageText title{fmt::format("附件{}：{}{}申报指南", category.number, policy.name.zh, category.name.zh),
                   fmt::format("Attachment {}: application guide, {} ({})", category.number, category.name.en,
                               policy.name.en)};
    seed("guide", fmt::format("{}-guide-{}", policy.id, category.id), title, guide_body(policy, category),
         20 + category.number);
  }
  seed("faq", policy.id + "-faq", {"常见问题", "Frequently asked questions"}, faq_body(policy), 40);
  return added;
}

}  // namespace iifund::service
