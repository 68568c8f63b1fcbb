#include "Avatars.h"

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

TEST(Avatars, InitialsAreTheFirstCharactersOfTheFirstAndLastWords)
{
    EXPECT_EQ(Avatars::initials(u"Alice"_s), u"A"_s);
    EXPECT_EQ(Avatars::initials(u"nguyễn văn an"_s), u"NA"_s);
    EXPECT_EQ(Avatars::initials(u"  Ánh   Dương "_s), u"ÁD"_s);
    // Whole characters: a letter written with a combining accent, an emoji with its modifier.
    EXPECT_EQ(Avatars::initials(u"e\u0301mile"_s), u"E\u0301"_s);
    EXPECT_EQ(Avatars::initials(u"👍🏽"_s), u"👍🏽"_s);
    EXPECT_EQ(Avatars::initials(u"😀 Bob"_s), u"B"_s);
    EXPECT_EQ(Avatars::initials(u"李小龍"_s), u"李"_s);
    EXPECT_EQ(Avatars::initials(u""_s), u""_s);
}

TEST(Avatars, TheColourFollowsTheIdNotTheName)
{
    constexpr int count = 10;
    // Fixed for an id, on every run (FNV-1a, not the per-process qHash).
    EXPECT_EQ(Avatars::colorIndex(u"aoMgrO1chCsCtw"_s, count),
              Avatars::colorIndex(u"aoMgrO1chCsCtw"_s, count));
    EXPECT_EQ(Avatars::colorIndex(u"a"_s, count), int((2166136261u ^ 'a') * 16777619u % count));
    // Two members named alike most often differ: of 100 ids, every colour is used.
    QList<bool> used(count, false);
    for (int i = 0; i < 100; ++i) {
        const int index = Avatars::colorIndex(u"member-%1"_s.arg(i), count);
        ASSERT_GE(index, 0);
        ASSERT_LT(index, count);
        used[index] = true;
    }
    EXPECT_FALSE(used.contains(false));
    EXPECT_EQ(Avatars::colorIndex(u"x"_s, 0), 0);
}
