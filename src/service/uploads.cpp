#include "service/uploads.hpp"

#include <algorithm>
#include <cctype>

#include "domain/file_signature.hpp"
#include "domain/policy.hpp"
#include "service/acceptance.hpp"
#include "service/application_scope.hpp"
#include "service/audit.hpp"
#include "service/batch_policies.hpp"
#include "service/field_rules.hpp"
#include "service/tokens.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

domain::Problem not_found() { return domain::make_problem("not_found", 404); }

// A refusal that names its field, so the form can show it beside the right control.
domain::Problem field_problem(const std::string& code, int status, const std::string& field,
                              const nlohmann::json& facts) {
  auto problem = domain::make_problem(code, status, facts);
  problem.fields.push_back({field, code, facts});
  return problem;
}

bool material_known(const domain::Policy& policy, int category, const std::string& material_id) {
  const std::string kDeclaration = "declaration:";
  auto named = [](const std::vector<domain::NamedItem>& items, const std::string& id) {
    return std::any_of(items.begin(), items.end(), [&](const auto& item) { return item.id == id; });
  };
  if (material_id.rfind(kDeclaration, 0) == 0)
    return named(policy.declarations, material_id.substr(kDeclaration.size()));
  const auto* rules = policy.find_category(category);
  return rules != nullptr && named(rules->materials, material_id);
}

bool is_sha256_hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c));
         });
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

int chunk_count_of(const store::UploadRecord& upload) {
  return static_cast<int>((upload.size_bytes + upload.chunk_bytes - 1) / upload.chunk_bytes);
}

nlohmann::json upload_summary(const store::UploadRecord& upload) {
  nlohmann::json summary = {{"application_id", upload.application_id.value_or(0)},
                            {"material_id", upload.material_id},
                            {"file_name", upload.file_name},
                            {"size_bytes", upload.size_bytes},
                            {"sha256", upload.sha256}};
  if (upload.content_type) summary["content_type"] = *upload.content_type;
  return summary;
}

bool own_upload(const Caller& caller, const store::UploadRecord& upload) {
  return caller.is("enterprise") && caller.enterprise_id && *caller.enterprise_id == upload.enterprise_id;
}

// The application a file of `material_id` may change: an editable one for application materials,
// an approved one whose acceptance is still a draft for acceptance evidence (验收佐证).
domain::Result<store::ApplicationRecord> load_target_application(soci::session& sql, const Caller& caller,
                                                                 long long application_id,
                                                                 const std::string& material_id) {
  if (material_id == kAcceptanceEvidenceMaterial)
    return load_acceptance_evidence_application(sql, caller, application_id);
  return load_editable_application(sql, caller, application_id);
}

// The upload for a change: the caller's enterprise's, not removed, on an application it may change.
domain::Result<store::UploadRecord> load_changeable_upload(soci::session& sql, const Caller& caller,
                                                           long long upload_id) {
  auto upload = store::find_upload(sql, upload_id);
  if (!upload || upload->state == "removed" || !own_upload(caller, *upload)) return not_found();
  if (upload->application_id) {
    auto application = load_target_application(sql, caller, *upload->application_id, upload->material_id);
    if (!application) return application.take_problem();
  }
  return std::move(*upload);
}

// The upload for reading: scoped like its application (an enterprise-level file: its own staff).
domain::Result<store::UploadRecord> load_readable_upload(soci::session& sql, const Caller& caller,
                                                         long long upload_id) {
  auto upload = store::find_upload(sql, upload_id);
  if (!upload || upload->state == "removed") return not_found();
  if (upload->application_id) {
    auto application = load_readable_application(sql, caller, *upload->application_id);
    if (!application) return application.take_problem();
  } else if (!own_upload(caller, *upload)) {
    return not_found();
  }
  return std::move(*upload);
}

FieldErrors check_start(const UploadStart& start, const std::string& cleaned_name, bool material_ok) {
  FieldErrors errors;
  if (start.material_id.empty()) {
    errors.push_back({"material_id", "required", {}});
  } else if (!material_ok) {
    errors.push_back({"material_id", "material_unknown", {{"material_id", start.material_id}}});
  }
  if (cleaned_name.empty()) errors.push_back({"file_name", "required", {}});
  if (!start.size_bytes) {
    errors.push_back({"size_bytes", "required", {}});
  } else if (*start.size_bytes <= 0) {
    errors.push_back({"size_bytes", "file_empty", {{"size_bytes", *start.size_bytes}}});
  }
  if (!is_sha256_hex(start.sha256)) errors.push_back({"sha256", "sha256_format", {}});
  return errors;
}

// Assembles the chunks in order (the caller checked they are all there).
std::string assemble(soci::session& sql, const store::UploadRecord& upload) {
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(upload.size_bytes));
  for (int index = 0; index < chunk_count_of(upload); ++index) {
    if (auto chunk = store::read_chunk(sql, upload.id, index)) bytes += *chunk;
  }
  return bytes;
}

// Decodes UTF-8, drops what is invalid, control (C0, DEL, C1) or a bidi/zero-width format
// character (a name like "invoice\u202Efdp.exe" reads backwards), trims spaces and leading dots,
// and keeps ≤ 120 code points, the extension preserved when shortening.
std::string clean_code_points(std::string_view name) {
  std::vector<std::string> points;
  for (std::size_t at = 0; at < name.size();) {
    auto lead = static_cast<unsigned char>(name[at]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    bool valid = length > 0 && at + length <= name.size();
    char32_t point = length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
    for (std::size_t i = 1; valid && i < length; ++i) {
      auto next = static_cast<unsigned char>(name[at + i]);
      valid = (next & 0xC0) == 0x80;
      point = (point << 6) | (next & 0x3F);
    }
    if (!valid) {
      ++at;
      continue;
    }
    bool control = point < 0x20 || (point >= 0x7F && point <= 0x9F);
    bool format = (point >= 0x200B && point <= 0x200F) || (point >= 0x202A && point <= 0x202E) ||
                  (point >= 0x2066 && point <= 0x2069) || point == 0xFEFF;
    bool overlong =
        (length == 2 && point < 0x80) || (length == 3 && point < 0x800) || (length == 4 && point < 0x10000);
    bool surrogate = point >= 0xD800 && point <= 0xDFFF;
    if (!control && !format && !overlong && !surrogate && point <= 0x10FFFF)
      points.emplace_back(name.substr(at, length));
    at += length;
  }
  while (!points.empty() && (points.front() == " " || points.front() == ".")) points.erase(points.begin());
  while (!points.empty() && points.back() == " ") points.pop_back();
  constexpr std::size_t kMaximum = 120;
  if (points.size() > kMaximum) {
    auto dot = std::find(points.rbegin(), points.rend(), ".");
    auto extension_length = static_cast<std::size_t>(dot - points.rbegin()) + 1;
    if (dot == points.rend() || extension_length > 16) extension_length = 0;
    const auto head = static_cast<std::ptrdiff_t>(kMaximum - extension_length);
    const auto tail = static_cast<std::ptrdiff_t>(extension_length);
    std::vector<std::string> kept(points.begin(), points.begin() + head);
    kept.insert(kept.end(), points.end() - tail, points.end());
    points = std::move(kept);
  }
  std::string cleaned;
  for (const auto& point : points) cleaned += point;
  return cleaned;
}

}  // namespace

std::string clean_file_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  return clean_code_points(name);
}

domain::Result<UploadProgress> start_upload(store::Database& db, const Clock& clock, const Caller& caller,
                                            long long application_id, const UploadStart& start,
                                            const UploadLimits& limits) {
  auto now = clock.now();
  UploadProgress progress;
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto application = load_target_application(sql, caller, application_id, start.material_id);
    if (!application) return application.take_problem();
    auto batch = load_batch_policy(sql, application->batch_id);
    if (!batch) return batch.take_problem();
    bool material_ok = start.material_id == kAcceptanceEvidenceMaterial ||
                       material_known(*batch->policy, application->category, start.material_id);
    std::string file_name = clean_file_name(start.file_name);
    if (auto errors = check_start(start, file_name, material_ok); !errors.empty())
      return validation_problem(std::move(errors));
    long long size = *start.size_bytes;
    if (size > limits.max_file_bytes) {
      return field_problem("file_too_large", 413, "size_bytes",
                           {{"size_bytes", size},
                            {"limit_bytes", limits.max_file_bytes},
                            {"limit_mib", limits.max_file_bytes / kUploadChunkBytes}});
    }
    std::string sha256 = lower(start.sha256);
    if (auto resumable = store::find_resumable_upload(sql, application_id, start.material_id, size, sha256)) {
      progress.upload = std::move(*resumable);
      progress.received = store::received_chunks(sql, progress.upload.id);
      progress.resumed = true;
      return domain::Ok{};
    }
    long long stored = store::complete_upload_bytes(sql, application_id);
    if (stored + size > limits.max_application_bytes) {
      return field_problem("application_too_large", 413, "size_bytes",
                           {{"size_bytes", size},
                            {"stored_bytes", stored},
                            {"limit_bytes", limits.max_application_bytes},
                            {"limit_mib", limits.max_application_bytes / kUploadChunkBytes}});
    }
    store::UploadRecord& upload = progress.upload;
    upload.enterprise_id = application->enterprise_id;
    upload.application_id = application_id;
    upload.material_id = start.material_id;
    upload.file_name = file_name;
    upload.size_bytes = size;
    upload.sha256 = sha256;
    upload.chunk_bytes = kUploadChunkBytes;
    upload.state = "uploading";
    upload.created_by = caller.user_id;
    upload.created_at = store::format_utc_iso(now);
    upload.id = store::insert_upload(sql, upload);
    store::append_audit(sql, audit_entry(caller, "upload.start", "upload:" + std::to_string(upload.id),
                                         upload_summary(upload), now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  progress.chunk_count = chunk_count_of(progress.upload);
  return progress;
}

domain::Result<UploadProgress> put_upload_chunk(store::Database& db, const Caller& caller,
                                                long long upload_id, long long index, std::string_view bytes,
                                                const std::string& declared_sha256) {
  // Hashing 1 MiB happens before the transaction, which then only compares.
  std::string found_sha256 = sha256_hex(bytes);
  std::string declared = lower(declared_sha256);
  UploadProgress progress;
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto upload = load_changeable_upload(sql, caller, upload_id);
    if (!upload) return upload.take_problem();
    if (upload->state != "uploading")
      return domain::make_problem("upload_not_uploading", 409, {{"state", upload->state}});
    long long length = static_cast<long long>(bytes.size());
    if (length > upload->chunk_bytes) {
      return field_problem("chunk_too_large", 413, "chunk",
                           {{"length", length}, {"limit_bytes", upload->chunk_bytes}});
    }
    int chunk_count = chunk_count_of(*upload);
    if (index < 0 || index >= chunk_count) {
      return field_problem("chunk_index_out_of_range", 422, "index",
                           {{"index", index}, {"chunk_count", chunk_count}});
    }
    long long expected = std::min(upload->chunk_bytes, upload->size_bytes - index * upload->chunk_bytes);
    if (length != expected) {
      return field_problem("chunk_size_mismatch", 422, "chunk",
                           {{"index", index}, {"length", length}, {"expected", expected}});
    }
    if (!is_sha256_hex(declared)) return field_problem("sha256_format", 422, "X-Chunk-SHA256", {});
    if (declared != found_sha256) {
      return field_problem("chunk_hash_mismatch", 422, "X-Chunk-SHA256",
                           {{"index", index}, {"declared", declared}, {"found", found_sha256}});
    }
    auto chunk_index = static_cast<int>(index);
    auto stored = store::chunk_sha256(sql, upload_id, chunk_index);
    if (stored && *stored != found_sha256) {
      // Other bytes for the same place: the newer ones win (the file's hash decides at the end).
      sql << "DELETE FROM upload_chunks WHERE upload_id = :u AND chunk_index = :i", soci::use(upload_id),
          soci::use(chunk_index);
      stored.reset();
    }
    if (!stored) store::insert_chunk(sql, upload_id, chunk_index, found_sha256, bytes);
    progress.upload = std::move(*upload);
    progress.received = store::received_chunks(sql, upload_id);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  progress.chunk_count = chunk_count_of(progress.upload);
  return progress;
}

domain::Result<store::UploadRecord> complete_upload(store::Database& db, const Clock& clock,
                                                    const Caller& caller, long long upload_id) {
  auto now = clock.now();
  store::UploadRecord result;
  // One transaction: files are ≤ 20 MiB, so joining and hashing them holds the writer briefly.
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto upload = load_changeable_upload(sql, caller, upload_id);
    if (!upload) return upload.take_problem();
    result = upload.value();
    if (upload->state == "complete") return domain::Ok{};
    auto received = store::received_chunks(sql, upload_id);
    std::vector<int> missing;
    for (int index = 0; index < chunk_count_of(*upload); ++index) {
      if (!std::binary_search(received.begin(), received.end(), index)) missing.push_back(index);
    }
    if (!missing.empty()) {
      return field_problem("chunks_missing", 422, "chunks",
                           {{"missing", missing}, {"missing_count", missing.size()}});
    }
    std::string bytes = assemble(sql, *upload);
    std::string found_sha256 = sha256_hex(bytes);
    auto found_size = static_cast<long long>(bytes.size());
    if (found_size != upload->size_bytes || found_sha256 != upload->sha256) {
      return field_problem("file_hash_mismatch", 422, "sha256",
                           {{"declared", upload->sha256},
                            {"found", found_sha256},
                            {"declared_size", upload->size_bytes},
                            {"found_size", found_size}});
    }
    auto signature = domain::sniff_file_signature(bytes, upload->file_name);
    if (!signature) return signature.take_problem();
    result.state = "complete";
    result.content_type = signature->content_type;
    result.completed_at = store::format_utc_iso(now);
    store::mark_upload_complete(sql, upload_id, *result.content_type, *result.completed_at);
    store::append_audit(sql, audit_entry(caller, "upload.complete", "upload:" + std::to_string(upload_id),
                                         upload_summary(result), now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return result;
}

domain::Result<UploadProgress> view_upload(store::Database& db, const Caller& caller, long long upload_id) {
  UploadProgress progress;
  domain::Status read = db.read([&](soci::session& sql) -> domain::Status {
    auto upload = load_readable_upload(sql, caller, upload_id);
    if (!upload) return upload.take_problem();
    progress.upload = std::move(upload.value());
    progress.received = store::received_chunks(sql, upload_id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  progress.chunk_count = chunk_count_of(progress.upload);
  return progress;
}

domain::Result<UploadContent> read_upload_content(store::Database& db, const Caller& caller,
                                                  long long upload_id) {
  UploadContent content;
  domain::Status read = db.read([&](soci::session& sql) -> domain::Status {
    auto upload = load_readable_upload(sql, caller, upload_id);
    if (!upload) return upload.take_problem();
    if (upload->state != "complete")
      return domain::make_problem("upload_not_complete", 409, {{"state", upload->state}});
    content.upload = std::move(upload.value());
    content.bytes = assemble(sql, content.upload);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return content;
}

domain::Status remove_upload(store::Database& db, const Clock& clock, const Caller& caller,
                             long long upload_id) {
  auto now = clock.now();
  return db.write([&](soci::session& sql) -> domain::Status {
    auto upload = load_changeable_upload(sql, caller, upload_id);
    if (!upload) return upload.take_problem();
    auto summary = upload_summary(*upload);
    summary["state_before"] = upload->state;
    store::mark_upload_removed(sql, upload_id);
    store::append_audit(
        sql, audit_entry(caller, "upload.remove", "upload:" + std::to_string(upload_id), summary, now));
    return domain::Ok{};
  });
}

std::vector<store::UploadRecord> list_application_uploads(soci::session& sql, long long application_id) {
  return store::list_complete_uploads(sql, application_id);
}

}  // namespace iifund::service
