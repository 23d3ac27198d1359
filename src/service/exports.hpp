#pragma once
// 导出: the lists officials file and forward, as report::ExportSheet tables (written as Excel or
// CSV by the handler): the application list, the library with scores, the experts' score sheets,
// the selection result with explanations, the publicity list and the disbursements. Headers in
// the reader's language (Chinese first); phone numbers masked (PIPL); money in fen, shown in yuan.
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "report/table_export.hpp"
#include "service/caller.hpp"
#include "store/database.hpp"

namespace iifund::service {

enum class ExportKind { applications, library, score_sheets, selection, publicity, approved, disbursements };

// "applications", "library", "score-sheets", "selection", "publicity", "approved", "disbursements".
std::optional<ExportKind> parse_export_kind(std::string_view name);
std::string_view to_string(ExportKind kind);

// Organizer and bureau: every kind; a county officer: the applications of its county only (403
// otherwise). 404 for an unknown batch.
domain::Result<report::ExportSheet> export_sheet(store::Database& db, const Caller& caller, ExportKind kind,
                                                 long long batch_id, bool zh);

}  // namespace iifund::service
