#include "MemberListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {
QStringList names(const MemberListModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.data(model.index(row), MemberListModel::NameRole).toString());
    return result;
}
} // namespace

TEST(MemberListModel, SortedByNameAndKeptCurrentByDeltas)
{
    MemberListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reset({{u"1"_s, u"carol"_s}, {u"2"_s, u"Alice"_s}, {u"3"_s, u"bob"_s}}, u"2"_s);
    EXPECT_EQ(names(model), (QStringList{u"Alice"_s, u"bob"_s, u"carol"_s}));
    EXPECT_TRUE(model.data(model.index(0), MemberListModel::IsSelfRole).toBool());
    EXPECT_FALSE(model.data(model.index(1), MemberListModel::IsSelfRole).toBool());

    model.apply({{{u"4"_s, u"Dave"_s}}, {u"3"_s}, {{u"1"_s, u"Aaron"_s}}});
    EXPECT_EQ(names(model), (QStringList{u"Aaron"_s, u"Alice"_s, u"Dave"_s}));
    EXPECT_EQ(model.nameOf(u"1"_s), u"Aaron"_s);
    EXPECT_FALSE(model.contains(u"3"_s));
}

TEST(MemberListModel, DeltasAreIdempotent)
{
    MemberListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reset({{u"1"_s, u"Alice"_s}}, u"1"_s);
    const PresenceDelta delta{{{u"2"_s, u"Bob"_s}, {u"1"_s, u"Alice"_s}}, {u"9"_s}, {{u"8"_s, u"Ghost"_s}}};
    model.apply(delta);
    model.apply(delta);
    EXPECT_EQ(names(model), (QStringList{u"Alice"_s, u"Bob"_s}));
}

TEST(MemberListModel, LeaveThenJoinOfTheSameIdInOneDeltaKeepsTheMember)
{
    MemberListModel model;
    model.reset({{u"1"_s, u"Alice"_s}}, {});
    model.apply({{{u"1"_s, u"Alice"_s}}, {u"1"_s}, {}});
    EXPECT_EQ(names(model), QStringList{u"Alice"_s});
}

TEST(MemberListModel, SameNamesStayDistinct)
{
    MemberListModel model;
    model.reset({{u"1"_s, u"Sam"_s}, {u"2"_s, u"Sam"_s}}, {});
    EXPECT_EQ(model.rowCount(), 2);
    model.apply({{}, {u"2"_s}, {}});
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.data(model.index(0), MemberListModel::MemberIdRole).toString(), u"1"_s);
}

TEST(MemberListModel, NamesThatLookAlikeAreToldApartByATag)
{
    MemberListModel model;
    QSignalSpy tagsChanged(&model, &MemberListModel::tagsChanged);
    model.reset({{u"k3j9x2"_s, u"Alice"_s}, {u"p01qz"_s, u"Bob"_s}}, u"p01qz"_s);
    EXPECT_TRUE(model.tagOf(u"k3j9x2"_s).isEmpty());                      // nobody to confuse her with yet
    model.apply(PresenceDelta{{{u"zz9y8x"_s, u"\u0410lice"_s}}, {}, {}}); // a Cyrillic А
    EXPECT_EQ(model.tagOf(u"k3j9x2"_s), u"#k3j9"_s);
    EXPECT_EQ(model.tagOf(u"zz9y8x"_s), u"#zz9y"_s);
    EXPECT_TRUE(model.tagOf(u"p01qz"_s).isEmpty());
    EXPECT_GE(tagsChanged.size(), 1);
    const QModelIndex first = model.index(0);
    EXPECT_FALSE(model.data(first, MemberListModel::TagRole).toString().isEmpty());
    model.apply(PresenceDelta{{}, {u"zz9y8x"_s}, {}}); // the look-alike left
    EXPECT_TRUE(model.tagOf(u"k3j9x2"_s).isEmpty());
}
