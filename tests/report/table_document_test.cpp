// The printed list (e.g. the approved list 下达名单): what a person reads on paper is the title,
// every row, the total in yuan to the fen, the header again on each page, signature lines and
// page numbers.
#include "report/table_document.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "pdf_reading.hpp"

namespace iifund::report {
namespace {

ExportSheet approved_list(int rows) {
  ExportSheet sheet;
  sheet.name = "下达名单";
  sheet.title = "【演示】江门市工业互联网专项资金 — 资金下达名单";
  sheet.columns = {{"序号", ColumnKind::integer, 5},
                   {"企业名称", ColumnKind::text, 26},
                   {"排序得分", ColumnKind::score, 7},
                   {"下达金额（元）", ColumnKind::yuan, 14, true}};
  for (int i = 0; i < rows; ++i) {
    sheet.rows.push_back({std::int64_t{i + 1}, std::string("江门示例企业") + std::to_string(i + 1),
                          80.0 + i % 7 * 0.5, std::int64_t{100'000'000 + i}});
  }
  return sheet;
}

TEST(TableDocument, PrintsTitleRowsTotalSignatureAndPageNumbers) {
  auto pdf = render_table_pdf(approved_list(3), Language::zh, "2026-11-27 10:00");
  ASSERT_EQ(pdf.page_count, 1);
  auto text = testing::pdf_text(pdf.bytes, testing::artifact_path("approved-list.pdf"));
  EXPECT_NE(text.find("资金下达名单"), std::string::npos) << text;
  EXPECT_NE(text.find("打印时间：2026-11-27 10:00"), std::string::npos);
  EXPECT_NE(text.find("江门示例企业3"), std::string::npos);
  EXPECT_NE(text.find("1,000,000.00"), std::string::npos);
  EXPECT_NE(text.find("合计"), std::string::npos);
  EXPECT_NE(text.find("3,000,000.03"), std::string::npos) << "the total is the rows' sum to the fen";
  EXPECT_NE(text.find("审核人（签名）"), std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex("第 ?1 ?页 ?共 ?1 ?页"))) << "pdftotext drops the spaces";
}

TEST(TableDocument, ALongListRepeatsItsHeaderOnEveryPage) {
  auto pdf = render_table_pdf(approved_list(120), Language::en, "2026-11-27 10:00");
  ASSERT_GE(pdf.page_count, 3);
  auto text = testing::pdf_text(pdf.bytes, testing::artifact_path("approved-list-long.pdf"));
  EXPECT_EQ(testing::count_of(text, "企业名称"), pdf.page_count);
  EXPECT_NE(text.find("江门示例企业120"), std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex("Page ?3 ?of ?" + std::to_string(pdf.page_count))));
  EXPECT_NE(text.find("Checked by"), std::string::npos);
}

}  // namespace
}  // namespace iifund::report
