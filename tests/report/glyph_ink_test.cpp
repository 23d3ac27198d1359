// Every character must print. cairo 1.16 embeds some Noto CJK glyphs (如 among them) as outlines
// FreeType cannot read, and they print blank while pdftotext still finds them; so this test looks
// at the ink, not the text.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "pdf_reading.hpp"
#include "report/page_recorder.hpp"
#include "report/typesetter.hpp"

namespace iifund::report {

namespace {

// Dark pixels of page 1 rendered in gray at 72 dpi.
long dark_pixels(const std::string& pdf, const std::string& name) {
  const std::string pdf_path = testing::artifact_path(name + ".pdf");
  std::ofstream(pdf_path, std::ios::binary) << pdf;
  const std::string stem = testing::artifact_path(name);
  const std::string command = "pdftoppm -gray -r 72 -f 1 -l 1 -singlefile '" + pdf_path + "' '" + stem + "'";
  if (std::system(command.c_str()) != 0) return -1;
  std::ifstream in(stem + ".pgm", std::ios::binary);
  std::string magic;
  int width = 0;
  int height = 0;
  int max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  long dark = 0;
  for (long i = 0; i < static_cast<long>(width) * height; ++i)
    if (in.get() < 128) ++dark;
  return dark;
}

std::string page_with(const std::string& text) {
  const Typesetter type;
  PageRecorder pages;
  cairo_t* cr = pages.new_page();
  auto layout = type.layout(text, TextStyle{96}, 0);
  draw_layout(cr, layout.get(), 60, 100);
  return pages.write_pdf("glyphs", [](cairo_t*, int, int) {});
}

}  // namespace

TEST(GlyphInk, CharactersCairoWouldLoseStillPrint) {
  EXPECT_EQ(dark_pixels(page_with(" "), "ink-blank"), 0);
  for (const char* character : {"如", "好", "数", "申"})
    EXPECT_GT(dark_pixels(page_with(character), "ink-glyph"), 300) << character << " printed blank";
}

}  // namespace iifund::report
