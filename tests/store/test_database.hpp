#pragma once
// The database the store tests run against: IIFUND_TEST_DATABASE_URL (PostgreSQL in CI's second
// pass), else a fresh SQLite file per test. Each test starts from an empty schema.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/database.hpp"

namespace iifund::testing {

std::string test_database_url();
// Opens the database and drops every table so the test starts from nothing.
std::unique_ptr<store::Database> fresh_database(const std::string& url = test_database_url(),
                                                std::size_t pool_size = 2);

}  // namespace iifund::testing
