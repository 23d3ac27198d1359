#pragma once
// The document's fixed wording in both languages. The data arrives localized; these are the
// headings, column names and phrases around it.
#include <string_view>

#include "report/application_document.hpp"

namespace iifund::report {

struct DocumentLabels {
  std::string_view title_suffix;  // appended to the batch name
  std::string_view section_number_separator;
  // Cover block beside the QR code.
  std::string_view application_number, finalized_hash, not_finalized, category, direction, state,
      generated_at;
  // Sections.
  std::string_view enterprise_section, project_section, targets_section, cluster_section, training_section,
      investment_section, subsidy_section, declarations_section, materials_section, seal_section;
  // Enterprise and project fields.
  std::string_view enterprise_name, credit_code, county, address, contact, phone, size_class, project_name,
      period, period_to, summary;
  // Table columns.
  std::string_view row_number, indicator, baseline, target, unit;
  std::string_view cluster_name, lead, lead_credit_code, member, eligible_investment, computed_amount;
  std::string_view event_date, topic, venue, audience, planned_trainees;
  std::string_view investment_type, content_supplier, supplier, huawei_cloud, invoice, amount_without_tax,
      tax, amount_with_tax, counted, counted_yes, counted_no, total;
  std::string_view requested, max_subsidy, explanation, yuan_unit;
  std::string_view declaration, declared, declared_yes, declared_no, evidence;
  std::string_view material, files, size, not_uploaded;
  std::string_view none;
  // Training totals: "{events} … {trainees} … {min_events} … {min_trainees}" with a verdict.
  std::string_view training_totals, training_met, training_not_met;
  // Seal area.
  std::string_view pledge, seal_box, seal_applicant, legal_representative, seal_date;
  // Every page.
  std::string_view page_of, watermark;
};

const DocumentLabels& labels_for(Language language);

// "一" … "十二": section numbers in the Chinese document, "1" … in the English one.
std::string section_number(Language language, int number);

}  // namespace iifund::report
