#include "domain/expert_csv.hpp"

#include <gtest/gtest.h>

namespace iifund::domain {
namespace {

const std::vector<County> kCounties = {
    {"440703", {"蓬江区", "Pengjiang District"}},
    {"440704", {"江海区", "Jianghai District"}},
    {"440705", {"新会区", "Xinhui District"}},
    {"440781", {"台山市", "Taishan"}},
};

constexpr const char* kHeaderZh =
    "姓名,职称,工作单位,单位信用代码,所在县区,专业领域,回避企业,最大评审量,手机\n";

std::vector<std::string> rules_of(const ExpertCsv& csv, int row) {
  std::vector<std::string> rules;
  for (const auto& error : csv.errors) {
    if (error.row == row) rules.push_back(error.field + ":" + error.rule);
  }
  return rules;
}

TEST(ExpertCsv, ReadsAChineseHeaderAndEveryColumn) {
  std::string text = std::string(kHeaderZh) +
                     "王工,高级工程师,江门某大学,91440703095877920J,蓬江区,1；智能家电;工业互联网,"
                     "91440703MA51T6BYXY|91440705MA55J11Q6X,8,13800001111\n";
  auto csv = parse_expert_csv(text, kCounties);
  ASSERT_TRUE(csv.errors.empty()) << csv.errors.front().field << " " << csv.errors.front().rule;
  ASSERT_EQ(csv.rows, 1);
  ASSERT_EQ(csv.entries.size(), 1U);
  const auto& e = csv.entries[0].entry;
  EXPECT_EQ(csv.entries[0].row, 2);
  EXPECT_EQ(e.name, "王工");
  EXPECT_EQ(e.title, "高级工程师");
  EXPECT_EQ(e.employer_credit_code, "91440703095877920J");
  EXPECT_EQ(e.county_code, "440703") << "a county's name becomes its division code";
  EXPECT_EQ(e.fields, (std::vector<std::string>{"1", "智能家电", "工业互联网"}));
  EXPECT_EQ(e.declared, (std::vector<std::string>{"91440703MA51T6BYXY", "91440705MA55J11Q6X"}));
  EXPECT_EQ(e.max_load, 8);
  EXPECT_EQ(e.phone, "13800001111");
}

TEST(ExpertCsv, ReadsAnEnglishTabSeparatedFileWithAnyColumnOrder) {
  auto csv = parse_expert_csv("Fields\tNAME\tcounty_code\tmax_load\n2\tLi Ming\t440704\t\n", kCounties);
  ASSERT_TRUE(csv.errors.empty());
  ASSERT_EQ(csv.entries.size(), 1U);
  EXPECT_EQ(csv.entries[0].entry.name, "Li Ming");
  EXPECT_EQ(csv.entries[0].entry.county_code, "440704");
  EXPECT_EQ(csv.entries[0].entry.max_load, kDefaultExpertLoad) << "an empty max_load takes the default";
}

TEST(ExpertCsv, QuotedCellsMayHoldCommasQuotesAndLineBreaks) {
  std::string text =
      "name,employer_name,fields\n"
      "\"Zhang, San\",\"The \"\"Best\"\" Lab\",\"1\n2\"\r\n"
      "Next,x,3\r\n";
  auto csv = parse_expert_csv(text, kCounties);
  ASSERT_TRUE(csv.errors.empty());
  ASSERT_EQ(csv.entries.size(), 2U);
  EXPECT_EQ(csv.entries[0].entry.name, "Zhang, San");
  EXPECT_EQ(csv.entries[0].entry.employer_name, "The \"Best\" Lab");
  EXPECT_EQ(csv.entries[0].entry.fields, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(csv.entries[1].row, 3) << "a quoted line break does not make a new row";
}

TEST(ExpertCsv, MalformedQuotingIsTheRowsError) {
  auto csv = parse_expert_csv("name,fields\nA\"b,1\n\"C\"x,1\nGood,1\n\"Open,1\n", kCounties);
  EXPECT_EQ(rules_of(csv, 2), (std::vector<std::string>{":csv_quote_misplaced"}));
  EXPECT_EQ(rules_of(csv, 3), (std::vector<std::string>{":csv_quote_misplaced"}));
  EXPECT_EQ(rules_of(csv, 5), (std::vector<std::string>{":csv_quote_unterminated"}));
  EXPECT_TRUE(rules_of(csv, 4).empty());
  EXPECT_EQ(csv.rows, 4);
}

TEST(ExpertCsv, DropsTheUtf8ByteOrderMark) {
  auto decoded = decode_csv_bytes("\xEF\xBB\xBF姓名,专业领域\n陈,1\n");
  ASSERT_TRUE(decoded.ok());
  EXPECT_FALSE(decoded->starts_with("\xEF\xBB\xBF"));
  auto csv = parse_expert_csv("\xEF\xBB\xBF姓名,专业领域\n陈,1\n", kCounties);
  ASSERT_TRUE(csv.errors.empty()) << csv.errors.front().rule;
  EXPECT_EQ(csv.entries[0].entry.name, "陈");
}

TEST(ExpertCsv, ReadsGb18030AsExcelWritesIt) {
  // "姓名,所在县区,专业领域\r\n赵,蓬江区,1\r\n" in GB18030.
  const std::string gb =
      "\xD0\xD5\xC3\xFB,\xCB\xF9\xD4\xDA\xCF\xD8\xC7\xF8,\xD7\xA8\xD2\xB5\xC1\xEC\xD3\xF2\r\n"
      "\xD5\xD4,\xC5\xEE\xBD\xAD\xC7\xF8,1\r\n";
  auto decoded = decode_csv_bytes(gb);
  ASSERT_TRUE(decoded.ok());
  auto csv = parse_expert_csv(decoded.value(), kCounties);
  ASSERT_TRUE(csv.errors.empty()) << csv.errors.front().field << " " << csv.errors.front().rule;
  ASSERT_EQ(csv.entries.size(), 1U);
  EXPECT_EQ(csv.entries[0].entry.name, "赵");
  EXPECT_EQ(csv.entries[0].entry.county_code, "440703");
}

TEST(ExpertCsv, RefusesBytesThatAreNeitherUtf8NorGb18030) {
  auto decoded = decode_csv_bytes(std::string("name\n\x81\x20", 7));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.problem().code, "csv_encoding_unknown");
}

TEST(ExpertCsv, NamesEveryBadCellByRow) {
  std::string text = std::string(kHeaderZh) +
                     "甲,,,91440703095877920K,蓬江区,1,,5,\n"    // row 2: check character
                     "乙,,,,花都区,1,,5,\n"                      // row 3: not a Jiangmen county
                     ",,,,,1,,5,\n"                              // row 4: no name
                     "丁,,,,,,,5,\n"                             // row 5: no field
                     "戊,,,,,1,,201,\n"                          // row 6: load out of range
                     "己,,,,,1,,many,\n"                         // row 7: load not a number
                     "庚,,,,,1,91440703095877920J;123,5,123\n";  // row 8: declared code, phone
  auto csv = parse_expert_csv(text, kCounties);
  EXPECT_EQ(rules_of(csv, 2), (std::vector<std::string>{"employer_credit_code:uscc_check_character"}));
  EXPECT_EQ(rules_of(csv, 3), (std::vector<std::string>{"county_code:county_unknown"}));
  EXPECT_EQ(rules_of(csv, 4), (std::vector<std::string>{"name:required"}));
  EXPECT_EQ(rules_of(csv, 5), (std::vector<std::string>{"fields:required"}));
  EXPECT_EQ(rules_of(csv, 6), (std::vector<std::string>{"max_load:max_load_range"}));
  EXPECT_EQ(rules_of(csv, 7), (std::vector<std::string>{"max_load:max_load_range"}));
  EXPECT_EQ(rules_of(csv, 8), (std::vector<std::string>{"declared[1]:uscc_length", "phone:phone_mainland"}));
  EXPECT_TRUE(csv.entries.empty());
  EXPECT_EQ(csv.rows, 7);
}

TEST(ExpertCsv, SkipsEmptyRowsButKeepsSpreadsheetRowNumbers) {
  auto csv = parse_expert_csv("name,fields\n\n,\n  ,  \nA,1\n\n", kCounties);
  ASSERT_TRUE(csv.errors.empty());
  EXPECT_EQ(csv.rows, 1);
  ASSERT_EQ(csv.entries.size(), 1U);
  EXPECT_EQ(csv.entries[0].row, 5);
}

TEST(ExpertCsv, AHeaderItDoesNotKnowOrANameColumnMissingStopsTheImport) {
  auto unknown = parse_expert_csv("name,fields,年龄\nA,1,40\n", kCounties);
  EXPECT_EQ(rules_of(unknown, 1), (std::vector<std::string>{"年龄:csv_header_unknown"}));
  EXPECT_TRUE(unknown.entries.empty());
  auto nameless = parse_expert_csv("职称,专业领域\n教授,1\n", kCounties);
  EXPECT_EQ(rules_of(nameless, 1), (std::vector<std::string>{"name:csv_header_missing"}));
  auto empty = parse_expert_csv("\n\n", kCounties);
  EXPECT_EQ(rules_of(empty, 1), (std::vector<std::string>{":csv_empty"}));
}

TEST(ExpertCsv, ARowWithMoreCellsThanTheHeaderIsRefused) {
  auto csv = parse_expert_csv("name,fields\nA,1,extra\nB,1,,\n", kCounties);
  EXPECT_EQ(rules_of(csv, 2), (std::vector<std::string>{":csv_too_many_cells"}));
  EXPECT_TRUE(rules_of(csv, 3).empty()) << "trailing empty cells, as Excel writes them, are fine";
}

TEST(ExpertEntry, NormalizesCodesAndDropsRepeatedEntries) {
  ExpertEntry entry;
  entry.name = "  林  ";
  entry.fields = {"1", " 1 ", "智能家电"};
  entry.declared = {"91440703095877920j", "91440703095877920J"};
  entry.county_code = "Jianghai District";
  auto errors = check_expert_entry(entry, kCounties);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(entry.name, "林");
  EXPECT_EQ(entry.fields, (std::vector<std::string>{"1", "智能家电"}));
  EXPECT_EQ(entry.declared, (std::vector<std::string>{"91440703095877920J"}));
  EXPECT_EQ(entry.county_code, "440704");
}

TEST(ExpertEntry, SplitsListCellsOnEverySeparatorPeopleType) {
  EXPECT_EQ(split_list_cell("1；2;3|4、5，6\n7"),
            (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7"}));
  EXPECT_TRUE(split_list_cell(" ; ；").empty());
}

}  // namespace
}  // namespace iifund::domain
