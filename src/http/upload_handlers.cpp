// 申报材料上传: start or resume, chunks as raw bytes, complete, status, download, remove.
#include "http/attachment.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "service/uploads.hpp"

namespace iifund::http {

namespace {

nlohmann::json upload_json(const service::UploadProgress& progress) {
  const auto& upload = progress.upload;
  return {{"upload_id", upload.id},
          {"material_id", upload.material_id},
          {"file_name", upload.file_name},
          {"size_bytes", upload.size_bytes},
          {"sha256", upload.sha256},
          {"state", upload.state},
          {"chunk_bytes", upload.chunk_bytes},
          {"chunk_count", progress.chunk_count},
          {"received", progress.received}};
}

// The entry GET /api/applications/:id lists under materials[].files.
nlohmann::json file_json(const store::UploadRecord& upload) {
  return {{"upload_id", upload.id},
          {"material_id", upload.material_id},
          {"file_name", upload.file_name},
          {"size_bytes", upload.size_bytes},
          {"content_type", upload.content_type ? nlohmann::json(*upload.content_type) : nlohmann::json()},
          {"sha256", upload.sha256},
          {"state", upload.state},
          {"completed_at", upload.completed_at ? nlohmann::json(*upload.completed_at) : nlohmann::json()}};
}

// JSON integers only: "1.5" or "12" (a string) are not sizes.
std::optional<long long> size_field(const HttpRequest& request) {
  if (!request.json.is_object()) return std::nullopt;
  auto found = request.json.find("size_bytes");
  if (found == request.json.end() || !found->is_number_integer()) return std::nullopt;
  return found->get<long long>();
}

// ":index" of a chunk: digits only (0 included), else the path names nothing.
std::optional<long long> chunk_index(const HttpRequest& request) {
  auto found = request.path_params.find("index");
  if (found == request.path_params.end() || found->second.empty() || found->second.size() > 9 ||
      found->second.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(found->second);
}

}  // namespace

HttpResponse post_application_uploads(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  service::UploadStart start{text_field(request, "material_id"), text_field(request, "file_name"),
                             size_field(request), text_field(request, "sha256")};
  auto started = service::start_upload(context.database, *context.clock, request.caller, *id, start);
  if (!started) return problem_response(started.problem(), request);
  return json_response(started->resumed ? 200 : 201, upload_json(started.value()).dump());
}

HttpResponse get_upload(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto viewed = service::view_upload(context.database, request.caller, *id);
  if (!viewed) return problem_response(viewed.problem(), request);
  auto body = upload_json(viewed.value());
  body["content_type"] = file_json(viewed->upload)["content_type"];
  body["completed_at"] = file_json(viewed->upload)["completed_at"];
  return json_response(200, body.dump());
}

HttpResponse put_upload_chunk(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  auto index = chunk_index(request);
  if (!id || !index) return not_found(request);
  const std::string* declared = request.header("x-chunk-sha256");
  auto stored = service::put_upload_chunk(context.database, request.caller, *id, *index, request.body,
                                          declared ? *declared : "");
  if (!stored) return problem_response(stored.problem(), request);
  return json_response(200, upload_json(stored.value()).dump());
}

HttpResponse post_upload_complete(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto completed = service::complete_upload(context.database, *context.clock, request.caller, *id);
  if (!completed) return problem_response(completed.problem(), request);
  return json_response(200, file_json(completed.value()).dump());
}

HttpResponse get_upload_content(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto content = service::read_upload_content(context.database, request.caller, *id);
  if (!content) return problem_response(content.problem(), request);
  // Cache-Control: no-store and X-Content-Type-Options: nosniff come with every API answer.
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", content->upload.content_type.value_or("application/octet-stream"));
  response.set_header("Content-Disposition", attachment_disposition(content->upload.file_name));
  response.body = std::move(content->bytes);
  return response;
}

HttpResponse delete_upload(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto removed = service::remove_upload(context.database, *context.clock, request.caller, *id);
  if (!removed) return problem_response(removed.problem(), request);
  HttpResponse response;
  response.status = 204;
  return response;
}

}  // namespace iifund::http
