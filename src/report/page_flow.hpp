#pragma once
// The running layout: a cursor moving down the content area of the current page, starting a new
// page when the next piece does not fit. Paragraphs break between lines, so a long 建设内容
// continues on the next page instead of overflowing.
#include <string_view>

#include "report/page_recorder.hpp"
#include "report/typesetter.hpp"

namespace iifund::report {

struct PageMargins {
  double top = 64;
  double bottom = 64;
  double left = 56;
  double right = 56;
};

class PageFlow {
 public:
  PageFlow(PageRecorder& pages, const Typesetter& type, PageMargins margins = {});

  cairo_t* cr() const { return cr_; }
  const Typesetter& type() const { return type_; }
  double left() const { return margins_.left; }
  double width() const { return kPageWidth - margins_.left - margins_.right; }
  double y() const { return y_; }
  double room() const { return kPageHeight - margins_.bottom - y_; }
  double usable_height() const { return kPageHeight - margins_.top - margins_.bottom; }

  void new_page();
  // Starts a new page unless `height` points still fit on this one.
  void ensure_room(double height);
  void advance(double height) { y_ += height; }

  // Wrapped text across the full width (less `indent`), breaking pages between lines.
  void paragraph(std::string_view text, const TextStyle& style, double indent = 0, double leading = 3);

 private:
  PageRecorder& pages_;
  const Typesetter& type_;
  PageMargins margins_;
  cairo_t* cr_ = nullptr;
  double y_ = 0;
};

}  // namespace iifund::report
