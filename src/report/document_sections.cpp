// The descriptive sections: who applies, for what project, with which targets, cluster members
// and training events.
#include "report/document_sections.hpp"

#include <fmt/format.h>

#include "report/number_text.hpp"
#include "report/table_layout.hpp"

namespace iifund::report {

namespace {

// A heading alone at the foot of a page reads as a mistake: keep room for a few lines after it.
constexpr double kKeepWithHeading = 70;

std::string row_number(std::size_t index) { return std::to_string(index + 1); }

}  // namespace

void section_heading(DocumentContext& context, std::string_view title) {
  PageFlow& flow = context.flow;
  flow.advance(8);
  flow.ensure_room(kKeepWithHeading);
  const Language language = context.document.language;
  flow.paragraph(fmt::format("{}{}{}", section_number(language, ++context.sections),
                             context.labels.section_number_separator, title),
                 TextStyle{13, true, Face::serif}, 0, 4);
}

void body_text(DocumentContext& context, std::string_view text) {
  context.flow.advance(3);
  context.flow.paragraph(text, TextStyle{10}, 0, 3);
}

void draw_enterprise(DocumentContext& context) {
  const auto& e = context.document.enterprise;
  const auto& l = context.labels;
  section_heading(context, l.enterprise_section);
  draw_table(context.flow, field_table({{std::string(l.enterprise_name), e.name},
                                        {std::string(l.credit_code), e.credit_code},
                                        {std::string(l.county), e.county_name},
                                        {std::string(l.address), e.address},
                                        {std::string(l.contact), e.contact_name},
                                        {std::string(l.phone), e.contact_phone},
                                        {std::string(l.size_class), e.size_class}}));
}

void draw_project(DocumentContext& context) {
  const auto& d = context.document;
  const auto& l = context.labels;
  section_heading(context, l.project_section);
  std::vector<std::pair<std::string, std::string>> fields{
      {std::string(l.project_name), d.project.name},
      {std::string(l.category), fmt::format("{} {}", d.category_number, d.category_name)}};
  if (!d.direction_name.empty()) fields.emplace_back(l.direction, d.direction_name);
  fields.emplace_back(l.period,
                      fmt::format("{} {} {}", d.project.start_date, l.period_to, d.project.end_date));
  draw_table(context.flow, field_table(fields));
  context.flow.advance(6);
  context.flow.paragraph(l.summary, TextStyle{10.5, true}, 0, 3);
  context.flow.paragraph(d.project.summary.empty() ? l.none : d.project.summary, TextStyle{10.5}, 0, 4);
}

void draw_targets(DocumentContext& context) {
  const auto& d = context.document;
  const auto& l = context.labels;
  if (d.targets.empty() && d.category_number != 1) return;
  section_heading(context, l.targets_section);
  if (d.targets.empty()) return body_text(context, l.none);
  Table table;
  table.columns = {{std::string(l.row_number), 0.5, PANGO_ALIGN_CENTER},
                   {std::string(l.indicator), 3},
                   {std::string(l.baseline), 1.5, PANGO_ALIGN_RIGHT},
                   {std::string(l.target), 1.5, PANGO_ALIGN_RIGHT},
                   {std::string(l.unit), 1.2, PANGO_ALIGN_CENTER}};
  for (std::size_t i = 0; i < d.targets.size(); ++i) {
    const auto& t = d.targets[i];
    table.rows.push_back({{row_number(i), t.indicator, t.baseline, t.target, t.unit}});
  }
  draw_table(context.flow, table);
}

void draw_cluster(DocumentContext& context) {
  const auto& d = context.document;
  const auto& l = context.labels;
  if (!d.has_cluster) return;
  section_heading(context, l.cluster_section);
  draw_table(context.flow, field_table({{std::string(l.cluster_name), d.cluster.cluster_name},
                                        {std::string(l.lead), d.cluster.lead_name},
                                        {std::string(l.lead_credit_code), d.cluster.lead_credit_code}}));
  context.flow.advance(8);
  Table table;
  table.columns = {{std::string(l.row_number), 0.5, PANGO_ALIGN_CENTER},
                   {std::string(l.member), 2.1},
                   {std::string(l.credit_code), 2.4},
                   {std::string(l.county), 1.1},
                   {std::string(l.eligible_investment), 1.6, PANGO_ALIGN_RIGHT},
                   {std::string(l.computed_amount), 1.6, PANGO_ALIGN_RIGHT}};
  std::int64_t investment = 0;
  std::int64_t amount = 0;
  for (std::size_t i = 0; i < d.cluster.members.size(); ++i) {
    const auto& m = d.cluster.members[i];
    table.rows.push_back({{row_number(i), m.name, m.credit_code, m.county_name,
                           yuan_text(m.eligible_investment_fen), yuan_text(m.amount_fen)}});
    investment += m.eligible_investment_fen;
    amount += m.amount_fen;
  }
  table.rows.push_back({{"", std::string(l.total), "", "", yuan_text(investment), yuan_text(amount)}, true});
  draw_table(context.flow, table);
}

void draw_training(DocumentContext& context) {
  const auto& d = context.document;
  const auto& l = context.labels;
  if (!d.has_training) return;
  section_heading(context, l.training_section);
  Table table;
  table.columns = {{std::string(l.row_number), 0.5, PANGO_ALIGN_CENTER},
                   {std::string(l.event_date), 1.2},
                   {std::string(l.topic), 2.6},
                   {std::string(l.venue), 1.8},
                   {std::string(l.audience), 1.6},
                   {std::string(l.planned_trainees), 1, PANGO_ALIGN_RIGHT}};
  int trainees = 0;
  for (std::size_t i = 0; i < d.training.events.size(); ++i) {
    const auto& e = d.training.events[i];
    table.rows.push_back(
        {{row_number(i), e.date, e.topic, e.venue, e.audience, std::to_string(e.planned_trainees)}});
    trainees += e.planned_trainees;
  }
  draw_table(context.flow, table);
  const int events = static_cast<int>(d.training.events.size());
  const bool met = events >= d.training.min_events && trainees >= d.training.min_trainees;
  body_text(context,
            fmt::format(fmt::runtime(l.training_totals), fmt::arg("events", events),
                        fmt::arg("trainees", trainees), fmt::arg("min_events", d.training.min_events),
                        fmt::arg("min_trainees", d.training.min_trainees)) +
                std::string(met ? l.training_met : l.training_not_met));
}

}  // namespace iifund::report
