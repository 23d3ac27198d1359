#pragma once
// Shows Pango text through cairo Type 3 fonts whose glyphs are the real font's outlines.
//
// Why: cairo 1.16's CFF subsetter (Debian bookworm) writes some Noto CJK glyphs into the PDF with
// a charstring FreeType and poppler cannot read, so a character such as 如 silently prints as a
// blank. A cairo user font is embedded as Type 3 instead, its glyphs drawn from the same outlines
// with cairo_glyph_path, and the text stays text: cairo_show_text_glyphs carries the UTF-8 and the
// clusters, so the PDF keeps a ToUnicode map and can be searched and copied.
#include <pango/pangocairo.h>

namespace iifund::report {

// Like pango_cairo_show_layout_line: draws `line` with its baseline origin at the current point.
void show_line_outlined(cairo_t* cr, PangoLayoutLine* line);

// Like pango_cairo_show_layout: draws `layout` with its top-left corner at the current point.
void show_layout_outlined(cairo_t* cr, PangoLayout* layout);

}  // namespace iifund::report
