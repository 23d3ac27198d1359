#pragma once
// The 申报书 PDF of an application view as its reader sees it (a masked phone for readers who may
// not see it), for the document download and the materials ZIP. Defined in document_handlers.cpp.
#include <string>

#include "domain/policy.hpp"
#include "service/applications.hpp"
#include "service/caller.hpp"

namespace iifund::http {

std::string application_document_pdf(const service::ApplicationView& view, const service::Caller& caller,
                                     domain::Instant now, bool zh);

}  // namespace iifund::http
