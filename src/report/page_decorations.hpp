#pragma once
// What every page carries, drawn when the page count is known: the running head from page 2 on,
// "第 N 页 共 M 页" at the foot, and the diagonal draft watermark until the form is finalized.
#include <cairo.h>

#include "report/application_document.hpp"
#include "report/typesetter.hpp"

namespace iifund::report {

void draw_page_decorations(cairo_t* cr, const Typesetter& type, const ApplicationDocument& document, int page,
                           int page_count);

}  // namespace iifund::report
