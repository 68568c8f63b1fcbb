#include "RateLimiter.h"

#include <QTest>

#include <gtest/gtest.h>

using namespace std::chrono_literals;

// A bucket that has refilled is as good as a new one, which lets the gateway forget idle
// addresses first when its table of them is full.
TEST(RateLimiter, AFullBucketIsAsGoodAsANewOne)
{
    RateLimiter limiter(2, 3); // slow enough that a stalled test machine does not refill it between lines
    EXPECT_TRUE(limiter.isFull());
    EXPECT_TRUE(limiter.tryTake());
    EXPECT_TRUE(limiter.tryTake());
    EXPECT_FALSE(limiter.isFull());
    EXPECT_LT(limiter.tokens(), 3);
    EXPECT_TRUE(QTest::qWaitFor([&] { return limiter.isFull(); }, 5000)); // in a second
}

// A client paces itself by when the next token comes, and waits no longer than that.
TEST(RateLimiter, SaysWhenTheNextTokenComes)
{
    RateLimiter limiter(1, 2); // a token a second
    EXPECT_EQ(limiter.untilNextToken(), 0ms);
    EXPECT_TRUE(limiter.tryTake());
    EXPECT_TRUE(limiter.tryTake());
    const auto wait = limiter.untilNextToken();
    EXPECT_GT(wait, 0ms);
    EXPECT_LE(wait, 1000ms);
    EXPECT_FALSE(limiter.tryTake());
    QTest::qSleep(int(limiter.untilNextToken().count()) + 1); // the bucket refills by the clock alone
    EXPECT_EQ(limiter.untilNextToken(), 0ms);
    EXPECT_TRUE(limiter.tryTake());
}
