// The closing sections: what the applicant declares, which materials are attached, and the box
// where the printed copy is signed and sealed (盖章处) before its scan is uploaded.
#include <fmt/format.h>

#include "report/document_sections.hpp"
#include "report/number_text.hpp"
#include "report/table_layout.hpp"

namespace iifund::report {

namespace {

constexpr double kSealBoxHeight = 150;

std::string joined(const std::vector<MaterialFile>& files, bool sizes) {
  std::string text;
  for (const auto& file : files) {
    if (!text.empty()) text += "\n";
    text += sizes ? file_size_text(file.size_bytes) : file.file_name;
  }
  return text;
}

void signature_line(cairo_t* cr, PangoLayout* label, double x, double y, double line_end) {
  draw_layout(cr, label, x, y);
  const double baseline = y + layout_height(label) - 2;
  cairo_move_to(cr, x + layout_width(label) + 4, baseline);
  cairo_line_to(cr, line_end, baseline);
  cairo_stroke(cr);
}

}  // namespace

void draw_declarations(DocumentContext& context) {
  const auto& d = context.document;
  const auto& l = context.labels;
  section_heading(context, l.declarations_section);
  if (d.declarations.empty()) return body_text(context, l.none);
  Table table;
  table.columns = {{std::string(l.row_number), 0.5, PANGO_ALIGN_CENTER},
                   {std::string(l.declaration), 5},
                   {std::string(l.declared), 1, PANGO_ALIGN_CENTER},
                   {std::string(l.evidence), 1.8}};
  for (std::size_t i = 0; i < d.declarations.size(); ++i) {
    const auto& row = d.declarations[i];
    table.rows.push_back(
        {{std::to_string(i + 1), row.text, std::string(row.declared ? l.declared_yes : l.declared_no),
          row.evidence_file_name},
         false,
         !row.declared});
  }
  draw_table(context.flow, table);
}

void draw_materials(DocumentContext& context) {
  const auto& d = context.document;
  const auto& l = context.labels;
  section_heading(context, l.materials_section);
  if (d.materials.empty()) return body_text(context, l.none);
  Table table;
  table.columns = {{std::string(l.row_number), 0.5, PANGO_ALIGN_CENTER},
                   {std::string(l.material), 2.6},
                   {std::string(l.files), 3.2},
                   {std::string(l.size), 1, PANGO_ALIGN_RIGHT}};
  for (std::size_t i = 0; i < d.materials.size(); ++i) {
    const auto& m = d.materials[i];
    table.rows.push_back(
        {{std::to_string(i + 1), m.name,
          m.files.empty() ? std::string(l.not_uploaded) : joined(m.files, false), joined(m.files, true)},
         false,
         m.files.empty()});
  }
  draw_table(context.flow, table);
}

void draw_seal_area(DocumentContext& context) {
  PageFlow& flow = context.flow;
  const auto& l = context.labels;
  const Typesetter& type = flow.type();
  auto pledge = type.layout(l.pledge, TextStyle{10.5}, flow.width());
  flow.advance(8);
  flow.ensure_room(40 + layout_height(pledge.get()) + kSealBoxHeight);
  section_heading(context, l.seal_section);
  flow.paragraph(l.pledge, TextStyle{10.5}, 0, 4);
  flow.advance(8);
  cairo_t* cr = flow.cr();
  const double x = flow.left();
  const double y = flow.y();
  const double right = x + flow.width();
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, x, y, flow.width(), kSealBoxHeight);
  cairo_stroke(cr);
  draw_layout(cr, type.layout(l.seal_box, TextStyle{11, true}, 0).get(), x + 10, y + 8);
  cairo_set_line_width(cr, 0.6);
  signature_line(cr, type.layout(l.seal_applicant, TextStyle{10.5}, 0).get(), x + 24, y + 44, right - 40);
  signature_line(cr, type.layout(l.legal_representative, TextStyle{10.5}, 0).get(), x + 24, y + 84,
                 x + flow.width() / 2);
  draw_layout(cr, type.layout(l.seal_date, TextStyle{10.5}, 0).get(), x + flow.width() / 2 + 24, y + 84);
  cairo_restore(cr);
  flow.advance(kSealBoxHeight);
}

}  // namespace iifund::report
