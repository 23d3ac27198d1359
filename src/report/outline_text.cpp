#include "report/outline_text.hpp"

#include <map>
#include <vector>

namespace iifund::report {

namespace {

// A user font draws each glyph in a context already scaled to the text's size. Taking the outlines
// 16 times larger keeps them exact to 1/1024 point (FreeType works in 26.6 fixed point) and within
// FreeType's size limit for text up to 4,000 points.
constexpr double kOutlineSize = 16;

const cairo_user_data_key_t kInnerFaceKey{};

cairo_font_face_t* inner_face(cairo_scaled_font_t* scaled_font) {
  return static_cast<cairo_font_face_t*>(
      cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(scaled_font), &kInnerFaceKey));
}

// Printed glyphs keep the font's own outlines and advances, not ones fitted to a screen's pixels.
void set_unhinted(cairo_t* cr) {
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr, options);
  cairo_font_options_destroy(options);
}

void use_inner_font(cairo_t* cr, cairo_font_face_t* inner) {
  cairo_set_font_face(cr, inner);
  cairo_set_font_size(cr, kOutlineSize);
  set_unhinted(cr);
}

cairo_status_t init_outline_font(cairo_scaled_font_t* scaled_font, cairo_t* cr,
                                 cairo_font_extents_t* extents) {
  use_inner_font(cr, inner_face(scaled_font));
  cairo_font_extents(cr, extents);
  extents->ascent /= kOutlineSize;
  extents->descent /= kOutlineSize;
  extents->height /= kOutlineSize;
  extents->max_x_advance /= kOutlineSize;
  extents->max_y_advance /= kOutlineSize;
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t render_outline_glyph(cairo_scaled_font_t* scaled_font, unsigned long glyph, cairo_t* cr,
                                    cairo_text_extents_t* extents) {
  cairo_scale(cr, 1 / kOutlineSize, 1 / kOutlineSize);
  use_inner_font(cr, inner_face(scaled_font));
  const cairo_glyph_t one{glyph, 0, 0};
  cairo_text_extents_t inner;
  cairo_glyph_extents(cr, &one, 1, &inner);
  *extents = {inner.x_bearing / kOutlineSize, inner.y_bearing / kOutlineSize, inner.width / kOutlineSize,
              inner.height / kOutlineSize,    inner.x_advance / kOutlineSize, inner.y_advance / kOutlineSize};
  cairo_glyph_path(cr, &one, 1);
  cairo_fill(cr);
  return CAIRO_STATUS_SUCCESS;
}

// One outline face per font face Pango uses, for the life of the thread (Pango's font map is per
// thread too); the user face holds a reference to the face it draws from.
cairo_font_face_t* outline_face(cairo_font_face_t* inner) {
  thread_local std::map<cairo_font_face_t*, cairo_font_face_t*> faces;
  auto& face = faces[inner];
  if (face == nullptr) {
    face = cairo_user_font_face_create();
    cairo_user_font_face_set_init_func(face, init_outline_font);
    cairo_user_font_face_set_render_glyph_func(face, render_outline_glyph);
    cairo_font_face_set_user_data(face, &kInnerFaceKey, cairo_font_face_reference(inner),
                                  reinterpret_cast<cairo_destroy_func_t>(cairo_font_face_destroy));
  }
  return face;
}

struct GlyphRun {
  std::vector<cairo_glyph_t> glyphs;
  std::vector<cairo_text_cluster_t> clusters;
};

// The run's visible glyphs at their positions, and which bytes of text each cluster of them shows.
GlyphRun glyph_run(PangoGlyphItem* run, const char* text, double x, double y) {
  GlyphRun out;
  std::vector<double> glyph_x(static_cast<std::size_t>(run->glyphs->num_glyphs));
  double advance = 0;
  for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
    glyph_x[static_cast<std::size_t>(i)] = advance;
    advance += static_cast<double>(run->glyphs->glyphs[i].geometry.width) / PANGO_SCALE;
  }
  PangoGlyphItemIter cluster;
  for (bool more = pango_glyph_item_iter_init_start(&cluster, run, text); more;
       more = pango_glyph_item_iter_next_cluster(&cluster)) {
    int shown = 0;
    for (int i = cluster.start_glyph; i < cluster.end_glyph; ++i) {
      const PangoGlyphInfo& info = run->glyphs->glyphs[i];
      if (info.glyph == PANGO_GLYPH_EMPTY || (info.glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0) continue;
      out.glyphs.push_back({info.glyph,
                            x + glyph_x[static_cast<std::size_t>(i)] +
                                static_cast<double>(info.geometry.x_offset) / PANGO_SCALE,
                            y + static_cast<double>(info.geometry.y_offset) / PANGO_SCALE});
      ++shown;
    }
    const int bytes = cluster.end_index - cluster.start_index;
    if (shown > 0 || bytes > 0) out.clusters.push_back({bytes, shown});
  }
  return out;
}

double show_run(cairo_t* cr, PangoGlyphItem* run, const char* text, double x, double y) {
  cairo_scaled_font_t* pango_font =
      pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
  const double width = static_cast<double>(pango_glyph_string_get_width(run->glyphs)) / PANGO_SCALE;
  if (pango_font == nullptr) return width;  // no font at all: Pango would draw nothing either
  cairo_matrix_t font_matrix;
  cairo_scaled_font_get_font_matrix(pango_font, &font_matrix);
  cairo_set_font_face(cr, outline_face(cairo_scaled_font_get_font_face(pango_font)));
  cairo_set_font_matrix(cr, &font_matrix);
  set_unhinted(cr);
  const GlyphRun glyphs = glyph_run(run, text, x, y);
  if (!glyphs.glyphs.empty())
    cairo_show_text_glyphs(cr, text + run->item->offset, run->item->length, glyphs.glyphs.data(),
                           static_cast<int>(glyphs.glyphs.size()), glyphs.clusters.data(),
                           static_cast<int>(glyphs.clusters.size()),
                           static_cast<cairo_text_cluster_flags_t>(0));
  return width;
}

}  // namespace

void show_line_outlined(cairo_t* cr, PangoLayoutLine* line) {
  double x = 0;
  double y = 0;
  cairo_get_current_point(cr, &x, &y);
  const char* text = pango_layout_get_text(line->layout);
  cairo_save(cr);
  for (GSList* item = line->runs; item != nullptr; item = item->next)
    x += show_run(cr, static_cast<PangoGlyphItem*>(item->data), text, x, y);
  cairo_restore(cr);
}

void show_layout_outlined(cairo_t* cr, PangoLayout* layout) {
  double x = 0;
  double y = 0;
  cairo_get_current_point(cr, &x, &y);
  PangoLayoutIter* line = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(line, nullptr, &logical);
    cairo_move_to(cr, x + static_cast<double>(logical.x) / PANGO_SCALE,
                  y + static_cast<double>(pango_layout_iter_get_baseline(line)) / PANGO_SCALE);
    show_line_outlined(cr, pango_layout_iter_get_line_readonly(line));
  } while (pango_layout_iter_next_line(line));
  pango_layout_iter_free(line);
}

}  // namespace iifund::report
