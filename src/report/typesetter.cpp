#include "report/typesetter.hpp"

#include "report/outline_text.hpp"

namespace iifund::report {

namespace {

const char* family_of(Face face) {
  switch (face) {
    case Face::serif:
      return "Noto Serif CJK SC";
    case Face::mono:
      return "Noto Sans Mono CJK SC";
    case Face::sans:
      break;
  }
  return "Noto Sans CJK SC";
}

// Unhinted metrics: glyph advances are then the font's own, so the text measured is the text
// printed, whatever device later renders the PDF.
void set_print_font_options(PangoContext* context) {
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
}

}  // namespace

Typesetter::Typesetter() : context_(pango_font_map_create_context(pango_cairo_font_map_get_default())) {
  pango_cairo_context_set_resolution(context_.get(), 72);
  set_print_font_options(context_.get());
  // Simplified-Chinese glyph forms for the shared CJK code points.
  pango_context_set_language(context_.get(), pango_language_from_string("zh-cn"));
}

LayoutPtr Typesetter::layout(std::string_view text, const TextStyle& style, double width) const {
  LayoutPtr layout(pango_layout_new(context_.get()));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, family_of(style.face));
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  if (width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout.get(), style.align);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double layout_height(PangoLayout* layout) {
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout, &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

double layout_width(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y, double gray) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, gray, gray, gray);
  cairo_move_to(cr, x, y);
  show_layout_outlined(cr, layout);
  cairo_restore(cr);
}

}  // namespace iifund::report
