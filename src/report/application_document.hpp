#pragma once
// 申报书: everything the printed application document shows, already localized and already
// computed. The caller (the service, or the CLI from a JSON file) fills it; the renderer only lays
// it out, so the PDF never recomputes a subsidy or looks anything up. Amounts are integer fen.
#include <cstdint>
#include <string>
#include <vector>

namespace iifund::report {

enum class Language { zh, en };

struct EnterpriseSection {
  std::string name;
  std::string credit_code;
  std::string county_name;
  std::string address;
  std::string contact_name;
  std::string contact_phone;
  std::string size_class;  // e.g. "中小企业"
};

struct ProjectSection {
  std::string name;
  std::string summary;  // 建设内容与目标, may be long
  std::string start_date;
  std::string end_date;
};

struct PerformanceTarget {
  std::string indicator;
  std::string baseline;
  std::string target;
  std::string unit;
};

struct ClusterMemberRow {
  std::string name;
  std::string credit_code;
  std::string county_name;
  std::int64_t eligible_investment_fen = 0;
  std::int64_t amount_fen = 0;
};

struct ClusterSection {
  std::string cluster_name;
  std::string lead_name;
  std::string lead_credit_code;
  std::vector<ClusterMemberRow> members;
};

struct TrainingEventRow {
  std::string date;
  std::string topic;
  std::string venue;
  std::string audience;
  int planned_trainees = 0;
};

struct TrainingSection {
  std::vector<TrainingEventRow> events;
  int min_events = 0;
  int min_trainees = 0;
};

struct InvestmentLineRow {
  std::string type_name;
  std::string description;
  std::string supplier;
  bool huawei_cloud = false;
  std::string invoice_kind;  // e.g. "增值税专用发票", "数电票"
  std::string invoice_code;
  std::string invoice_number;
  std::string invoice_date;
  std::int64_t amount_without_tax_fen = 0;
  std::int64_t tax_fen = 0;
  std::int64_t amount_with_tax_fen = 0;
  bool counted = true;
  std::string exclusion_reason;  // why it does not count, when !counted
};

struct InvestmentTotals {
  std::int64_t amount_without_tax_fen = 0;
  std::int64_t tax_fen = 0;
  std::int64_t amount_with_tax_fen = 0;
};

struct ComputedSubsidy {
  std::int64_t eligible_investment_fen = 0;
  std::int64_t requested_fen = 0;
  std::int64_t max_subsidy_fen = 0;
  std::string explanation;  // which rule bound the amount, in words
};

struct DeclarationRow {
  std::string text;
  bool declared = false;
  std::string evidence_file_name;
};

struct MaterialFile {
  std::string file_name;
  std::int64_t size_bytes = 0;
};

struct MaterialRow {
  std::string name;
  std::vector<MaterialFile> files;
};

struct ApplicationDocument {
  Language language = Language::zh;
  std::string batch_name;  // "2022年第二批江门市工业互联网专项资金"
  std::string application_number;
  int category_number = 0;
  std::string category_name;
  std::string direction_name;  // empty when the category has no directions
  std::string state_name;      // localized workflow state, e.g. "草稿"
  bool finalized = false;      // 定稿: no draft watermark, the hash is printed
  std::string finalized_hash;  // hex SHA-256 of the finalized form, or empty
  std::string generated_at;    // Beijing time, e.g. "2026-11-27 21:00"

  EnterpriseSection enterprise;
  ProjectSection project;
  std::vector<PerformanceTarget> targets;  // category 1
  bool has_cluster = false;                // category 3
  ClusterSection cluster;
  bool has_training = false;  // category 4
  TrainingSection training;
  std::vector<InvestmentLineRow> investment_lines;
  InvestmentTotals investment_totals;
  ComputedSubsidy subsidy;
  std::vector<DeclarationRow> declarations;
  std::vector<MaterialRow> materials;
};

struct RenderedPdf {
  std::string bytes;
  int page_count = 0;
};

// The PDF and its page count (for tools that report it).
RenderedPdf render_application(const ApplicationDocument& document);

// The PDF bytes: A4 portrait, every section of the document, page numbers, a QR code with the
// application number and finalized hash, a seal area on the last page, and a draft watermark on
// every page until finalized. Throws std::runtime_error only if cairo itself fails.
std::string render_application_pdf(const ApplicationDocument& document);

}  // namespace iifund::report
