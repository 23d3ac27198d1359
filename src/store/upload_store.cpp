#include "store/upload_store.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kUploadColumns =
    "SELECT id, enterprise_id, application_id, material_id, file_name, size_bytes, sha256, chunk_bytes, "
    "content_type, state, created_by, created_at, completed_at FROM uploads ";

UploadRecord read_upload(const soci::row& row) {
  UploadRecord upload;
  upload.id = row_integer(row, 0);
  upload.enterprise_id = row_integer(row, 1);
  if (row.get_indicator(2) == soci::i_ok) upload.application_id = row_integer(row, 2);
  upload.material_id = row.get<std::string>(3);
  upload.file_name = row.get<std::string>(4);
  upload.size_bytes = row_integer(row, 5);
  upload.sha256 = row.get<std::string>(6);
  upload.chunk_bytes = row_integer(row, 7);
  upload.content_type = row_optional_text(row, 8);
  upload.state = row.get<std::string>(9);
  upload.created_by = row_integer(row, 10);
  upload.created_at = row.get<std::string>(11);
  upload.completed_at = row_optional_text(row, 12);
  return upload;
}

}  // namespace

long long insert_upload(soci::session& sql, const UploadRecord& upload) {
  long long application_id = upload.application_id.value_or(0);
  soci::indicator application_ind = upload.application_id ? soci::i_ok : soci::i_null;
  std::string insert =
      "INSERT INTO uploads (enterprise_id, application_id, material_id, file_name, size_bytes, sha256, "
      "chunk_bytes, state, created_by, created_at) VALUES (:e, :a, :m, :f, :s, :h, :c, :st, :cb, :ca)";
  long long id = 0;
  if (on_postgresql(sql)) {
    sql << insert + " RETURNING id", soci::use(upload.enterprise_id),
        soci::use(application_id, application_ind), soci::use(upload.material_id),
        soci::use(upload.file_name), soci::use(upload.size_bytes), soci::use(upload.sha256),
        soci::use(upload.chunk_bytes), soci::use(upload.state), soci::use(upload.created_by),
        soci::use(upload.created_at), soci::into(id);
  } else {
    sql << insert, soci::use(upload.enterprise_id), soci::use(application_id, application_ind),
        soci::use(upload.material_id), soci::use(upload.file_name), soci::use(upload.size_bytes),
        soci::use(upload.sha256), soci::use(upload.chunk_bytes), soci::use(upload.state),
        soci::use(upload.created_by), soci::use(upload.created_at);
    sql << "SELECT last_insert_rowid()", soci::into(id);
  }
  return id;
}

std::optional<UploadRecord> find_upload(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kUploadColumns) + "WHERE id = :id", soci::use(id));
  for (const auto& row : rows) return read_upload(row);
  return std::nullopt;
}

std::optional<UploadRecord> find_resumable_upload(soci::session& sql, long long application_id,
                                                  const std::string& material_id, long long size_bytes,
                                                  const std::string& sha256) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << std::string(kUploadColumns) +
                  "WHERE application_id = :a AND material_id = :m AND size_bytes = :s AND sha256 = :h "
                  "AND state = 'uploading' ORDER BY id DESC",
       soci::use(application_id), soci::use(material_id), soci::use(size_bytes), soci::use(sha256));
  for (const auto& row : rows) return read_upload(row);
  return std::nullopt;
}

void mark_upload_complete(soci::session& sql, long long id, const std::string& content_type,
                          const std::string& completed_at) {
  sql << "UPDATE uploads SET state = 'complete', content_type = :t, completed_at = :at WHERE id = :id",
      soci::use(content_type), soci::use(completed_at), soci::use(id);
}

void mark_upload_removed(soci::session& sql, long long id) {
  sql << "DELETE FROM upload_chunks WHERE upload_id = :id", soci::use(id);
  sql << "UPDATE uploads SET state = 'removed' WHERE id = :id", soci::use(id);
}

std::vector<UploadRecord> list_complete_uploads(soci::session& sql, long long application_id) {
  std::vector<UploadRecord> uploads;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kUploadColumns) +
                          "WHERE application_id = :a AND state = 'complete' ORDER BY id",
       soci::use(application_id));
  for (const auto& row : rows) uploads.push_back(read_upload(row));
  return uploads;
}

long long complete_upload_bytes(soci::session& sql, long long application_id) {
  long long total = 0;
  soci::indicator ind = soci::i_null;
  // CAST: PostgreSQL's SUM over BIGINT is NUMERIC, which SOCI would not read as an integer.
  sql << "SELECT CAST(SUM(size_bytes) AS BIGINT) FROM uploads WHERE application_id = :a AND state = "
         "'complete'",
      soci::use(application_id), soci::into(total, ind);
  return ind == soci::i_ok ? total : 0;
}

std::vector<int> received_chunks(soci::session& sql, long long upload_id) {
  std::vector<int> indexes;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT chunk_index FROM upload_chunks WHERE upload_id = :u ORDER BY chunk_index",
       soci::use(upload_id));
  for (const auto& row : rows) indexes.push_back(static_cast<int>(row_integer(row, 0)));
  return indexes;
}

std::optional<std::string> chunk_sha256(soci::session& sql, long long upload_id, int index) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT sha256 FROM upload_chunks WHERE upload_id = :u AND chunk_index = :i",
       soci::use(upload_id), soci::use(index));
  for (const auto& row : rows) return row.get<std::string>(0);
  return std::nullopt;
}

void insert_chunk(soci::session& sql, long long upload_id, int index, const std::string& sha256,
                  std::string_view bytes) {
  if (on_postgresql(sql)) {
    std::string hex = hex_of_bytes(bytes);
    sql << "INSERT INTO upload_chunks (upload_id, chunk_index, sha256, bytes) "
           "VALUES (:u, :i, :h, decode(:b, 'hex'))",
        soci::use(upload_id), soci::use(index), soci::use(sha256), soci::use(hex);
  } else {
    // SOCI binds a std::string with its length, so NUL bytes survive; the cast stores a BLOB.
    std::string raw(bytes);
    sql << "INSERT INTO upload_chunks (upload_id, chunk_index, sha256, bytes) "
           "VALUES (:u, :i, :h, CAST(:b AS BLOB))",
        soci::use(upload_id), soci::use(index), soci::use(sha256), soci::use(raw);
  }
}

std::optional<std::string> read_chunk(soci::session& sql, long long upload_id, int index) {
  // Both backends answer hex text, which no driver truncates at a NUL byte.
  std::string query =
      on_postgresql(sql)
          ? "SELECT encode(bytes, 'hex') FROM upload_chunks WHERE upload_id = :u AND chunk_index = :i"
          : "SELECT hex(bytes) FROM upload_chunks WHERE upload_id = :u AND chunk_index = :i";
  soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(upload_id), soci::use(index));
  for (const auto& row : rows) return bytes_of_hex(row.get<std::string>(0));
  return std::nullopt;
}

}  // namespace iifund::store
