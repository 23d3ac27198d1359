#include "report/page_recorder.hpp"

#include <cairo-pdf.h>

#include <stdexcept>

namespace iifund::report {

namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void throw_if_failed(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
}

}  // namespace

cairo_t* PageRecorder::new_page() {
  const cairo_rectangle_t extents{0, 0, kPageWidth, kPageHeight};
  Page page;
  page.surface.reset(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents));
  page.cr.reset(cairo_create(page.surface.get()));
  pages_.push_back(std::move(page));
  return pages_.back().cr.get();
}

std::string PageRecorder::write_pdf(const std::string& title, const PageDecoration& decorate) {
  std::string bytes;
  std::unique_ptr<cairo_surface_t, CairoDestroy> pdf(
      cairo_pdf_surface_create_for_stream(append_to_string, &bytes, kPageWidth, kPageHeight));
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "iifund");
#else
  (void)title;
#endif
  std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(pdf.get()));
  const int count = page_count();
  for (int i = 0; i < count; ++i) {
    Page& page = pages_[static_cast<std::size_t>(i)];
    throw_if_failed(cairo_status(page.cr.get()));
    page.cr.reset();  // finishes the recording
    cairo_set_source_surface(cr.get(), page.surface.get(), 0, 0);
    cairo_paint(cr.get());
    decorate(cr.get(), i + 1, count);
    cairo_show_page(cr.get());
  }
  throw_if_failed(cairo_status(cr.get()));
  cr.reset();
  cairo_surface_finish(pdf.get());
  throw_if_failed(cairo_surface_status(pdf.get()));
  return bytes;
}

}  // namespace iifund::report
