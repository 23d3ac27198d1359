#pragma once
// The sections of the 申报书, in print order. Each draws itself into the flow under a numbered
// heading (一、二、… in Chinese) and skips itself when the category has no such part.
#include <string>
#include <string_view>

#include "report/application_document.hpp"
#include "report/document_labels.hpp"
#include "report/page_flow.hpp"

namespace iifund::report {

struct DocumentContext {
  const ApplicationDocument& document;
  const DocumentLabels& labels;
  PageFlow& flow;
  int sections = 0;  // headings drawn so far
};

// "三、绩效目标", kept on the same page as the first lines after it.
void section_heading(DocumentContext& context, std::string_view title);
// A labelled line of body text, e.g. under a table.
void body_text(DocumentContext& context, std::string_view text);

void draw_cover(DocumentContext& context);
void draw_enterprise(DocumentContext& context);
void draw_project(DocumentContext& context);
void draw_targets(DocumentContext& context);
void draw_cluster(DocumentContext& context);
void draw_training(DocumentContext& context);
void draw_investment(DocumentContext& context);
void draw_subsidy(DocumentContext& context);
void draw_declarations(DocumentContext& context);
void draw_materials(DocumentContext& context);
void draw_seal_area(DocumentContext& context);

// "2022年第二批江门市工业互联网专项资金项目申报书".
std::string document_title(const ApplicationDocument& document);
// What the QR code carries: "IIFUND|<application number>|<finalized hash>".
std::string qr_payload(const ApplicationDocument& document);

}  // namespace iifund::report
