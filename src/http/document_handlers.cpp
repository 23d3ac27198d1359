// STUB: replaced when the PDF renderer is wired in.
#include "http/handlers.hpp"
#include "http/problem_response.hpp"

namespace iifund::http {

namespace {
HttpResponse not_built_yet(const HttpRequest& request) {
  return problem_response(domain::make_problem("not_implemented", 501), request);
}
}  // namespace

HttpResponse get_application_document(ServerContext&, HttpRequest& request) { return not_built_yet(request); }

}  // namespace iifund::http
