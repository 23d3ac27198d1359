// The QR code on the first page: what it carries, and that the drawing is the symbol module for
// module (a scanner reads the drawing, not libqrencode's matrix).
#include "report/qr_code.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>

#include "document_fixtures.hpp"
#include "report/document_sections.hpp"

namespace iifund::report {

namespace {

constexpr int kPixelsPerModule = 4;
constexpr int kQuietModules = 4;

struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};

bool pixel_is_dark(cairo_surface_t* surface, int x, int y) {
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const auto pixel = *reinterpret_cast<const std::uint32_t*>(data + y * stride + x * 4);
  return (pixel & 0xFF) < 128;  // blue channel of opaque RGB24
}

}  // namespace

TEST(QrCode, CarriesApplicationNumberAndFinalizedHash) {
  const auto document = testing::finalized(testing::benchmark_document());
  EXPECT_EQ(qr_payload(document),
            std::string("IIFUND|") + testing::kApplicationNumber + "|" + testing::kHash);
  EXPECT_EQ(qr_payload(testing::benchmark_document()),
            std::string("IIFUND|") + testing::kApplicationNumber + "|");
}

TEST(QrCode, DrawingMatchesTheSymbolModuleForModule) {
  const QrSymbol symbol = encode_qr(qr_payload(testing::finalized(testing::benchmark_document())));
  ASSERT_GE(symbol.width, 21);
  const int side = (symbol.width + 2 * kQuietModules) * kPixelsPerModule;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side));
  cairo_t* cr = cairo_create(surface.get());
  draw_qr(cr, symbol, 0, 0, side);
  cairo_destroy(cr);
  cairo_surface_flush(surface.get());
  int mismatches = 0;
  for (int row = -kQuietModules; row < symbol.width + kQuietModules; ++row)
    for (int col = -kQuietModules; col < symbol.width + kQuietModules; ++col) {
      const bool expected =
          row >= 0 && col >= 0 && row < symbol.width && col < symbol.width && symbol.is_dark(col, row);
      const int x = (col + kQuietModules) * kPixelsPerModule + kPixelsPerModule / 2;
      const int y = (row + kQuietModules) * kPixelsPerModule + kPixelsPerModule / 2;
      if (pixel_is_dark(surface.get(), x, y) != expected) ++mismatches;
    }
  EXPECT_EQ(mismatches, 0);
}

}  // namespace iifund::report
