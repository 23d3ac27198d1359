#pragma once
// Timestamps are stored as ISO-8601 UTC text ("2022-11-30T16:00:00Z") in both backends, so the
// same strings come back from SQLite and PostgreSQL and sort in time order.
#include <chrono>
#include <string>

namespace iifund::store {

std::string format_utc_iso(std::chrono::system_clock::time_point at);

}  // namespace iifund::store
