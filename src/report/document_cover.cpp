// The first page's head: the title from the batch name, then the application's identity beside
// its QR code, so a printed copy can be matched to the finalized form by scanning it.
#include <fmt/format.h>

#include <algorithm>

#include "report/document_sections.hpp"
#include "report/qr_code.hpp"

namespace iifund::report {

namespace {

constexpr double kQrSize = 100;
constexpr double kGap = 12;

std::string category_text(const ApplicationDocument& document) {
  return fmt::format("{} {}", document.category_number, document.category_name);
}

// Draws one "label：value" line; returns its height.
double identity_line(DocumentContext& context, const std::string& text, double x, double y, double width) {
  auto layout = context.flow.type().layout(text, TextStyle{10.5}, width);
  draw_layout(context.flow.cr(), layout.get(), x, y);
  return layout_height(layout.get());
}

// Stacks "label：value" lines in the column left of the QR code; returns the height used. The hash
// gets a line of its own in a small monospaced face, so its 64 digits stay on one line.
double draw_identity(DocumentContext& context, double x, double y, double width) {
  const auto& d = context.document;
  const auto& l = context.labels;
  const std::pair<std::string_view, std::string> lines[] = {{l.application_number, d.application_number},
                                                            {l.category, category_text(d)},
                                                            {l.direction, d.direction_name},
                                                            {l.state, d.state_name},
                                                            {l.generated_at, d.generated_at}};
  double top = y;
  for (const auto& [label, value] : lines)
    if (!value.empty()) top += identity_line(context, fmt::format("{}：{}", label, value), x, top, width) + 4;
  if (d.finalized_hash.empty())
    return top +
           identity_line(context, fmt::format("{}：{}", l.finalized_hash, l.not_finalized), x, top, width) -
           y;
  top += identity_line(context, fmt::format("{}：", l.finalized_hash), x, top, width);
  auto hash = context.flow.type().layout(d.finalized_hash, TextStyle{7.5, false, Face::mono}, width);
  draw_layout(context.flow.cr(), hash.get(), x, top);
  return top + layout_height(hash.get()) - y;
}

}  // namespace

std::string document_title(const ApplicationDocument& document) {
  return document.batch_name + std::string(labels_for(document.language).title_suffix);
}

std::string qr_payload(const ApplicationDocument& document) {
  return fmt::format("IIFUND|{}|{}", document.application_number, document.finalized_hash);
}

void draw_cover(DocumentContext& context) {
  PageFlow& flow = context.flow;
  flow.advance(8);
  flow.paragraph(document_title(context.document), TextStyle{18, true, Face::serif, PANGO_ALIGN_CENTER}, 0,
                 6);
  flow.advance(14);
  const double text_width = flow.width() - kQrSize - kGap;
  const double top = flow.y();
  const double used = draw_identity(context, flow.left(), top, text_width);
  draw_qr(flow.cr(), encode_qr(qr_payload(context.document)), flow.left() + flow.width() - kQrSize, top,
          kQrSize);
  flow.advance(std::max(used, kQrSize) + 10);
  cairo_t* cr = flow.cr();
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1.2);
  cairo_move_to(cr, flow.left(), flow.y());
  cairo_line_to(cr, flow.left() + flow.width(), flow.y());
  cairo_stroke(cr);
  flow.advance(10);
}

}  // namespace iifund::report
