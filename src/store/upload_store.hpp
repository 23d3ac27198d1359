#pragma once
// 申报材料: uploaded files kept in the database (a backup or a second server has them too), each
// arriving in chunks of ≤ 1 MiB that are stored as they come, so an interrupted upload resumes.
// Bytes are bound portably: PostgreSQL's soci::blob means large objects, not bytea, so chunks
// travel as hex text there (decode/encode); SQLite takes the raw bytes cast to a BLOB.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct UploadRecord {
  long long id = 0;
  long long enterprise_id = 0;
  std::optional<long long> application_id;  // none: an enterprise-level file
  std::string material_id;                  // a policy material id, or "declaration:<id>"
  std::string file_name;                    // cleaned, for display only, never a path
  long long size_bytes = 0;
  std::string sha256;  // lower-case hex, as declared when the upload started
  long long chunk_bytes = 0;
  std::optional<std::string> content_type;  // sniffed when complete
  std::string state;                        // uploading | complete | removed
  long long created_by = 0;
  std::string created_at;
  std::optional<std::string> completed_at;
};

long long insert_upload(soci::session& sql, const UploadRecord& upload);
std::optional<UploadRecord> find_upload(soci::session& sql, long long id);
// An unfinished upload of the same file to the same material, for resuming.
std::optional<UploadRecord> find_resumable_upload(soci::session& sql, long long application_id,
                                                  const std::string& material_id, long long size_bytes,
                                                  const std::string& sha256);
void mark_upload_complete(soci::session& sql, long long id, const std::string& content_type,
                          const std::string& completed_at);
// Marks the upload removed and deletes its chunks (the row stays for the audit trail).
void mark_upload_removed(soci::session& sql, long long id);

// Complete files of an application, oldest first.
std::vector<UploadRecord> list_complete_uploads(soci::session& sql, long long application_id);
// The declared sizes of an application's complete files, summed.
long long complete_upload_bytes(soci::session& sql, long long application_id);

// Chunk indexes stored so far, ascending.
std::vector<int> received_chunks(soci::session& sql, long long upload_id);
// The SHA-256 recorded for a stored chunk.
std::optional<std::string> chunk_sha256(soci::session& sql, long long upload_id, int index);
void insert_chunk(soci::session& sql, long long upload_id, int index, const std::string& sha256,
                  std::string_view bytes);
// A stored chunk's bytes, exactly as sent (NUL bytes included).
std::optional<std::string> read_chunk(soci::session& sql, long long upload_id, int index);

}  // namespace iifund::store
