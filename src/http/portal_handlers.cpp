// 门户: the public pages anybody reads without signing in, and the organizer's maintenance of them.
#include <sodium.h>

#include <cctype>

#include "http/attachment.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "service/portal.hpp"

namespace iifund::http {

namespace {

nlohmann::json optional_json(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

// What the public list shows of a page.
nlohmann::json page_listing_json(const store::PortalPageRecord& page) {
  return {{"slug", page.slug},
          {"kind", page.kind},
          {"title_zh", page.title_zh},
          {"title_en", page.title_en},
          {"has_file", page.file_name.has_value()},
          {"file_name", optional_json(page.file_name)},
          {"updated_at", page.updated_at}};
}

nlohmann::json public_page_json(const store::PortalPageRecord& page) {
  auto body = page_listing_json(page);
  body["body_zh"] = page.body_zh;
  body["body_en"] = page.body_en;
  body["file_type"] = optional_json(page.file_type);
  body["file_size"] = page.file_size;
  return body;
}

// The organizer's view: everything but the file's bytes.
nlohmann::json portal_page_json(const store::PortalPageRecord& page, bool with_bodies) {
  nlohmann::json body = {{"id", page.id},
                         {"kind", page.kind},
                         {"slug", page.slug},
                         {"title_zh", page.title_zh},
                         {"title_en", page.title_en},
                         {"published", page.published},
                         {"sort_order", page.sort_order},
                         {"version", page.version},
                         {"has_file", page.file_name.has_value()},
                         {"file_name", optional_json(page.file_name)},
                         {"file_type", optional_json(page.file_type)},
                         {"file_size", page.file_size},
                         {"updated_by", page.updated_by},
                         {"updated_at", page.updated_at}};
  if (with_bodies) {
    body["body_zh"] = page.body_zh;
    body["body_en"] = page.body_en;
  }
  return body;
}

HttpResponse page_response(int status, const domain::Result<store::PortalPageRecord>& page,
                           const HttpRequest& request) {
  if (!page) return problem_response(page.problem(), request);
  return json_response(status, portal_page_json(page.value(), true).dump());
}

HttpResponse validation_response(std::vector<domain::FieldError> errors, const HttpRequest& request) {
  return problem_response(validation_problem(std::move(errors)), request);
}

// The page's fields from the body: absent stays absent, a value of the wrong type is an error.
service::PortalPageInput page_input(const HttpRequest& request, std::vector<domain::FieldError>& errors) {
  service::PortalPageInput input;
  if (!request.json.is_object()) return input;
  const auto& json = request.json;
  auto text = [&](const char* name, std::optional<std::string>& into) {
    auto found = json.find(name);
    if (found == json.end() || found->is_null()) return;
    if (found->is_string()) {
      into = found->get<std::string>();
    } else {
      errors.push_back({name, "wrong_type", {{"expected", "string"}}});
    }
  };
  text("kind", input.kind);
  text("slug", input.slug);
  text("title_zh", input.title_zh);
  text("title_en", input.title_en);
  text("body_zh", input.body_zh);
  text("body_en", input.body_en);
  if (auto found = json.find("published"); found != json.end() && !found->is_null()) {
    if (found->is_boolean()) {
      input.published = found->get<bool>();
    } else {
      errors.push_back({"published", "wrong_type", {{"expected", "boolean"}}});
    }
  }
  if (auto found = json.find("sort_order"); found != json.end() && !found->is_null()) {
    if (found->is_number_integer()) {
      input.sort_order = found->get<long long>();
    } else {
      errors.push_back({"sort_order", "wrong_type", {{"expected", "integer"}}});
    }
  }
  return input;
}

// The version a change starts from: a required whole number.
std::optional<int> version_of(const HttpRequest& request) {
  if (!request.json.is_object()) return std::nullopt;
  auto found = request.json.find("version");
  if (found == request.json.end() || !found->is_number_integer()) return std::nullopt;
  auto version = found->get<long long>();
  if (version < 1 || version > 1'000'000'000) return std::nullopt;
  return static_cast<int>(version);
}

std::optional<std::string> decode_base64(const std::string& text) {
  std::string bytes(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), " \r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

std::string slug_param(const HttpRequest& request) {
  auto found = request.path_params.find("slug");
  return found == request.path_params.end() ? "" : found->second;
}

}  // namespace

HttpResponse get_public_pages(ServerContext& context, HttpRequest& request) {
  std::optional<std::string> kind;
  if (auto found = request.query.find("kind"); found != request.query.end() && !found->second.empty())
    kind = found->second;
  auto pages = service::list_public_pages(context.database, kind);
  if (!pages) return problem_response(pages.problem(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& page : pages.value()) list.push_back(page_listing_json(page));
  return json_response(200, nlohmann::json{{"pages", list}}.dump());
}

HttpResponse get_public_page(ServerContext& context, HttpRequest& request) {
  auto page = service::view_public_page(context.database, slug_param(request));
  if (!page) return problem_response(page.problem(), request);
  return json_response(200, public_page_json(page.value()).dump());
}

HttpResponse get_public_page_file(ServerContext& context, HttpRequest& request) {
  auto content = service::read_public_page_file(context.database, slug_param(request));
  if (!content) return problem_response(content.problem(), request);
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", content->page.file_type.value_or("application/octet-stream"));
  response.set_header("Content-Disposition",
                      attachment_disposition(content->page.file_name.value_or("file")));
  response.body = std::move(content->bytes);
  return response;
}

HttpResponse get_portal_pages(ServerContext& context, HttpRequest& request) {
  auto pages = service::list_portal_pages(context.database, request.caller);
  if (!pages) return problem_response(pages.problem(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& page : pages.value()) list.push_back(portal_page_json(page, false));
  return json_response(200, nlohmann::json{{"pages", list}}.dump());
}

HttpResponse post_portal_pages(ServerContext& context, HttpRequest& request) {
  std::vector<domain::FieldError> errors;
  auto input = page_input(request, errors);
  if (!errors.empty()) return validation_response(std::move(errors), request);
  return page_response(
      201, service::create_portal_page(context.database, *context.clock, request.caller, input), request);
}

HttpResponse put_portal_page(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  std::vector<domain::FieldError> errors;
  auto input = page_input(request, errors);
  auto version = version_of(request);
  if (!version) errors.push_back({"version", "required", {}});
  if (!errors.empty()) return validation_response(std::move(errors), request);
  return page_response(
      200,
      service::update_portal_page(context.database, *context.clock, request.caller, *id, *version, input),
      request);
}

HttpResponse put_portal_page_file(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  std::vector<domain::FieldError> errors;
  auto version = version_of(request);
  if (!version) errors.push_back({"version", "required", {}});
  auto encoded = optional_text_field(request, "content_base64");
  std::optional<std::string> bytes;
  if (!encoded || encoded->empty()) {
    errors.push_back({"content_base64", "required", {}});
  } else if (bytes = decode_base64(*encoded); !bytes) {
    errors.push_back({"content_base64", "base64_invalid", {}});
  }
  if (!errors.empty()) return validation_response(std::move(errors), request);
  return page_response(200,
                       service::attach_portal_file(context.database, *context.clock, request.caller, *id,
                                                   *version, text_field(request, "file_name"), *bytes),
                       request);
}

HttpResponse delete_portal_page(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto removed = service::delete_portal_page(context.database, *context.clock, request.caller, *id);
  if (!removed) return problem_response(removed.problem(), request);
  HttpResponse response;
  response.status = 204;
  return response;
}

}  // namespace iifund::http
