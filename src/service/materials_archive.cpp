#include "service/materials_archive.hpp"

#include <zip.h>

#include <cstdio>
#include <memory>
#include <set>

#include "store/application_store.hpp"
#include "store/upload_store.hpp"

namespace iifund::service {

namespace {

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;

domain::Problem archive_problem(const char* step) {
  return domain::make_problem("archive_failed", 500, {{"step", step}});
}

// A path segment without separators or leading dots, never empty.
std::string segment(std::string text) {
  for (char& c : text) {
    if (c == '/' || c == '\\' || c == ':') c = '_';
  }
  while (!text.empty() && (text.front() == '.' || text.front() == ' ')) text.erase(0, 1);
  return text.empty() ? "file" : text;
}

std::string material_name(const ApplicationView& view, const std::string& material_id, bool zh) {
  const auto pick = [zh](const domain::LocalizedName& name) { return zh ? name.zh : name.en; };
  for (const auto& material : view.category->materials) {
    if (material.id == material_id) return pick(material.name);
  }
  const std::string prefix = "declaration:";
  if (material_id.rfind(prefix, 0) == 0) {
    for (const auto& declaration : view.batch.policy->declarations) {
      if (declaration.id == material_id.substr(prefix.size())) return pick(declaration.name);
    }
  }
  return material_id;
}

std::string assemble(soci::session& sql, const store::UploadRecord& upload) {
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(upload.size_bytes));
  const long long chunks =
      upload.chunk_bytes > 0 ? (upload.size_bytes + upload.chunk_bytes - 1) / upload.chunk_bytes : 0;
  for (int index = 0; index < chunks; ++index) {
    if (auto chunk = store::read_chunk(sql, upload.id, index)) bytes += *chunk;
  }
  return bytes;
}

// "a/b.pdf" taken: "a/b (2).pdf".
std::string unique_path(const std::string& path, std::set<std::string>& taken) {
  if (taken.insert(path).second) return path;
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  const bool has_extension = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
  const std::string stem = has_extension ? path.substr(0, dot) : path;
  const std::string extension = has_extension ? path.substr(dot) : "";
  for (int n = 2;; ++n) {
    std::string candidate = stem;
    candidate += " (";
    candidate += std::to_string(n);
    candidate += ")";
    candidate += extension;
    if (taken.insert(candidate).second) return candidate;
  }
}

}  // namespace

domain::Result<MaterialsArchive> collect_materials(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long application_id, bool zh) {
  auto view = view_application(db, clock, caller, application_id);
  if (!view) return view.take_problem();
  MaterialsArchive archive{std::move(view.value()), {}};
  domain::Status read = db.read([&](soci::session& sql) -> domain::Status {
    auto snapshot = store::latest_application_snapshot(sql, application_id);
    if (!snapshot) return domain::make_problem("not_submitted", 404);
    auto listed = nlohmann::json::parse(snapshot->materials_json, nullptr, false);
    if (!listed.is_array()) return domain::Ok{};
    for (const auto& item : listed) {
      if (!item.is_object() || !item.contains("upload_id") || !item["upload_id"].is_number_integer())
        continue;
      auto upload = store::find_upload(sql, item["upload_id"].get<long long>());
      if (!upload || upload->state != "complete" || upload->application_id != application_id) continue;
      archive.files.push_back(
          {segment(material_name(archive.view, upload->material_id, zh)) + "/" + segment(upload->file_name),
           assemble(sql, *upload)});
    }
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return archive;
}

domain::Result<std::string> zip_archive(const std::vector<ArchiveFile>& files) {
  zip_error_t error;
  zip_error_init(&error);
  SourcePtr buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) return archive_problem("buffer");
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (archive == nullptr) return archive_problem("open");
  zip_source_keep(buffer.get());  // the archive releases its reference on close; the bytes stay here
  std::set<std::string> taken;
  for (const auto& file : files) {
    zip_source_t* source = zip_source_buffer(archive, file.bytes.data(), file.bytes.size(), 0);
    const std::string path = unique_path(file.path, taken);
    const zip_int64_t index =
        source == nullptr ? -1
                          : zip_file_add(archive, path.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      if (source != nullptr) zip_source_free(source);
      zip_discard(archive);
      return archive_problem("add");
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    return archive_problem("close");
  }
  if (zip_source_open(buffer.get()) != 0) return archive_problem("read");
  zip_source_seek(buffer.get(), 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer.get());
  zip_source_seek(buffer.get(), 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size < 0 ? 0 : size), '\0');
  const zip_int64_t got = zip_source_read(buffer.get(), bytes.data(), bytes.size());
  zip_source_close(buffer.get());
  if (got != size) return archive_problem("read");
  return bytes;
}

}  // namespace iifund::service
