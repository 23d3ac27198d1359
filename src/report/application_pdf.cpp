// render_application_pdf: lays the sections out in order onto recorded pages, then writes the PDF
// with the page numbers and watermark that need the final page count.
#include "report/application_document.hpp"
#include "report/document_sections.hpp"
#include "report/page_decorations.hpp"

namespace iifund::report {

RenderedPdf render_application(const ApplicationDocument& document) {
  const Typesetter type;
  PageRecorder pages;
  PageFlow flow(pages, type);
  DocumentContext context{document, labels_for(document.language), flow};
  draw_cover(context);
  draw_enterprise(context);
  draw_project(context);
  draw_targets(context);
  draw_cluster(context);
  draw_training(context);
  draw_investment(context);
  draw_subsidy(context);
  draw_declarations(context);
  draw_materials(context);
  draw_seal_area(context);
  const int page_count = pages.page_count();
  std::string bytes = pages.write_pdf(document_title(document), [&](cairo_t* cr, int page, int count) {
    draw_page_decorations(cr, type, document, page, count);
  });
  return {std::move(bytes), page_count};
}

std::string render_application_pdf(const ApplicationDocument& document) {
  return render_application(document).bytes;
}

}  // namespace iifund::report
