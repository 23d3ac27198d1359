#include "report/page_flow.hpp"

#include "report/outline_text.hpp"

namespace iifund::report {

PageFlow::PageFlow(PageRecorder& pages, const Typesetter& type, PageMargins margins)
    : pages_(pages), type_(type), margins_(margins) {
  new_page();
}

void PageFlow::new_page() {
  cr_ = pages_.new_page();
  y_ = margins_.top;
}

void PageFlow::ensure_room(double height) {
  if (height > room() && y_ > margins_.top) new_page();
}

void PageFlow::paragraph(std::string_view text, const TextStyle& style, double indent, double leading) {
  LayoutPtr layout = type_.layout(text, style, width() - indent);
  PangoLayoutIter* line = pango_layout_get_iter(layout.get());
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(line, nullptr, &logical);
    const double height = static_cast<double>(logical.height) / PANGO_SCALE;
    const double baseline =
        static_cast<double>(pango_layout_iter_get_baseline(line) - logical.y) / PANGO_SCALE;
    ensure_room(height);
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, style.gray, style.gray, style.gray);
    cairo_move_to(cr_, left() + indent + static_cast<double>(logical.x) / PANGO_SCALE, y_ + baseline);
    show_line_outlined(cr_, pango_layout_iter_get_line_readonly(line));
    cairo_restore(cr_);
    y_ += height + leading;
  } while (pango_layout_iter_next_line(line));
  pango_layout_iter_free(line);
}

}  // namespace iifund::report
