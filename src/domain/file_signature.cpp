#include "domain/file_signature.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>

namespace iifund::domain {

namespace {

bool starts_with_bytes(std::string_view bytes, std::string_view prefix) {
  return bytes.size() >= prefix.size() && bytes.substr(0, prefix.size()) == prefix;
}

// Readers may skip a little junk before the header, and a trailer may follow %%EOF (a newline,
// an incremental update's padding), so both are looked for within 1 KiB of their end.
constexpr std::size_t kPdfSlack = 1024;

bool has_pdf_header(std::string_view bytes) {
  return bytes.substr(0, kPdfSlack).find("%PDF-") != std::string_view::npos;
}

bool has_pdf_trailer(std::string_view bytes) {
  auto tail = bytes.size() > kPdfSlack ? bytes.substr(bytes.size() - kPdfSlack) : bytes;
  return tail.find("%%EOF") != std::string_view::npos;
}

bool is_jpeg(std::string_view bytes) { return starts_with_bytes(bytes, std::string_view("\xFF\xD8\xFF", 3)); }

bool is_png(std::string_view bytes) {
  return starts_with_bytes(bytes, std::string_view("\x89PNG\r\n\x1A\n", 8));
}

bool is_zip(std::string_view bytes) { return starts_with_bytes(bytes, std::string_view("PK\x03\x04", 4)); }

std::uint32_t little_endian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < width; ++i)
    value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return value;
}

// The end-of-central-directory record sits in the last 22 bytes plus a comment of ≤ 65535.
std::optional<std::size_t> find_end_of_central_directory(std::string_view bytes) {
  constexpr std::size_t kRecord = 22;
  if (bytes.size() < kRecord) return std::nullopt;
  std::size_t lowest = bytes.size() > kRecord + 65535 ? bytes.size() - kRecord - 65535 : 0;
  for (std::size_t at = bytes.size() - kRecord + 1; at-- > lowest;) {
    if (bytes.substr(at, 4) == std::string_view("PK\x05\x06", 4)) return at;
  }
  return std::nullopt;
}

// An OFD package names its entry document OFD.xml at the root (GB/T 33190-2016 §7.2).
bool zip_lists_ofd_xml(std::string_view bytes) {
  auto end = find_end_of_central_directory(bytes);
  if (!end) return false;
  std::size_t entries = little_endian(bytes, *end + 10, 2);
  std::size_t at = little_endian(bytes, *end + 16, 4);
  for (std::size_t entry = 0; entry < entries; ++entry) {
    if (at + 46 > bytes.size() || bytes.substr(at, 4) != std::string_view("PK\x01\x02", 4)) return false;
    std::size_t name_length = little_endian(bytes, at + 28, 2);
    std::size_t extra_length = little_endian(bytes, at + 30, 2);
    std::size_t comment_length = little_endian(bytes, at + 32, 2);
    if (at + 46 + name_length > bytes.size()) return false;
    if (bytes.substr(at + 46, name_length) == "OFD.xml") return true;
    at += 46 + name_length + extra_length + comment_length;
  }
  return false;
}

// Printable ASCII, whitespace or UTF-8 lead/continuation bytes over the first 512 bytes.
bool looks_like_text(std::string_view bytes) {
  auto head = bytes.substr(0, 512);
  return std::all_of(head.begin(), head.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 || byte == '\n' || byte == '\r' || byte == '\t' || byte == '\f';
  });
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string claimed_kind(std::string_view file_name) {
  auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == file_name.size()) return "none";
  auto extension = lower(file_name.substr(dot + 1));
  if (extension == "jpg" || extension == "jpe") return "jpeg";
  return extension;
}

std::string found_kind(std::string_view bytes) {
  if (bytes.empty()) return "empty";
  if (has_pdf_header(bytes)) return has_pdf_trailer(bytes) ? "pdf" : "pdf_truncated";
  if (is_jpeg(bytes)) return "jpeg";
  if (is_png(bytes)) return "png";
  if (is_zip(bytes)) return zip_lists_ofd_xml(bytes) ? "ofd" : "zip";
  if (starts_with_bytes(bytes, "GIF87a") || starts_with_bytes(bytes, "GIF89a")) return "gif";
  if (looks_like_text(bytes)) return "text";
  return "unknown";
}

Result<FileSignature> sniff_file_signature(std::string_view bytes, std::string_view file_name) {
  static const std::array<FileSignature, 4> kAccepted = {
      {{"pdf", "application/pdf"}, {"jpeg", "image/jpeg"}, {"png", "image/png"}, {"ofd", "application/ofd"}}};
  auto found = found_kind(bytes);
  for (const auto& accepted : kAccepted) {
    if (accepted.kind == found) return accepted;
  }
  nlohmann::json facts = {{"claimed", claimed_kind(file_name)}, {"found", found}};
  Problem problem = make_problem("content_type_refused", 422, facts);
  problem.fields.push_back({"file", "content_type_refused", facts});
  return problem;
}

}  // namespace iifund::domain
