#include "report/page_decorations.hpp"

#include <fmt/format.h>

#include <cmath>

#include "report/document_labels.hpp"
#include "report/document_sections.hpp"
#include "report/outline_text.hpp"
#include "report/page_recorder.hpp"

namespace iifund::report {

namespace {

constexpr double kSideMargin = 56;

void draw_running_head(cairo_t* cr, const Typesetter& type, const ApplicationDocument& document) {
  const auto& l = labels_for(document.language);
  const double width = kPageWidth - 2 * kSideMargin;
  auto head = type.layout(
      fmt::format("{}    {} {}", document_title(document), l.application_number, document.application_number),
      TextStyle{8, false, Face::sans, PANGO_ALIGN_CENTER}, width);
  draw_layout(cr, head.get(), kSideMargin, 34, 0.4);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, kSideMargin, 50);
  cairo_line_to(cr, kPageWidth - kSideMargin, 50);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void draw_page_number(cairo_t* cr, const Typesetter& type, const DocumentLabels& labels, int page,
                      int page_count) {
  auto text =
      fmt::format(fmt::runtime(labels.page_of), fmt::arg("page", page), fmt::arg("pages", page_count));
  auto layout = type.layout(text, TextStyle{10, false, Face::sans, PANGO_ALIGN_CENTER}, kPageWidth);
  draw_layout(cr, layout.get(), 0, kPageHeight - 44, 0.2);
}

// Drawn over the content in translucent red, so it shows on tables too and cannot be covered; scaled
// down when the wording is longer than most of the page's diagonal.
void draw_watermark(cairo_t* cr, const Typesetter& type, const DocumentLabels& labels) {
  auto layout = type.layout(labels.watermark, TextStyle{64, true}, 0);
  const double diagonal = std::hypot(kPageWidth, kPageHeight);
  const double width = layout_width(layout.get());
  cairo_save(cr);
  cairo_translate(cr, kPageWidth / 2, kPageHeight / 2);
  cairo_rotate(cr, -std::atan2(kPageHeight, kPageWidth));
  if (width > 0.75 * diagonal) cairo_scale(cr, 0.75 * diagonal / width, 0.75 * diagonal / width);
  cairo_set_source_rgba(cr, 0.85, 0.1, 0.1, 0.13);
  cairo_move_to(cr, -width / 2, -layout_height(layout.get()) / 2);
  show_layout_outlined(cr, layout.get());
  cairo_restore(cr);
}

}  // namespace

void draw_page_decorations(cairo_t* cr, const Typesetter& type, const ApplicationDocument& document, int page,
                           int page_count) {
  const auto& labels = labels_for(document.language);
  if (page > 1) draw_running_head(cr, type, document);
  draw_page_number(cr, type, labels, page, page_count);
  if (!document.finalized) draw_watermark(cr, type, labels);
}

}  // namespace iifund::report
