#pragma once
// The document's QR code: libqrencode makes the modules, cairo draws them as rectangles, so the
// code stays vector and prints sharp at any size.
#include <cairo.h>

#include <string>
#include <vector>

namespace iifund::report {

struct QrSymbol {
  int width = 0;                    // modules per side
  std::vector<unsigned char> dark;  // width × width, row by row; 1 = dark
  bool is_dark(int x, int y) const {
    return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                static_cast<std::size_t>(x)] != 0;
  }
};

// Byte mode, error correction level M. Throws std::runtime_error if libqrencode refuses.
QrSymbol encode_qr(const std::string& text);

// Draws the symbol with its four-module quiet zone as a white square of side `size` at (x, y).
void draw_qr(cairo_t* cr, const QrSymbol& symbol, double x, double y, double size);

}  // namespace iifund::report
