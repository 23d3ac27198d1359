// Exports an official will open in Excel: read back as the ZIP of XML it is, the workbook has the
// Chinese headers, money as yuan numbers with two decimals, the header frozen and filtered, and a
// total whose cached value equals the sum of the rows (a reader that does not recalculate must
// not see 0). The CSV opens in Excel as Chinese text and cannot smuggle a formula in.
#include "report/table_export.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <cmath>
#include <random>
#include <regex>

namespace iifund::report {
namespace {

// The text of one entry of a ZIP archive held in memory, or "" when it is missing.
std::string zip_entry(const std::string& archive, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  zip_t* zip = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  std::string text;
  if (zip) {
    if (zip_file_t* file = zip_fopen(zip, name.c_str(), 0)) {
      char buffer[8192];
      zip_int64_t read = 0;
      while ((read = zip_fread(file, buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<std::size_t>(read));
      zip_fclose(file);
    }
    zip_discard(zip);
  } else if (source) {
    zip_source_free(source);
  }
  zip_error_fini(&error);
  return text;
}

// The numeric value of cell `ref` (e.g. "C3") in a sheet's XML, NaN when absent.
double cell_value(const std::string& sheet_xml, const std::string& ref) {
  std::smatch match;
  std::regex cell("<c r=\"" + ref + "\"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>");
  if (!std::regex_search(sheet_xml, match, cell)) return std::nan("");
  return std::stod(match[1]);
}

ExportSheet application_list(int rows, std::mt19937& random) {
  ExportSheet sheet;
  sheet.name = "申报项目清单";
  sheet.title = "江门市工业互联网专项资金 2022 年第二批 — 导出于 2026-11-27 10:00（北京时间）";
  sheet.columns = {{"申报编号", ColumnKind::text, 24},
                   {"企业名称", ColumnKind::text, 30},
                   {"申请金额（元）", ColumnKind::yuan, 16, true},
                   {"评审得分", ColumnKind::score, 10},
                   {"专家数", ColumnKind::integer, 8, true}};
  std::uniform_int_distribution<std::int64_t> fen(0, 300'000'000);
  for (int i = 0; i < rows; ++i) {
    sheet.rows.push_back({std::string("JM-2022-2-1-") + std::to_string(100000 + i),
                          std::string("江门示例企业 ") + std::to_string(i), fen(random), 60.0 + i % 40 * 0.25,
                          std::int64_t{5}});
  }
  return sheet;
}

TEST(TableExport, TheWorkbookCarriesHeadersYuanFrozenFilteredHeaderAndATrueTotal) {
  std::mt19937 random(7);
  const auto sheet = application_list(37, random);
  auto bytes = write_xlsx({sheet}, "申报项目清单");
  ASSERT_TRUE(bytes.ok()) << bytes.problem().code;
  ASSERT_EQ(bytes->substr(0, 2), "PK");
  const std::string strings = zip_entry(*bytes, "xl/sharedStrings.xml");
  const std::string xml = zip_entry(*bytes, "xl/worksheets/sheet1.xml");
  const std::string styles = zip_entry(*bytes, "xl/styles.xml");
  const std::string workbook = zip_entry(*bytes, "xl/workbook.xml");
  EXPECT_NE(strings.find("申请金额（元）"), std::string::npos);
  EXPECT_NE(strings.find("江门示例企业 36"), std::string::npos);
  EXPECT_NE(workbook.find("name=\"申报项目清单\""), std::string::npos);
  EXPECT_NE(styles.find("formatCode=\"#,##0.00\""), std::string::npos);
  EXPECT_NE(xml.find("ySplit=\"2\""), std::string::npos) << "title and header rows frozen";
  EXPECT_NE(xml.find("<autoFilter ref=\"A2:E39\""), std::string::npos);
  // Rows 3..39 hold the data, row 40 the total: its cached value is the rows' sum, to the fen.
  std::int64_t expected_fen = 0;
  for (const auto& row : sheet.rows) expected_fen += std::get<std::int64_t>(row[2]);
  std::int64_t summed_fen = 0;
  for (int r = 3; r <= 39; ++r) summed_fen += std::llround(cell_value(xml, "C" + std::to_string(r)) * 100);
  EXPECT_EQ(summed_fen, expected_fen);
  EXPECT_NE(xml.find("<f>SUM(C3:C39)</f>"), std::string::npos);
  EXPECT_EQ(std::llround(cell_value(xml, "C40") * 100), expected_fen);
  EXPECT_EQ(cell_value(xml, "E40"), 37 * 5);
  EXPECT_TRUE(std::isnan(cell_value(xml, "D40"))) << "scores are not summed";
}

TEST(TableExport, ProgressIsReportedAcrossSheetsAndAnEmptySheetStillHasItsHeader) {
  std::mt19937 random(11);
  std::vector<ExportSheet> sheets = {application_list(2500, random), application_list(0, random)};
  sheets[1].name = "空表/未入库:*?";
  std::vector<std::int64_t> seen;
  ExportProgress progress{1000, [&](std::int64_t written, std::int64_t all) {
                            EXPECT_EQ(all, 2500);
                            seen.push_back(written);
                          }};
  auto bytes = write_xlsx(sheets, "两张表", progress);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1000, 2000}));
  const std::string workbook = zip_entry(*bytes, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"空表_未入库___\""), std::string::npos) << workbook;
  const std::string empty = zip_entry(*bytes, "xl/worksheets/sheet2.xml");
  EXPECT_NE(empty.find("<autoFilter ref=\"A2:E2\""), std::string::npos);
  EXPECT_EQ(cell_value(empty, "C3"), 0) << "the total of no rows is 0, written as such";
}

TEST(TableExport, SheetNamesAreCutAtThirtyOneCharactersNotBytes) {
  const std::string name =
      excel_sheet_name("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三");
  EXPECT_EQ(name, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
  EXPECT_EQ(excel_sheet_name(""), "Sheet1");
}

TEST(TableExport, CsvOpensAsChineseInExcelQuotesAndDefusesFormulas) {
  ExportSheet sheet;
  sheet.columns = {
      {"企业名称", ColumnKind::text}, {"金额（元）", ColumnKind::yuan}, {"得分", ColumnKind::score}};
  sheet.rows = {{std::string("江门\"示例\",有限公司"), std::int64_t{123456789}, 87.125},
                {std::string("=HYPERLINK(\"http://x\")"), std::int64_t{-5}, std::monostate{}},
                {std::string("第一行\n第二行"), std::int64_t{0}, 60.0}};
  const std::string csv = write_csv(sheet);
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "企业名称,金额（元）,得分\r\n"
            "\"江门\"\"示例\"\",有限公司\",1234567.89,87.13\r\n"
            "\"'=HYPERLINK(\"\"http://x\"\")\",-0.05,\r\n"
            "\"第一行\n第二行\",0.00,60.00\r\n");
}

}  // namespace
}  // namespace iifund::report
