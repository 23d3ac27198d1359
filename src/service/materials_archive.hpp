#pragma once
// 材料打包: every complete material of an application's latest snapshot in one ZIP, filed as
// `<material>/<file>`, beside the application document (申报书) the caller renders. Readers are
// those of the application (county, organizer, bureau, an expert reviewing it); the route
// decides the roles.
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/applications.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"

namespace iifund::service {

struct ArchiveFile {
  std::string path;  // inside the archive, UTF-8, '/' separated
  std::string bytes;
};

struct MaterialsArchive {
  ApplicationView view;            // for the application document
  std::vector<ArchiveFile> files;  // the snapshot's materials, paths unique
};

// 404 not_found out of scope, 404 not_submitted without a snapshot. Material folders are named
// in Chinese when `zh`, else in English.
domain::Result<MaterialsArchive> collect_materials(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long application_id, bool zh);

// The files as one ZIP (stored, not deflated: the materials are PDFs and images already
// compressed). Paths repeated in `files` get " (2)", " (3)" … before their extension.
domain::Result<std::string> zip_archive(const std::vector<ArchiveFile>& files);

}  // namespace iifund::service
