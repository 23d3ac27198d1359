// Materials arrive in 1 MiB chunks kept in the database: bytes come back exactly (NUL bytes and
// all) from SQLite and PostgreSQL, an interrupted upload resumes, a bad chunk stores nothing, and
// a file is complete only when its size, SHA-256 and content agree with what was declared.
#include "store/upload_store.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "account_fixtures.hpp"
#include "domain/text.hpp"
#include "service/field_rules.hpp"
#include "service/tokens.hpp"
#include "service/uploads.hpp"
#include "store/batch_store.hpp"
#include "store/enterprise_store.hpp"

namespace iifund::service {
namespace {

constexpr long long kMiB = 1024 * 1024;

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every byte value, NUL included, repeated: what a scanned PDF or a PNG contains.
std::string binary_bytes(std::size_t size, unsigned seed = 0) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 7 + seed + i / 251) & 0xFF);
  return bytes;
}

// A PDF of `size` bytes: header, binary body, trailer.
std::string pdf_of_size(std::size_t size) {
  std::string head = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::string tail = "\ntrailer <<>>\n%%EOF\n";
  return head + binary_bytes(size - head.size() - tail.size()) + tail;
}

std::string slice(const std::string& file, int index) {
  return file.substr(static_cast<std::size_t>(index) * kMiB, kMiB);
}

struct UploadWorld {
  std::unique_ptr<store::Database> db = testing::migrated_database();
  ManualClock clock{testing::kMorning};
  Caller staff;
  Caller other_staff;
  long long application_id = 0;

  UploadWorld() {
    if (!db) return;
    EXPECT_TRUE(db->write([&](soci::session& sql) -> domain::Status {
                    store::BatchRecord batch;
                    batch.code = "upload-test-batch";
                    batch.name_zh = "测试批次";
                    batch.name_en = "Test batch";
                    batch.policy_toml =
                        read_text(std::string(IIFUND_SOURCE_DIR) + "/policies/jiangmen-2022-batch2.toml");
                    batch.closes_at = "2030-01-01T00:00:00Z";
                    auto batch_id = store::save_batch(sql, batch, "2026-01-01T00:00:00Z");
                    if (!batch_id) return batch_id.take_problem();
                    staff = enterprise_staff(sql, "91440703UPLOAD0001", "uploader");
                    other_staff = enterprise_staff(sql, "91440703UPLOAD0002", "stranger");
                    application_id = add_application(sql, batch_id.value(), staff, "draft");
                    return domain::Ok{};
                  }).ok());
  }

  Caller enterprise_staff(soci::session& sql, const std::string& credit_code, const std::string& username) {
    store::EnterpriseRecord enterprise;
    enterprise.credit_code = credit_code;
    enterprise.name = username + " 有限公司";
    enterprise.county_code = "440703";
    enterprise.contact_name = "张三";
    enterprise.contact_phone = "13800000000";
    auto enterprise_id = store::insert_enterprise(sql, enterprise, "2026-01-01T00:00:00Z");
    store::UserRecord user;
    user.username = username;
    user.display_name = username;
    user.role = "enterprise";
    user.password_hash = "not-used";
    user.must_change_password = false;
    user.enterprise_id = enterprise_id.value();
    auto user_id = store::insert_user(sql, user, "2026-01-01T00:00:00Z");
    Caller caller;
    caller.user_id = user_id.value();
    caller.username = username;
    caller.role = "enterprise";
    caller.enterprise_id = enterprise_id.value();
    return caller;
  }

  static long long add_application(soci::session& sql, long long batch_id, const Caller& owner,
                                   const std::string& state) {
    long long category = 1;
    sql << "INSERT INTO applications (batch_id, enterprise_id, category, county_code, state, form_json, "
           "created_by, created_at, updated_by, updated_at) VALUES (:b, :e, :c, '440703', :s, '{}', :u, "
           "'2026-01-02T00:00:00Z', :u2, '2026-01-02T00:00:00Z')",
        soci::use(batch_id), soci::use(*owner.enterprise_id), soci::use(category), soci::use(state),
        soci::use(owner.user_id), soci::use(owner.user_id);
    long long id = 0;
    sql << "SELECT MAX(id) FROM applications", soci::into(id);
    return id;
  }

  void set_state(const std::string& state) {
    EXPECT_TRUE(db->write([&](soci::session& sql) {
                    sql << "UPDATE applications SET state = :s WHERE id = :id", soci::use(state),
                        soci::use(application_id);
                    return domain::Status(domain::Ok{});
                  }).ok());
  }

  domain::Result<UploadProgress> start(const std::string& file, const std::string& name = "申报书.pdf",
                                       const std::string& material = "application_form",
                                       const UploadLimits& limits = {}) {
    return start_upload(*db, clock, staff, application_id,
                        {material, name, static_cast<long long>(file.size()), sha256_hex(file)}, limits);
  }

  domain::Result<UploadProgress> put(long long upload_id, int index, const std::string& bytes) {
    return put_upload_chunk(*db, staff, upload_id, index, bytes, sha256_hex(bytes));
  }

  // Starts and sends every chunk; answers the upload id.
  long long send_all(const std::string& file, const std::string& name = "申报书.pdf") {
    auto started = start(file, name);
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.problem().code);
    if (!started) return 0;
    for (int index = 0; index < started->chunk_count; ++index)
      EXPECT_TRUE(put(started->upload.id, index, slice(file, index)).ok());
    return started->upload.id;
  }
};

TEST(UploadStore, AMebibyteChunkWithNulBytesRoundTripsExactly) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  std::string bytes = binary_bytes(kMiB);
  ASSERT_NE(bytes.find('\0'), std::string::npos);
  auto started = world.start(pdf_of_size(kMiB));
  ASSERT_TRUE(started.ok());
  long long upload_id = started->upload.id;
  auto began = std::chrono::steady_clock::now();
  ASSERT_TRUE(world.db
                  ->write([&](soci::session& sql) {
                    store::insert_chunk(sql, upload_id, 0, sha256_hex(bytes), bytes);
                    return domain::Status(domain::Ok{});
                  })
                  .ok());
  std::optional<std::string> back;
  long long stored_length = 0;
  ASSERT_TRUE(world.db
                  ->read([&](soci::session& sql) {
                    back = store::read_chunk(sql, upload_id, 0);
                    sql << "SELECT length(bytes) FROM upload_chunks WHERE upload_id = :u",
                        soci::use(upload_id), soci::into(stored_length);
                    return domain::Status(domain::Ok{});
                  })
                  .ok());
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(stored_length, kMiB) << "the database holds every byte, not a string cut at the first NUL";
  EXPECT_EQ(back->size(), bytes.size());
  EXPECT_TRUE(*back == bytes) << "the bytes come back exactly";
  RecordProperty("round_trip_ms", static_cast<int>(took.count()));
  std::cout << "1 MiB chunk write+read on " << store::backend_name(world.db->backend()) << ": "
            << took.count() << " ms\n";
}

TEST(UploadStore, AFileInThreeChunksCompletesAsAPdf) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  std::string file = pdf_of_size(static_cast<std::size_t>(2.5 * kMiB));
  auto started = world.start(file);
  ASSERT_TRUE(started.ok());
  EXPECT_FALSE(started->resumed);
  EXPECT_EQ(started->chunk_count, 3);
  EXPECT_TRUE(started->received.empty());
  for (int index : {2, 0, 1}) {
    auto put = world.put(started->upload.id, index, slice(file, index));
    ASSERT_TRUE(put.ok()) << put.problem().code;
  }
  auto completed = complete_upload(*world.db, world.clock, world.staff, started->upload.id);
  ASSERT_TRUE(completed.ok()) << completed.problem().code;
  EXPECT_EQ(completed->state, "complete");
  EXPECT_EQ(completed->content_type, "application/pdf");
  EXPECT_EQ(completed->completed_at, "2026-01-05T08:00:00Z");

  auto content = read_upload_content(*world.db, world.staff, started->upload.id);
  ASSERT_TRUE(content.ok());
  EXPECT_TRUE(content->bytes == file);

  std::vector<store::UploadRecord> listed;
  ASSERT_TRUE(world.db
                  ->read([&](soci::session& sql) {
                    listed = list_application_uploads(sql, world.application_id);
                    return domain::Status(domain::Ok{});
                  })
                  .ok());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].material_id, "application_form");
  EXPECT_EQ(listed[0].size_bytes, static_cast<long long>(file.size()));
  EXPECT_EQ(listed[0].sha256, sha256_hex(file));
  EXPECT_EQ(testing::count_audit(*world.db, "upload.start"), 1);
  EXPECT_EQ(testing::count_audit(*world.db, "upload.complete"), 1);
}

TEST(UploadStore, StartingTheSameFileAgainResumesWithTheChunksItHas) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  std::string file = pdf_of_size(static_cast<std::size_t>(2.5 * kMiB));
  auto first = world.start(file);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(world.put(first->upload.id, 0, slice(file, 0)).ok());
  ASSERT_TRUE(world.put(first->upload.id, 0, slice(file, 0)).ok()) << "re-sending a chunk is harmless";
  auto again = world.start(file);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->resumed);
  EXPECT_EQ(again->upload.id, first->upload.id);
  EXPECT_EQ(again->received, std::vector<int>{0});
  EXPECT_EQ(testing::count_audit(*world.db, "upload.start"), 1) << "resuming changes nothing";
}

TEST(UploadStore, AChunkWhoseHashDiffersIsRefusedAndNothingIsStored) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  std::string file = pdf_of_size(static_cast<std::size_t>(1.5 * kMiB));
  auto started = world.start(file);
  ASSERT_TRUE(started.ok());
  auto refused = put_upload_chunk(*world.db, world.staff, started->upload.id, 0, slice(file, 0),
                                  sha256_hex("something else"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().code, "chunk_hash_mismatch");
  EXPECT_EQ(refused.problem().status, 422);
  auto viewed = view_upload(*world.db, world.staff, started->upload.id);
  ASSERT_TRUE(viewed.ok());
  EXPECT_TRUE(viewed->received.empty());

  auto short_chunk = world.put(started->upload.id, 0, slice(file, 0).substr(10));
  ASSERT_FALSE(short_chunk.ok());
  EXPECT_EQ(short_chunk.problem().code, "chunk_size_mismatch");
  auto beyond = world.put(started->upload.id, 2, "x");
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.problem().code, "chunk_index_out_of_range");
  auto oversized = world.put(started->upload.id, 0, std::string(kMiB + 1, 'x'));
  ASSERT_FALSE(oversized.ok());
  EXPECT_EQ(oversized.problem().code, "chunk_too_large");
  EXPECT_EQ(oversized.problem().status, 413);
}

TEST(UploadStore, CompletingNamesTheMissingChunksAndAWrongWholeFileHash) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  std::string file = pdf_of_size(static_cast<std::size_t>(2.5 * kMiB));
  auto started = world.start(file);
  ASSERT_TRUE(started.ok());
  ASSERT_TRUE(world.put(started->upload.id, 1, slice(file, 1)).ok());
  auto incomplete = complete_upload(*world.db, world.clock, world.staff, started->upload.id);
  ASSERT_FALSE(incomplete.ok());
  EXPECT_EQ(incomplete.problem().code, "chunks_missing");
  EXPECT_EQ(incomplete.problem().facts["missing"], nlohmann::json::array({0, 2}));

  std::string other = file;
  other[10] ^= 0x01;  // same size, different bytes: the declared SHA-256 no longer matches
  ASSERT_TRUE(world.put(started->upload.id, 0, slice(other, 0)).ok());
  ASSERT_TRUE(world.put(started->upload.id, 2, slice(other, 2)).ok());
  auto mismatched = complete_upload(*world.db, world.clock, world.staff, started->upload.id);
  ASSERT_FALSE(mismatched.ok());
  EXPECT_EQ(mismatched.problem().code, "file_hash_mismatch");
  ASSERT_TRUE(world.put(started->upload.id, 0, slice(file, 0)).ok()) << "the right bytes replace the wrong";
  EXPECT_TRUE(complete_upload(*world.db, world.clock, world.staff, started->upload.id).ok());
}

TEST(UploadStore, TextCalledPdfIsRefusedAtCompletion) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  std::string text = "这不是 PDF，只是一段文字。\n";
  long long upload_id = world.send_all(text, "盖章件.pdf");
  auto refused = complete_upload(*world.db, world.clock, world.staff, upload_id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().code, "content_type_refused");
  EXPECT_EQ(refused.problem().facts["claimed"], "pdf");
  EXPECT_EQ(refused.problem().facts["found"], "text");
}

TEST(UploadStore, StartChecksMaterialNameSizeAndHash) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  auto refused = start_upload(*world.db, world.clock, world.staff, world.application_id,
                              {"no_such_material", "", 0, "abc"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().code, "validation_failed");
  std::vector<std::string> fields;
  for (const auto& field : refused.problem().fields) fields.push_back(field.field + ":" + field.rule);
  EXPECT_EQ(fields, (std::vector<std::string>{"material_id:material_unknown", "file_name:required",
                                              "size_bytes:file_empty", "sha256:sha256_format"}));
  EXPECT_TRUE(world.start(pdf_of_size(2000), "x.pdf", "declaration:registered_in_city").ok())
      << "a declaration's evidence is a material too";
  EXPECT_FALSE(world.start(pdf_of_size(2000), "x.pdf", "declaration:no_such").ok());
  EXPECT_FALSE(world.start(pdf_of_size(2000), "x.pdf", "sme_declaration").ok())
      << "another category's material is not this one's";
}

TEST(UploadStore, LimitsPerFileAndPerApplication) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  auto huge = start_upload(*world.db, world.clock, world.staff, world.application_id,
                           {"application_form", "big.pdf", 20 * kMiB + 1, std::string(64, 'a')});
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.problem().code, "file_too_large");
  EXPECT_EQ(huge.problem().status, 413);
  EXPECT_TRUE(start_upload(*world.db, world.clock, world.staff, world.application_id,
                           {"application_form", "max.pdf", 20 * kMiB, std::string(64, 'a')})
                  .ok())
      << "20 MiB exactly is allowed";

  UploadLimits small{1000, 1500};
  std::string file = pdf_of_size(1000);
  auto first = world.start(file, "a.pdf", "business_licence", small);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(world.put(first->upload.id, 0, file).ok());
  ASSERT_TRUE(complete_upload(*world.db, world.clock, world.staff, first->upload.id).ok());
  auto second = world.start(pdf_of_size(600), "b.pdf", "business_licence", small);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.problem().code, "application_too_large");
  EXPECT_EQ(second.problem().facts["stored_bytes"], 1000);
}

TEST(UploadStore, AnotherEnterpriseSeesNothingAndASubmittedApplicationTakesNoFiles) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  std::string file = pdf_of_size(5000);
  long long upload_id = world.send_all(file);
  EXPECT_EQ(view_upload(*world.db, world.other_staff, upload_id).problem().status, 404);
  EXPECT_EQ(
      put_upload_chunk(*world.db, world.other_staff, upload_id, 0, file, sha256_hex(file)).problem().status,
      404);
  EXPECT_EQ(complete_upload(*world.db, world.clock, world.other_staff, upload_id).problem().status, 404);
  EXPECT_EQ(remove_upload(*world.db, world.clock, world.other_staff, upload_id).problem().status, 404);
  EXPECT_EQ(start_upload(*world.db, world.clock, world.other_staff, world.application_id,
                         {"application_form", "a.pdf", 10, std::string(64, 'a')})
                .problem()
                .status,
            404);

  world.set_state("submitted");
  auto refused = world.start(pdf_of_size(3000));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().code, "application_not_editable");
  EXPECT_EQ(refused.problem().status, 409);
  EXPECT_EQ(complete_upload(*world.db, world.clock, world.staff, upload_id).problem().code,
            "application_not_editable");
}

TEST(UploadStore, RemovingDropsTheFileAndItsChunks) {
  UploadWorld world;
  ASSERT_TRUE(world.db);
  std::string file = pdf_of_size(static_cast<std::size_t>(1.2 * kMiB));
  long long upload_id = world.send_all(file);
  ASSERT_TRUE(complete_upload(*world.db, world.clock, world.staff, upload_id).ok());
  ASSERT_TRUE(remove_upload(*world.db, world.clock, world.staff, upload_id).ok());
  EXPECT_EQ(view_upload(*world.db, world.staff, upload_id).problem().status, 404);
  long long chunks = -1;
  std::optional<store::UploadRecord> row;
  ASSERT_TRUE(world.db
                  ->read([&](soci::session& sql) {
                    sql << "SELECT COUNT(*) FROM upload_chunks WHERE upload_id = :u", soci::use(upload_id),
                        soci::into(chunks);
                    row = store::find_upload(sql, upload_id);
                    return domain::Status(domain::Ok{});
                  })
                  .ok());
  EXPECT_EQ(chunks, 0);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->state, "removed");
  EXPECT_EQ(testing::count_audit(*world.db, "upload.remove"), 1);
}

TEST(UploadFileName, HostileNamesAreCleanedForDisplay) {
  EXPECT_EQ(clean_file_name("../../etc/passwd.pdf"), "passwd.pdf");
  EXPECT_EQ(clean_file_name("C:\\Users\\张三\\营业执照.jpg"), "营业执照.jpg");
  EXPECT_EQ(clean_file_name("a\nb\tc\x01.pdf"), "abc.pdf");
  EXPECT_EQ(clean_file_name("invoice\u202Efdp.exe"), "invoicefdp.exe");
  EXPECT_EQ(clean_file_name("..."), "");
  EXPECT_EQ(clean_file_name("bad\xFF\xFEutf8.pdf"), "badutf8.pdf");
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "长";
  auto cleaned = clean_file_name(long_name + ".pdf");
  EXPECT_EQ(domain::code_points(cleaned), 120u);
  EXPECT_TRUE(cleaned.ends_with(".pdf")) << "the extension survives shortening";
}

}  // namespace
}  // namespace iifund::service
