#pragma once
// Text through Pango: every string in the document becomes a PangoLayout of a given width, so
// Chinese and Latin text wrap alike (by word, or by character when a word is longer than the line).
// Sizes are in PostScript points: the context runs at 72 dpi, the PDF's own unit.
#include <pango/pangocairo.h>

#include <memory>
#include <string_view>

namespace iifund::report {

enum class Face { sans, serif, mono };

struct TextStyle {
  double size = 10;  // points
  bool bold = false;
  Face face = Face::sans;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  double gray = 0;  // 0 black … 1 white
};

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

class Typesetter {
 public:
  Typesetter();
  Typesetter(const Typesetter&) = delete;
  Typesetter& operator=(const Typesetter&) = delete;

  // A layout of `text` wrapped to `width` points (no wrapping when width <= 0).
  LayoutPtr layout(std::string_view text, const TextStyle& style, double width) const;

 private:
  std::unique_ptr<PangoContext, GObjectUnref> context_;
};

// The layout's height in points, including its last line's descent.
double layout_height(PangoLayout* layout);
double layout_width(PangoLayout* layout);

// Draws the layout with its top-left corner at (x, y) in the style's gray.
void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y, double gray = 0);

}  // namespace iifund::report
