#pragma once
// Pages are first recorded, then played into the PDF: only when the last page is laid out is the
// page count known, and every page's "第 N 页 共 M 页" and watermark are drawn at playback.
#include <cairo.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace iifund::report {

// A4 portrait in PostScript points.
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.890;

struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};

// Draws on a page at playback; pages count from 1.
using PageDecoration = std::function<void(cairo_t* cr, int page, int page_count)>;

class PageRecorder {
 public:
  // Starts a new page and returns its context, valid until the next call or write_pdf.
  cairo_t* new_page();
  int page_count() const { return static_cast<int>(pages_.size()); }

  // Plays every recorded page into one PDF and returns its bytes; `decorate` draws over each
  // page. Throws std::runtime_error when cairo reports an error.
  std::string write_pdf(const std::string& title, const PageDecoration& decorate);

 private:
  struct Page {
    std::unique_ptr<cairo_surface_t, CairoDestroy> surface;
    std::unique_ptr<cairo_t, CairoDestroy> cr;
  };
  std::vector<Page> pages_;
};

}  // namespace iifund::report
