// STUB: the uploads helper replaces this file.
#include "http/handlers.hpp"
#include "http/problem_response.hpp"

namespace iifund::http {

namespace {
HttpResponse not_built_yet(const HttpRequest& request) {
  return problem_response(domain::make_problem("not_implemented", 501), request);
}
}  // namespace

HttpResponse post_application_uploads(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse get_upload(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse put_upload_chunk(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse post_upload_complete(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse get_upload_content(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse delete_upload(ServerContext&, HttpRequest& request) { return not_built_yet(request); }

}  // namespace iifund::http
