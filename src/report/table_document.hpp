#pragma once
// 打印版清单: any exported list as a printable PDF — the same table the workbook holds, with its
// title, the time it was printed, the header repeated on every page, the total row, a line for
// the responsible officer's signature and "第 N 页 共 M 页" at every foot. The approved list
// (下达名单) is filed this way.
#include <string>

#include "report/application_document.hpp"
#include "report/table_export.hpp"

namespace iifund::report {

RenderedPdf render_table_pdf(const ExportSheet& sheet, Language language, const std::string& printed_at);

}  // namespace iifund::report
