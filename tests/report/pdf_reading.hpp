#pragma once
// Reads a rendered PDF the way a person would see it: poppler's pdftotext for the words,
// pdftoppm for the first page as a picture.
#include <string>

namespace iifund::report::testing {

// Writes `pdf` to `path` and returns `pdftotext -layout` of it.
std::string pdf_text(const std::string& pdf, const std::string& path);
// Renders page 1 of the PDF at `path` to `png_path` (50 dpi); returns the PNG's size in bytes, 0 if none.
long first_page_png(const std::string& path, const std::string& png_path);
// Counts the occurrences of `needle` in `haystack`.
int count_of(const std::string& haystack, const std::string& needle);
// A path under the build directory, where the lead can open what the tests rendered.
std::string artifact_path(const std::string& name);

}  // namespace iifund::report::testing
