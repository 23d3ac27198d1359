#include "report/qr_code.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace iifund::report {

namespace {
constexpr int kQuietModules = 4;
}

QrSymbol encode_qr(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M),
                                                       &QRcode_free);
  if (!code) throw std::runtime_error("libqrencode could not encode the document's QR code");
  QrSymbol symbol;
  symbol.width = code->width;
  const auto modules = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
  symbol.dark.reserve(modules);
  // libqrencode's bit 0 of each byte is the module's colour; the other bits describe its role.
  for (std::size_t i = 0; i < modules; ++i) symbol.dark.push_back(code->data[i] & 1U);
  return symbol;
}

void draw_qr(cairo_t* cr, const QrSymbol& symbol, double x, double y, double size) {
  const double module = size / (symbol.width + 2 * kQuietModules);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  // One rectangle per horizontal run of dark modules: fewer seams and a smaller PDF.
  for (int row = 0; row < symbol.width; ++row) {
    for (int col = 0; col < symbol.width;) {
      if (!symbol.is_dark(col, row)) {
        ++col;
        continue;
      }
      const int start = col;
      while (col < symbol.width && symbol.is_dark(col, row)) ++col;
      cairo_rectangle(cr, x + (start + kQuietModules) * module, y + (row + kQuietModules) * module,
                      (col - start) * module, module);
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace iifund::report
