// STUB: the lead replaces this file.
#include "http/handlers.hpp"
#include "http/problem_response.hpp"

namespace iifund::http {

namespace {
HttpResponse not_built_yet(const HttpRequest& request) {
  return problem_response(domain::make_problem("not_implemented", 501), request);
}
}  // namespace

HttpResponse get_applications(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse post_applications(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse get_application(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse put_application(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse post_application_finalize(ServerContext&, HttpRequest& request) {
  return not_built_yet(request);
}
HttpResponse post_application_submit(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse post_application_withdraw(ServerContext&, HttpRequest& request) {
  return not_built_yet(request);
}
HttpResponse get_application_snapshot(ServerContext&, HttpRequest& request) { return not_built_yet(request); }
HttpResponse get_application_history(ServerContext&, HttpRequest& request) { return not_built_yet(request); }

}  // namespace iifund::http
