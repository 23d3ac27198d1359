#pragma once
// The Content-Disposition of a downloaded file.
#include <string>

namespace iifund::http {

// attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded (RFC 6266): every
// browser saves the real (Chinese) name, an old one the fallback; nothing in the name can end the
// header.
std::string attachment_disposition(const std::string& file_name);

}  // namespace iifund::http
