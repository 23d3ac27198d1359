#pragma once
// 材料文件类型: what an uploaded file really is, read from its bytes. The name's extension decides
// nothing (a browser or a user can call anything "盖章件.pdf"); a file is accepted as one of the four
// kinds the fund takes — PDF, JPEG, PNG, OFD (the national electronic document format, a ZIP
// holding OFD.xml) — or refused with what it claimed to be and what it was found to be.
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace iifund::domain {

struct FileSignature {
  std::string kind;          // "pdf", "jpeg", "png", "ofd"
  std::string content_type;  // "application/pdf", "image/jpeg", "image/png", "application/ofd"
};

// What the extension of `file_name` claims ("pdf", "jpeg", "png", "ofd", or the bare extension,
// lower-cased; "none" without one).
std::string claimed_kind(std::string_view file_name);

// What the bytes look like when they are none of the accepted kinds: "empty", "pdf_truncated"
// (a PDF header without %%EOF near the end), "zip" (a ZIP without OFD.xml), "text", "gif",
// "unknown".
std::string found_kind(std::string_view bytes);

// The accepted kind of `bytes`, or 422 content_type_refused with facts {claimed, found} and one
// field error on "file".
Result<FileSignature> sniff_file_signature(std::string_view bytes, std::string_view file_name);

}  // namespace iifund::domain
