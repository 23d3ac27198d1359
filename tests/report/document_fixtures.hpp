#pragma once
// Complete application documents as a service would fill them, one per category shape.
#include "report/application_document.hpp"

namespace iifund::report::testing {

inline constexpr const char* kEnterpriseName = "江门市蓬江区示例智能制造有限公司";
inline constexpr const char* kCreditCode = "91440703MA4WDE010D";
inline constexpr const char* kApplicationNumber = "JM2022B2-1-0042";
inline constexpr const char* kHash = "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea";

// Category 1 (标杆示范) with performance targets and `lines` investment lines.
ApplicationDocument benchmark_document(int lines = 4);
// Category 3 (集群试点) with cluster members.
ApplicationDocument cluster_document();
// Category 4 (人才培养) with training events.
ApplicationDocument training_document();
// Marks the document finalized with kHash.
ApplicationDocument finalized(ApplicationDocument document);

}  // namespace iifund::report::testing
