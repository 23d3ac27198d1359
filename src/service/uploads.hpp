#pragma once
// 上传申报材料: a file arrives in chunks of 1 MiB, each checked against its SHA-256 and committed
// before the answer, so a broken connection loses at most one chunk; `complete` joins them,
// checks the whole file's size and SHA-256 and what its bytes are (PDF, JPEG, PNG, OFD). Scope:
// the enterprise's own editable application for every change; reading like the application.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/upload_store.hpp"

namespace iifund::service {

constexpr long long kUploadChunkBytes = 1024LL * 1024;

struct UploadLimits {
  long long max_file_bytes = 20LL * 1024 * 1024;          // config upload_max_file_mib
  long long max_application_bytes = 200LL * 1024 * 1024;  // config upload_max_application_mib
};

struct UploadStart {
  std::string material_id;  // a material of the application's category, or "declaration:<id>"
  std::string file_name;
  std::optional<long long> size_bytes;
  std::string sha256;  // of the whole file, 64 hex digits
};

struct UploadProgress {
  store::UploadRecord upload;
  std::vector<int> received;  // chunk indexes stored
  int chunk_count = 0;
  bool resumed = false;  // an unfinished upload of the same file was found
};

struct UploadContent {
  store::UploadRecord upload;
  std::string bytes;  // assembled in memory: files are ≤ 20 MiB (streaming would need chunked responses)
};

// What a person would recognise of a hostile name: path parts, control and bidi-override
// characters dropped, at most 120 code points; "file" when nothing is left. Never used as a path.
std::string clean_file_name(std::string_view name);

// 201/200: starts an upload or resumes the unfinished one of the same file. Refusals: 422
// validation_failed (material_id, file_name, size_bytes, sha256), 413 file_too_large,
// 413 application_too_large; 404 / 409 application_not_editable from the scope check.
domain::Result<UploadProgress> start_upload(store::Database& db, const Clock& clock, const Caller& caller,
                                            long long application_id, const UploadStart& start,
                                            const UploadLimits& limits = {});

// Stores one chunk (idempotent for identical bytes). 422 chunk_index_out_of_range,
// chunk_size_mismatch, chunk_hash_mismatch, 413 chunk_too_large, 409 upload_not_uploading.
domain::Result<UploadProgress> put_upload_chunk(store::Database& db, const Caller& caller,
                                                long long upload_id, long long index, std::string_view bytes,
                                                const std::string& declared_sha256);

// Joins the chunks: 422 chunks_missing (facts.missing), file_hash_mismatch, content_type_refused.
// Completing a complete upload answers it again.
domain::Result<store::UploadRecord> complete_upload(store::Database& db, const Clock& clock,
                                                    const Caller& caller, long long upload_id);

domain::Result<UploadProgress> view_upload(store::Database& db, const Caller& caller, long long upload_id);
domain::Result<UploadContent> read_upload_content(store::Database& db, const Caller& caller,
                                                  long long upload_id);
domain::Status remove_upload(store::Database& db, const Clock& clock, const Caller& caller,
                             long long upload_id);

// The application's complete files (for GET /api/applications/:id and the submission guard).
std::vector<store::UploadRecord> list_application_uploads(soci::session& sql, long long application_id);

}  // namespace iifund::service
