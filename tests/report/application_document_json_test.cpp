// The document JSON the CLI reads: the shipped example is valid, and a bad file names its field.
#include "report/application_document_json.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace iifund::report {

namespace {

const std::string kExample = std::string(IIFUND_SOURCE_DIR) + "/examples/application-document.json";

nlohmann::json minimal() {
  return {{"batch_name", "2022年第二批江门市工业互联网专项资金"},
          {"application_number", "JM-1"},
          {"category_number", 1},
          {"category_name", "工业互联网标杆示范项目"},
          {"enterprise", {{"name", "甲公司"}, {"credit_code", "91440703MA4WDE010D"}}},
          {"project", {{"name", "甲项目"}}},
          {"subsidy", {{"requested_fen", 100}}}};
}

std::string refused_field(const nlohmann::json& json) {
  auto result = application_document_from_json(json);
  if (result.ok()) return "(accepted)";
  EXPECT_EQ(result.problem().code, "document_field_invalid");
  return result.problem().fields.at(0).field + " " + result.problem().fields.at(0).rule;
}

}  // namespace

TEST(ApplicationDocumentJson, ShippedExampleReads) {
  auto document = read_application_document_file(kExample);
  ASSERT_TRUE(document.ok()) << describe_document_problem(document.problem());
  EXPECT_EQ(document->category_number, 1);
  EXPECT_EQ(document->enterprise.credit_code, "91440703MA4WDE010D");
  EXPECT_FALSE(document->investment_lines.empty());
  EXPECT_FALSE(document->investment_lines.back().counted);
  EXPECT_FALSE(document->has_cluster);
}

TEST(ApplicationDocumentJson, MinimalDocumentReadsWithDefaults) {
  auto document = application_document_from_json(minimal());
  ASSERT_TRUE(document.ok()) << describe_document_problem(document.problem());
  EXPECT_EQ(document->language, Language::zh);
  EXPECT_EQ(document->subsidy.requested_fen, 100);
  EXPECT_FALSE(document->finalized);
}

TEST(ApplicationDocumentJson, RefusesWrongTypesNamingTheField) {
  auto json = minimal();
  json["enterprise"]["credit_code"] = 91440703;
  EXPECT_EQ(refused_field(json), "enterprise.credit_code expected_string");
  json = minimal();
  json["subsidy"]["requested_fen"] = 1.5;
  EXPECT_EQ(refused_field(json), "subsidy.requested_fen expected_integer");
  json = minimal();
  json["investment_lines"] = {{{"type_name", "云服务"}, {"tax_fen", -1}}};
  EXPECT_EQ(refused_field(json), "investment_lines[0].tax_fen not_negative");
}

TEST(ApplicationDocumentJson, RefusesMissingAndUnknownFields) {
  auto json = minimal();
  json.erase("application_number");
  EXPECT_EQ(refused_field(json), "application_number required");
  json = minimal();
  json["project"]["summery"] = "typo";
  EXPECT_EQ(refused_field(json), "project.summery unknown_field");
  json = minimal();
  json["language"] = "fr";
  EXPECT_EQ(refused_field(json), "language one_of");
}

TEST(ApplicationDocumentJson, UnreadableOrBrokenFilesSaySo) {
  EXPECT_EQ(read_application_document_file("/no/such/file.json").problem().code, "document_unreadable");
  const std::string broken = std::string(IIFUND_BINARY_DIR) + "/broken-document.json";
  std::ofstream(broken) << "{\"batch_name\": ";
  EXPECT_EQ(read_application_document_file(broken).problem().code, "document_json_syntax");
}

}  // namespace iifund::report
