// The printed 评分表 read back the way a person reads it: the words pdftotext finds on each page.
#include "report/score_sheet.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "pdf_reading.hpp"

namespace iifund::report {

namespace {

using namespace testing;

ScoreSheetApplication sheet(const std::string& number, const std::string& project, double first_score) {
  ScoreSheetApplication a;
  a.number = number;
  a.project_name = project;
  a.enterprise_name = "江门示例科技有限公司";
  a.category_name = "工业互联网标杆示范项目";
  a.criteria = {{"实施基础", 20, 20, first_score, first_score < 12 ? "基础薄弱，设备联网率低" : ""},
                {"技术先进性与创新性", 25, 25, 22.5, ""},
                {"降本、提质、增效、降耗成效", 30, 30, 26, ""},
                {"示范性与可复制性", 15, 15, 12, ""},
                {"投资合理性", 10, 10, 8, ""}};
  a.total = first_score + 22.5 + 26 + 12 + 8;
  a.overall_comment = "项目目标清晰，建议入库。";
  a.submitted_at = "2022-12-20 15:30";
  return a;
}

ScoreSheetDocument two_sheets(Language language = Language::zh) {
  ScoreSheetDocument document;
  document.language = language;
  document.batch_name = "2022年第二批江门市工业互联网专项资金";
  document.expert_name = "李明";
  document.expert_title = "正高级工程师";
  document.expert_employer = "五邑大学";
  document.generated_at = "2022-12-21 09:00";
  document.applications = {sheet("JM2022B2-1-000001", "数字化车间改造项目", 18),
                           sheet("JM2022B2-1-000002", "注塑车间设备联网项目", 10)};
  document.applications[1].offline_note = "2022-12-19 线下评审会";
  return document;
}

}  // namespace

TEST(ScoreSheet, PrintsEachApplicationsCriteriaScoresTotalsAndComments) {
  auto rendered = render_score_sheet(two_sheets());
  const std::string text = pdf_text(rendered.bytes, artifact_path("score-sheet.pdf"));
  EXPECT_NE(text.find("评审专家评分表"), std::string::npos) << text;
  EXPECT_NE(text.find("2022年第二批江门市工业互联网专项资金"), std::string::npos);
  EXPECT_NE(text.find("李明"), std::string::npos);
  EXPECT_NE(text.find("五邑大学"), std::string::npos);
  EXPECT_NE(text.find("JM2022B2-1-000001"), std::string::npos);
  EXPECT_NE(text.find("注塑车间设备联网项目"), std::string::npos);
  EXPECT_NE(text.find("技术先进性与创新性"), std::string::npos);
  EXPECT_NE(text.find("22.5"), std::string::npos);      // a half point prints as it was given
  EXPECT_NE(text.find("86.5"), std::string::npos);      // the first total
  EXPECT_NE(text.find("78.5"), std::string::npos);      // the second total
  EXPECT_NE(text.find("基础薄弱"), std::string::npos);  // the comment beside a low score
  EXPECT_NE(text.find("建议入库"), std::string::npos);
  EXPECT_NE(text.find("线下评审会"), std::string::npos);
}

TEST(ScoreSheet, EverySheetEndsInASignatureLineAndEveryPageIsNumbered) {
  auto rendered = render_score_sheet(two_sheets());
  EXPECT_EQ(rendered.page_count, 2);
  const std::string text = pdf_text(rendered.bytes, artifact_path("score-sheet-pages.pdf"));
  EXPECT_EQ(count_of(text, "评审专家（签名）"), 2) << text;
  EXPECT_EQ(count_of(text, "日期："), 2);
  // pdftotext may drop the spaces between the Chinese words and the digits.
  EXPECT_TRUE(std::regex_search(text, std::regex("第 ?1 ?页 ?共 ?2 ?页"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("第 ?2 ?页 ?共 ?2 ?页")));
}

TEST(ScoreSheet, EnglishLabelsWhenAskedInEnglish) {
  auto rendered = render_score_sheet(two_sheets(Language::en));
  const std::string text = pdf_text(rendered.bytes, artifact_path("score-sheet-en.pdf"));
  EXPECT_NE(text.find("Reviewer's Score Sheet"), std::string::npos) << text;
  EXPECT_NE(text.find("Reviewer's signature"), std::string::npos);
  EXPECT_NE(text.find("Page 1 of 2"), std::string::npos);
}

TEST(ScoreSheet, ScoresPrintWithoutTrailingZeros) {
  EXPECT_EQ(score_text(18), "18");
  EXPECT_EQ(score_text(22.5), "22.5");
  EXPECT_EQ(score_text(86.456), "86.46");
  EXPECT_EQ(score_text(0), "0");
}

}  // namespace iifund::report
