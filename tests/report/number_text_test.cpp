#include "report/number_text.hpp"

#include <gtest/gtest.h>

namespace iifund::report {

TEST(YuanText, PrintsExactFenWithTwoDecimalsAndThousandsSeparators) {
  EXPECT_EQ(yuan_text(0), "0.00");
  EXPECT_EQ(yuan_text(1), "0.01");
  EXPECT_EQ(yuan_text(10), "0.10");
  EXPECT_EQ(yuan_text(99), "0.99");
  EXPECT_EQ(yuan_text(100), "1.00");
  EXPECT_EQ(yuan_text(99'999), "999.99");
  EXPECT_EQ(yuan_text(100'000), "1,000.00");
  EXPECT_EQ(yuan_text(123'456'789), "1,234,567.89");
  EXPECT_EQ(yuan_text(100'000'000), "1,000,000.00");
  EXPECT_EQ(yuan_text(922'337'203'685'477'580), "9,223,372,036,854,775.80");
}

TEST(FileSizeText, SaysBytesThenKilobytesThenMegabytes) {
  EXPECT_EQ(file_size_text(980), "980 B");
  EXPECT_EQ(file_size_text(12'595), "12.3 KB");
  EXPECT_EQ(file_size_text(4'718'592), "4.5 MB");
}

}  // namespace iifund::report
