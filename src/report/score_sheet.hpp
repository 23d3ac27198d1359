#pragma once
// 评分表: an expert's submitted score sheets of one batch, printed for signing — one page (or more)
// per application with the criteria, the scores, the total and the comments, a signature line and
// date under each, and "第 N 页 共 M 页" at every foot. Like the 申报书 it lays out a plain,
// already localized struct and looks nothing up.
#include <string>
#include <vector>

#include "report/application_document.hpp"

namespace iifund::report {

struct ScoreSheetCriterionRow {
  std::string name;
  double weight = 0;
  double max_score = 0;
  double score = 0;
  std::string comment;
};

struct ScoreSheetApplication {
  std::string number;
  std::string project_name;
  std::string enterprise_name;
  std::string category_name;
  std::vector<ScoreSheetCriterionRow> criteria;
  double total = 0;  // Σ weight × score ÷ max, on 0–100
  std::string overall_comment;
  std::string submitted_at;  // as printed, e.g. "2022-12-20 15:30"
  std::string offline_note;  // entered by the organizer from an offline meeting
};

struct ScoreSheetDocument {
  Language language = Language::zh;
  std::string batch_name;
  std::string expert_name;
  std::string expert_title;
  std::string expert_employer;
  std::string generated_at;  // e.g. "2022-12-21 09:00"
  std::vector<ScoreSheetApplication> applications;
};

RenderedPdf render_score_sheet(const ScoreSheetDocument& document);

// "85.5", "90": at most two decimals, no trailing zeros.
std::string score_text(double score);

}  // namespace iifund::report
