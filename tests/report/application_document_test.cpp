// The printed 申报书 read back the way a person reads it: the words pdftotext finds and the first
// page pdftoppm paints.
#include "report/application_document.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <vector>

#include "document_fixtures.hpp"
#include "pdf_reading.hpp"

namespace iifund::report {

namespace {

using namespace testing;

std::string rendered_text(const ApplicationDocument& document, const std::string& name) {
  return pdf_text(render_application_pdf(document), artifact_path(name + ".pdf"));
}

std::vector<std::string> pages_of(const std::string& text) {
  std::vector<std::string> pages;
  for (std::size_t start = 0, end; (end = text.find('\f', start)) != std::string::npos; start = end + 1)
    pages.push_back(text.substr(start, end - start));
  return pages;
}

int page_total(const std::string& text) {
  std::smatch match;
  const std::regex total("共 ([0-9]+) 页");
  return std::regex_search(text, match, total) ? std::stoi(match[1]) : 0;
}

}  // namespace

TEST(ApplicationDocument, FirstPageShowsTitleIdentityAndSections) {
  const std::string text = rendered_text(benchmark_document(), "benchmark");
  EXPECT_NE(text.find("江门市工业互联网专项资金项目申报书"), std::string::npos) << text;
  EXPECT_NE(text.find("2022年第二批"), std::string::npos);
  for (const char* heading : {"一、企业基本情况", "二、项目基本情况", "三、绩效目标", "四、投资明细",
                              "五、补助测算", "六、申报承诺", "七、申报材料清单", "八、申报单位承诺及盖章"})
    EXPECT_NE(text.find(heading), std::string::npos) << heading;
  EXPECT_NE(text.find(kEnterpriseName), std::string::npos);
  EXPECT_NE(text.find(kCreditCode), std::string::npos);
  EXPECT_NE(text.find(kApplicationNumber), std::string::npos);
  EXPECT_NE(text.find("件/小时"), std::string::npos);
  EXPECT_NE(text.find("第 1 页"), std::string::npos);
}

TEST(ApplicationDocument, MoneyIsPrintedInYuanWithSeparators) {
  const std::string text = rendered_text(benchmark_document(3), "money");
  EXPECT_NE(text.find("1,000,000.00"), std::string::npos);  // a line without tax, the cap
  EXPECT_NE(text.find("1,130,000.00"), std::string::npos);  // a line with tax
  EXPECT_NE(text.find("3,390,000.00"), std::string::npos);  // the total with tax
  EXPECT_NE(text.find("3,000,000.00"), std::string::npos);  // eligible investment
  EXPECT_NE(text.find("税号不符"), std::string::npos);      // why line 2 does not count
}

// The watermark "草稿 未定稿" is drawn diagonally, and pdftotext reads rotated text one character at
// a time; so a page shows the watermark when its four characters are on it. Nothing else in these
// fixtures prints 草 but the cover's state line "草稿".
TEST(ApplicationDocument, DraftCarriesTheWatermarkOnEveryPage) {
  const std::string text = rendered_text(benchmark_document(80), "draft-long");
  const auto pages = pages_of(text);
  ASSERT_GT(pages.size(), 1U);
  EXPECT_EQ(page_total(text), static_cast<int>(pages.size()));
  for (std::size_t i = 0; i < pages.size(); ++i)
    for (const char* character : {"草", "稿", "未", "定"})
      EXPECT_NE(pages[i].find(character), std::string::npos) << "page " << i + 1 << " lacks " << character;
  EXPECT_NE(text.find("定稿哈希：未定稿"), std::string::npos);
}

TEST(ApplicationDocument, FinalizedShowsTheHashAndNoWatermark) {
  const std::string text = rendered_text(finalized(benchmark_document()), "finalized");
  EXPECT_NE(text.find(kHash), std::string::npos) << text;
  EXPECT_EQ(text.find("未定稿"), std::string::npos);
  EXPECT_EQ(text.find("草"), std::string::npos);
}

TEST(ApplicationDocument, LongInvestmentTableBreaksAcrossPagesRepeatingItsHeader) {
  const std::string text = rendered_text(finalized(benchmark_document(80)), "long");
  const int pages = page_total(text);
  EXPECT_GT(pages, 3);
  EXPECT_EQ(count_of(text, "共 " + std::to_string(pages) + " 页"), pages);
  EXPECT_NE(text.find("第 " + std::to_string(pages) + " 页"), std::string::npos);
  // One investment table header per page it runs over (at least all but the first and last pages).
  EXPECT_GE(count_of(text, "价税合计（元）"), pages - 2);
  EXPECT_NE(text.find("12340079"), std::string::npos);       // the 80th invoice is there
  EXPECT_NE(text.find("90,400,000.00"), std::string::npos);  // 80 × 1,130,000.00
}

TEST(ApplicationDocument, SealAreaIsOnTheLastPage) {
  const std::string text = rendered_text(finalized(benchmark_document(80)), "seal");
  const std::string tail = pages_of(text).back();
  EXPECT_NE(tail.find("盖章处"), std::string::npos);
  EXPECT_NE(tail.find("法定代表人签字"), std::string::npos);
  EXPECT_EQ(count_of(text, "盖章处"), 1);
}

TEST(ApplicationDocument, ClusterShowsItsMembersAndTheirAmounts) {
  const std::string text = rendered_text(cluster_document(), "cluster");
  EXPECT_NE(text.find("集群情况"), std::string::npos);
  EXPECT_NE(text.find("台山市乙电器有限公司"), std::string::npos);
  EXPECT_NE(text.find("91440781MA51234567"), std::string::npos);
  EXPECT_NE(text.find("1,200,000.00"), std::string::npos);
  EXPECT_EQ(text.find("绩效目标"), std::string::npos);  // category 3 has no targets section
}

TEST(ApplicationDocument, TrainingShowsEventsAndTotalsAgainstMinimums) {
  const std::string text = rendered_text(training_document(), "training");
  EXPECT_NE(text.find("人才培养活动计划"), std::string::npos);
  EXPECT_NE(text.find("2022-12-19"), std::string::npos);  // the tenth event
  EXPECT_NE(text.find("合计 10 场，计划培训 520 人"), std::string::npos) << text;
  EXPECT_NE(text.find("达到要求"), std::string::npos);
}

TEST(ApplicationDocument, EnglishDocumentUsesEnglishHeadings) {
  ApplicationDocument document = benchmark_document();
  document.language = Language::en;
  const std::string text = rendered_text(document, "english");
  EXPECT_NE(text.find("1. Enterprise"), std::string::npos) << text;
  EXPECT_NE(text.find("Page 1 of"), std::string::npos);
  EXPECT_NE(text.find(kEnterpriseName), std::string::npos);
}

TEST(ApplicationDocument, FirstPagePaintsToANonBlankPicture) {
  const std::string pdf_path = artifact_path("sample.pdf");
  (void)pdf_text(render_application_pdf(benchmark_document(12)), pdf_path);
  const std::string png = artifact_path("sample-page1.png");
  EXPECT_GT(first_page_png(pdf_path, png), 8000) << png;
}

TEST(ApplicationDocument, PdfCarriesItsTitleAsMetadata) {
  const std::string pdf = render_application_pdf(benchmark_document());
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0U);
  EXPECT_NE(pdf.find("/Title"), std::string::npos);
}

}  // namespace iifund::report
