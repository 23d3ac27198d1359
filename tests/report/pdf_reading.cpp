#include "pdf_reading.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace iifund::report::testing {

namespace {

std::string run(const std::string& command) {
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(command.c_str(), "r"), &pclose);
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buffer[4096];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  return out;
}

}  // namespace

std::string artifact_path(const std::string& name) {
  const std::filesystem::path directory = std::filesystem::path(IIFUND_BINARY_DIR) / "report-artifacts";
  std::filesystem::create_directories(directory);
  return (directory / name).string();
}

std::string pdf_text(const std::string& pdf, const std::string& path) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << pdf;
  return run("pdftotext -layout '" + path + "' - 2>&1");
}

long first_page_png(const std::string& path, const std::string& png_path) {
  const std::string stem = png_path.substr(0, png_path.size() - 4);  // pdftoppm adds ".png"
  std::filesystem::remove(png_path);
  run("pdftoppm -png -r 50 -f 1 -l 1 -singlefile '" + path + "' '" + stem + "' 2>&1");
  std::error_code error;
  const auto size = std::filesystem::file_size(png_path, error);
  return error ? 0 : static_cast<long>(size);
}

int count_of(const std::string& haystack, const std::string& needle) {
  int count = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++count;
  return count;
}

}  // namespace iifund::report::testing
