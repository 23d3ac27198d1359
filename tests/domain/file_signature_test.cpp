// A material is what its bytes say it is: PDF, JPEG, PNG or OFD, whatever its name claims.
#include "domain/file_signature.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace iifund::domain {
namespace {

std::string bytes_of(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out += static_cast<char>(value);
  return out;
}

void put_le(std::string& out, std::uint32_t value, int width) {
  for (int i = 0; i < width; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// A stored (uncompressed) ZIP holding empty entries with these names: what an OFD package is.
std::string zip_with(const std::vector<std::string>& names) {
  std::string local, central;
  for (const auto& name : names) {
    std::uint32_t offset = static_cast<std::uint32_t>(local.size());
    local += "PK\x03\x04";
    put_le(local, 20, 2);                             // version needed
    for (int i = 0; i < 4; ++i) put_le(local, 0, 2);  // flags, method, time, date
    put_le(local, 0, 4);                              // crc
    put_le(local, 0, 4);                              // compressed size
    put_le(local, 0, 4);                              // uncompressed size
    put_le(local, static_cast<std::uint32_t>(name.size()), 2);
    put_le(local, 0, 2);  // extra length
    local += name;
    central += "PK\x01\x02";
    put_le(central, 20, 2);
    put_le(central, 20, 2);
    for (int i = 0; i < 4; ++i) put_le(central, 0, 2);  // flags, method, time, date
    put_le(central, 0, 4);                              // crc
    put_le(central, 0, 4);
    put_le(central, 0, 4);
    put_le(central, static_cast<std::uint32_t>(name.size()), 2);
    for (int i = 0; i < 4; ++i) put_le(central, 0, 2);  // extra, comment, disk, internal attrs
    put_le(central, 0, 4);                              // external attrs
    put_le(central, offset, 4);
    central += name;
  }
  std::string zip = local + central;
  zip += "PK\x05\x06";
  put_le(zip, 0, 2);
  put_le(zip, 0, 2);
  put_le(zip, static_cast<std::uint32_t>(names.size()), 2);
  put_le(zip, static_cast<std::uint32_t>(names.size()), 2);
  put_le(zip, static_cast<std::uint32_t>(central.size()), 4);
  put_le(zip, static_cast<std::uint32_t>(local.size()), 4);
  put_le(zip, 0, 2);
  return zip;
}

const std::string kPdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

TEST(FileSignature, AcceptsAPdfWithHeaderAndTrailer) {
  auto sniffed = sniff_file_signature(kPdf, "申报书.pdf");
  ASSERT_TRUE(sniffed.ok());
  EXPECT_EQ(sniffed->kind, "pdf");
  EXPECT_EQ(sniffed->content_type, "application/pdf");
}

TEST(FileSignature, RefusesAPdfCutOffBeforeItsEnd) {
  std::string truncated = "%PDF-1.7\n" + std::string(4096, 'x');
  auto sniffed = sniff_file_signature(truncated, "scan.pdf");
  ASSERT_FALSE(sniffed.ok());
  EXPECT_EQ(sniffed.problem().facts["found"], "pdf_truncated");
}

TEST(FileSignature, AcceptsJpegAndPngByTheirMagicBytes) {
  auto jpeg = sniff_file_signature(bytes_of({0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}), "licence.jpg");
  ASSERT_TRUE(jpeg.ok());
  EXPECT_EQ(jpeg->content_type, "image/jpeg");
  auto png = sniff_file_signature(bytes_of({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0}), "x.png");
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->content_type, "image/png");
}

TEST(FileSignature, AcceptsAnOfdPackageListingOfdXml) {
  auto sniffed = sniff_file_signature(zip_with({"Doc_0/Document.xml", "OFD.xml"}), "申报书.ofd");
  ASSERT_TRUE(sniffed.ok());
  EXPECT_EQ(sniffed->kind, "ofd");
  EXPECT_EQ(sniffed->content_type, "application/ofd");
}

TEST(FileSignature, RefusesAZipWithoutOfdXmlAsZip) {
  auto sniffed = sniff_file_signature(zip_with({"word/document.xml", "Doc/OFD.xml"}), "plan.ofd");
  ASSERT_FALSE(sniffed.ok());
  EXPECT_EQ(sniffed.problem().facts["claimed"], "ofd");
  EXPECT_EQ(sniffed.problem().facts["found"], "zip");
}

TEST(FileSignature, RefusesTextCalledPdfNamingClaimAndFinding) {
  auto sniffed = sniff_file_signature("just some words, not a PDF at all\n", "evil.PDF");
  ASSERT_FALSE(sniffed.ok());
  const auto& problem = sniffed.problem();
  EXPECT_EQ(problem.code, "content_type_refused");
  EXPECT_EQ(problem.status, 422);
  EXPECT_EQ(problem.facts["claimed"], "pdf");
  EXPECT_EQ(problem.facts["found"], "text");
  ASSERT_EQ(problem.fields.size(), 1u);
  EXPECT_EQ(problem.fields[0].field, "file");
  EXPECT_EQ(problem.fields[0].rule, "content_type_refused");
}

TEST(FileSignature, TheExtensionDoesNotDecideTheType) {
  auto png_named_pdf = sniff_file_signature(bytes_of({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}), "a.pdf");
  ASSERT_TRUE(png_named_pdf.ok());
  EXPECT_EQ(png_named_pdf->kind, "png");
  auto pdf_named_png = sniff_file_signature(kPdf, "photo.png");
  ASSERT_TRUE(pdf_named_png.ok());
  EXPECT_EQ(pdf_named_png->kind, "pdf");
}

TEST(FileSignature, RefusesEmptyGifAndBinaryJunk) {
  EXPECT_EQ(sniff_file_signature("", "a.pdf").problem().facts["found"], "empty");
  EXPECT_EQ(sniff_file_signature("GIF89a....", "a.gif").problem().facts["found"], "gif");
  EXPECT_EQ(sniff_file_signature(bytes_of({0, 1, 2, 3, 0xFE}), "a.bin").problem().facts["found"], "unknown");
}

TEST(FileSignature, ClaimedKindReadsTheLastExtension) {
  EXPECT_EQ(claimed_kind("scan.final.JPG"), "jpeg");
  EXPECT_EQ(claimed_kind("README"), "none");
  EXPECT_EQ(claimed_kind("archive.tar.gz"), "gz");
}

TEST(FileSignature, SurvivesATruncatedCentralDirectory) {
  auto zip = zip_with({"OFD.xml"});
  std::string broken = zip.substr(0, zip.size() - 22 - 10) + zip.substr(zip.size() - 22);
  auto sniffed = sniff_file_signature(broken, "x.ofd");
  EXPECT_FALSE(sniffed.ok());
}

}  // namespace
}  // namespace iifund::domain
