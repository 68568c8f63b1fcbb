#include "MessageListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {
const Member Alice{u"a"_s, u"Alice"_s};
const Member Bob{u"b"_s, u"Bob"_s};
constexpr qint64 T0 = 1764150000000;

QVariant roleAt(const MessageListModel &model, int row, MessageListModel::Role role)
{
    return model.data(model.index(row), role);
}
} // namespace

TEST(MessageListModel, PassesTheModelTesterThroughEveryChange)
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.insertChat({1, T0, Alice, u"hi"_s});
    model.appendOwn(u"c1"_s, Bob, u"hello"_s);
    model.appendNotice(u"Carol joined"_s);
    model.markSent(u"c1"_s, 2, T0 + 10);
    model.markFailed(u"nope"_s, u"x"_s);
    ChatMessage edited{1, T0, Alice, u"hi there"_s};
    edited.revision = 5;
    edited.editedTs = T0 + 20;
    model.applyChange(edited);
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(MessageListModel, RolesHaveNamesForQml)
{
    MessageListModel model;
    const auto names = model.roleNames();
    for (const char *name : {"kind", "seq", "senderId", "senderName", "text", "html", "timestamp", "isOwn",
                             "status", "error", "firstInGroup"})
        EXPECT_TRUE(names.values().contains(QByteArray(name))) << name;
    EXPECT_EQ(names.key("kind"), Qt::UserRole + 1);
}

TEST(MessageListModel, AChangeReplacesItsRowOnlyWhenNewerAndOnlyTheAuthorMayEdit)
{
    MessageListModel model;
    model.setSelf(Bob);
    model.insertChat({1,
                      T0,
                      Alice,
                      u"first"_s,
                      u"general"_s,
                      {},
                      FileInfo{QString(64, u'a'), u"a.png"_s, 4, u"image/png"_s, 8, 8}});
    model.appendOwn(u"c1"_s, Bob, u"mine"_s);
    EXPECT_FALSE(roleAt(model, 1, MessageListModel::CanEditRole).toBool()); // not stored yet
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.markSent(u"c1"_s, 2, T0 + 1);
    EXPECT_TRUE(changed.count() >= 1 &&
                changed.constLast().at(2).value<QList<int>>().contains(MessageListModel::CanEditRole));
    EXPECT_TRUE(roleAt(model, 1, MessageListModel::CanEditRole).toBool());
    EXPECT_FALSE(roleAt(model, 0, MessageListModel::CanEditRole).toBool());
    EXPECT_FALSE(roleAt(model, 0, MessageListModel::CanDeleteRole).toBool());
    model.setModerator(true);
    EXPECT_TRUE(roleAt(model, 0, MessageListModel::CanDeleteRole).toBool());

    ChatMessage deleted{1, T0, Alice, u""_s};
    deleted.revision = 9;
    deleted.deleted = ChatMessage::Deletion::ByModerator;
    EXPECT_TRUE(model.applyChange(deleted));
    EXPECT_EQ(roleAt(model, 0, MessageListModel::DeletedRole).value<MessageListModel::Deletion>(),
              MessageListModel::Deletion::ByModerator);
    EXPECT_FALSE(roleAt(model, 0, MessageListModel::HasFileRole).toBool()); // its file went with it
    EXPECT_FALSE(roleAt(model, 0, MessageListModel::CanDeleteRole).toBool());
    // An older state arriving late (a page read before the change) changes nothing.
    ChatMessage older{1, T0, Alice, u"first, edited"_s};
    older.revision = 7;
    older.editedTs = T0 + 5;
    EXPECT_FALSE(model.insertChat(older));
    EXPECT_EQ(roleAt(model, 0, MessageListModel::TextRole), u""_s);
    EXPECT_FALSE(model.applyChange(ChatMessage{42, T0, Alice, u"not shown"_s}));
    EXPECT_EQ(model.rowCount(), 2);
}

TEST(MessageListModel, NoticesAloneAreAnEmptyConversation)
{
    MessageListModel model;
    QSignalSpy changed(&model, &MessageListModel::hasChatsChanged);
    model.appendNotice(u"You joined Lobby"_s);
    EXPECT_FALSE(model.hasChats());
    model.appendOwn(u"c1"_s, Alice, u"hello"_s); // shown at once, acked or not
    EXPECT_TRUE(model.hasChats());
    model.removeOwn(u"c1"_s);
    EXPECT_FALSE(model.hasChats());
    model.insertChat({1, T0, Bob, u"hi"_s});
    EXPECT_TRUE(model.hasChats());
    model.clear();
    EXPECT_FALSE(model.hasChats());
    EXPECT_EQ(changed.size(), 4);
}

TEST(MessageListModel, OwnMessagesGoFromSendingToSent)
{
    MessageListModel model;
    QSignalSpy changed(&model, &MessageListModel::dataChanged);
    model.appendOwn(u"c1"_s, Alice, u"hello"_s);
    EXPECT_EQ(roleAt(model, 0, MessageListModel::StatusRole).value<MessageListModel::Status>(),
              MessageListModel::Status::Sending);
    EXPECT_TRUE(roleAt(model, 0, MessageListModel::IsOwnRole).toBool());
    EXPECT_EQ(model.unsent().size(), 1);

    ASSERT_TRUE(model.markSent(u"c1"_s, 7, T0));
    EXPECT_EQ(roleAt(model, 0, MessageListModel::StatusRole).value<MessageListModel::Status>(),
              MessageListModel::Status::Sent);
    EXPECT_EQ(roleAt(model, 0, MessageListModel::SeqRole).toLongLong(), 7);
    EXPECT_EQ(roleAt(model, 0, MessageListModel::TimestampRole).toDateTime().toMSecsSinceEpoch(), T0);
    EXPECT_EQ(changed.size(), 1);
    EXPECT_TRUE(model.unsent().isEmpty());
    EXPECT_FALSE(model.markSent(u"unknown"_s, 8, T0));
}

TEST(MessageListModel, RefusedMessagesShowWhy)
{
    MessageListModel model;
    model.appendOwn(u"c1"_s, Alice, u"x"_s);
    ASSERT_TRUE(model.markFailed(u"c1"_s, u"text is too long"_s));
    EXPECT_EQ(roleAt(model, 0, MessageListModel::StatusRole).value<MessageListModel::Status>(),
              MessageListModel::Status::Failed);
    EXPECT_EQ(roleAt(model, 0, MessageListModel::ErrorRole).toString(), u"text is too long"_s);
}

TEST(MessageListModel, ConsecutiveChatsBySameSenderAreGrouped)
{
    MessageListModel model;
    model.insertChat({1, T0, Alice, u"one"_s});
    model.insertChat({2, T0 + 1000, Alice, u"two"_s});
    model.insertChat({3, T0 + 2000, Bob, u"three"_s});
    model.insertChat({4, T0 + 2000 + 6 * 60 * 1000, Bob, u"much later"_s});
    model.appendNotice(u"Carol joined"_s);
    model.insertChat({5, T0 + 7 * 60 * 1000, Bob, u"after notice"_s});
    const QList<bool> expected{true, false, true, true, true, true};
    for (int row = 0; row < model.rowCount(); ++row)
        EXPECT_EQ(roleAt(model, row, MessageListModel::FirstInGroupRole).toBool(), expected.at(row)) << row;
}

TEST(MessageListModel, HtmlShowsTheTextAndNothingElse)
{
    EXPECT_EQ(MessageListModel::toSafeHtml(u"<b>bold</b> & <img src=x onerror=alert(1)>"_s),
              u"<span style=\"white-space: pre-wrap\">&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x "
              "onerror=alert(1)&gt;</span>"_s);
    EXPECT_EQ(MessageListModel::toSafeHtml(u"see https://qt.io/docs?a=1&b=2, then"_s),
              u"<span style=\"white-space: pre-wrap\">see <a href=\"https://qt.io/docs?a=1&amp;b=2\">"
              "https://qt.io/docs?a=1&amp;b=2</a>, then</span>"_s);
    // Only http(s) become links; an attribute cannot be broken out of.
    const QString html =
        MessageListModel::toSafeHtml(u"javascript:alert(1) http://x.test/\"onmouseover=\"y"_s);
    EXPECT_FALSE(html.contains(u"href=\"javascript"_s));
    EXPECT_FALSE(html.contains(u"\"onmouseover"_s));
    EXPECT_TRUE(MessageListModel::toSafeHtml(u"a\nb"_s).contains(u"a<br>b"_s));
}

TEST(MessageListModel, AddressesStartingWithWwwAreLinksToo)
{
    EXPECT_EQ(MessageListModel::toSafeHtml(u"try www.example.org."_s),
              u"<span style=\"white-space: pre-wrap\">try <a href=\"https://www.example.org\">"
              "www.example.org</a>.</span>"_s);
    EXPECT_FALSE(MessageListModel::toSafeHtml(u"awww.example.org"_s).contains(u"<a"_s)); // not a word start
}

TEST(MessageListModel, LinksToMessagesAreLinksAndNoOtherSchemeIs)
{
    EXPECT_TRUE(MessageListModel::toSafeHtml(u"see parley://10.0.0.2:47800/general/17 please"_s)
                    .contains(u"<a href=\"parley://10.0.0.2:47800/general/17\">"_s));
    EXPECT_TRUE(MessageListModel::toSafeHtml(u"parleys://host/d%3Aa%3Ab/3"_s).contains(u"<a href="_s));
    for (const QString &text : {u"javascript://x/alert(1)"_s, u"file:///etc/passwd"_s, u"parleyx://a/b/1"_s})
        EXPECT_FALSE(MessageListModel::toSafeHtml(text).contains(u"<a"_s)) << text.toStdString();
}

// Rich text takes the application's link colour; the view gives the theme's, and rows already
// shown take a new one (a change of theme) at once.
TEST(MessageListModel, LinksTakeTheColourTheViewGives)
{
    MessageListModel model;
    model.appendOwn(u"c1"_s, Alice, u"see www.qt.io"_s);
    const auto html = [&] { return model.data(model.index(0), MessageListModel::HtmlRole).toString(); };
    EXPECT_TRUE(html().contains(u"<a href=\"https://www.qt.io\">"_s)) << html().toStdString();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setLinkColor(QColor(u"#8ab4f8"_s));
    ASSERT_EQ(changed.size(), 1);
    EXPECT_TRUE(changed.constFirst().at(2).value<QList<int>>().contains(MessageListModel::HtmlRole));
    EXPECT_TRUE(html().contains(u"<a style=\"color:#8ab4f8\" href=\"https://www.qt.io\">"_s))
        << html().toStdString();
    model.setLinkColor(QColor(u"#8ab4f8"_s));
    EXPECT_EQ(changed.size(), 1); // the same colour changes nothing
}

namespace {
QList<qint64> seqColumn(const MessageListModel &model)
{
    QList<qint64> seqs;
    for (int row = 0; row < model.rowCount(); ++row)
        seqs.append(roleAt(model, row, MessageListModel::SeqRole).toLongLong());
    return seqs;
}
} // namespace

TEST(MessageListModel, KeepsSeqOrderWhateverTheArrivalOrderAndShowsEachOnce)
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (qint64 seq : {5, 2, 9, 2, 7, 5, 1})
        model.insertChat({seq, T0 + seq, Alice, u"m"_s});
    EXPECT_EQ(seqColumn(model), (QList<qint64>{1, 2, 5, 7, 9}));
    EXPECT_FALSE(model.insertChat({7, T0, Bob, u"again"_s}));
    EXPECT_EQ(model.firstSeq(), 1);
    EXPECT_EQ(model.lastSeq(), 9);
}

TEST(MessageListModel, UnackedChatsStayLastAndMoveToTheirSeqWhenAcked)
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.insertChat({1, T0, Bob, u"one"_s});
    model.appendOwn(u"mine"_s, Alice, u"pending"_s);
    model.insertChat({3, T0 + 3, Bob, u"three"_s}); // goes above our pending row
    EXPECT_EQ(roleAt(model, 2, MessageListModel::TextRole).toString(), u"pending"_s);

    ASSERT_TRUE(model.markSent(u"mine"_s, 2, T0 + 2)); // the room gave it seq 2
    EXPECT_EQ(seqColumn(model), (QList<qint64>{1, 2, 3}));
    EXPECT_EQ(roleAt(model, 1, MessageListModel::TextRole).toString(), u"pending"_s);
    EXPECT_TRUE(model.unsent().isEmpty());
}

TEST(MessageListModel, AnAckForAChatHistoryAlreadyBroughtKeepsOneRow)
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.appendOwn(u"mine"_s, Alice, u"hello"_s);
    model.insertChat({4, T0, Alice, u"hello"_s}, true); // resumed history had it
    ASSERT_TRUE(model.markSent(u"mine"_s, 4, T0));      // then the re-send was acked
    EXPECT_EQ(model.rowCount(), 1);
    EXPECT_EQ(seqColumn(model), QList<qint64>{4});
    EXPECT_TRUE(roleAt(model, 0, MessageListModel::IsOwnRole).toBool());
}

TEST(MessageListModel, NoticesAndRefusedChatsStayWhereTheyHappened)
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.insertChat({1, T0, Bob, u"one"_s});
    model.appendNotice(u"Carol joined"_s);
    model.appendOwn(u"bad"_s, Alice, u"refused"_s);
    model.appendOwn(u"ok"_s, Alice, u"fine"_s);
    ASSERT_TRUE(model.markFailed(u"bad"_s, u"too long"_s));
    model.insertChat({2, T0 + 2, Bob, u"two"_s});
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts.append(roleAt(model, row, MessageListModel::TextRole).toString());
    EXPECT_EQ(texts, (QStringList{u"one"_s, u"Carol joined"_s, u"refused"_s, u"two"_s, u"fine"_s}));
    EXPECT_EQ(model.unsent().size(), 1);
    EXPECT_FALSE(model.insertChat({1, T0, Bob, u"one"_s}));
}

TEST(MessageListModel, AJoinNoticeGoesAfterTheHistoryThatFollowsTheWelcome)
{
    MessageListModel model;
    model.appendNotice(u"You joined"_s, 3); // the welcome said the newest chat is seq 3
    for (qint64 seq : {1, 2, 3})
        model.insertChat({seq, T0 + seq, Alice, u"m%1"_s.arg(seq)});
    model.insertChat({4, T0 + 4, Alice, u"live"_s});
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts.append(roleAt(model, row, MessageListModel::TextRole).toString());
    EXPECT_EQ(texts, (QStringList{u"m1"_s, u"m2"_s, u"m3"_s, u"You joined"_s, u"live"_s}));
}

TEST(MessageListModel, AMentionOfMeStandsOutAndAnEscapedNameCannotBecomeMarkup)
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSelf({u"me"_s, u"Tom & <Jerry>"_s});
    model.insertChat({1, 1, {u"b"_s, u"Bob"_s}, u"hi @tom & <jerry>, and @Tom"_s, u"general"_s, {u"me"_s}});
    model.insertChat({2, 2, {u"b"_s, u"Bob"_s}, u"@Tom & <Jerry> not for you"_s, u"general"_s, {u"other"_s}});
    EXPECT_TRUE(model.data(model.index(0), MessageListModel::MentionsMeRole).toBool());
    EXPECT_FALSE(model.data(model.index(1), MessageListModel::MentionsMeRole).toBool());
    const QString html = model.data(model.index(0), MessageListModel::HtmlRole).toString();
    EXPECT_TRUE(html.contains(u"<b>@tom &amp; &lt;jerry&gt;</b>"_s)) << html.toStdString();
    EXPECT_FALSE(html.contains(u"<jerry>"_s));
    EXPECT_FALSE(model.data(model.index(1), MessageListModel::HtmlRole).toString().contains(u"<b "_s));
}

TEST(MessageListModel, TheFirstUnreadChatFromOthersIsMarked)
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (qint64 seq = 1; seq <= 4; ++seq)
        model.insertChat({seq, seq, {seq == 3 ? u"me"_s : u"b"_s, u"X"_s}, u"m"_s}, seq == 3);
    const auto firstUnread = [&] {
        QList<int> rows;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.data(model.index(row), MessageListModel::FirstUnreadRole).toBool())
                rows.append(row);
        }
        return rows;
    };
    EXPECT_TRUE(firstUnread().isEmpty());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setUnreadAfter(2);
    EXPECT_EQ(changed.size(), 1);
    EXPECT_EQ(firstUnread(), QList<int>{3}); // seq 3 is our own: seq 4 starts what was unread
    model.setUnreadAfter(0);
    EXPECT_EQ(firstUnread(), QList<int>{0});
    model.setUnreadAfter(-1);
    EXPECT_TRUE(firstUnread().isEmpty());
}

namespace {
QStringList separators(const MessageListModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(roleAt(model, row, MessageListModel::DaySeparatorRole).toString());
    return result;
}
qint64 at(const QTimeZone &zone, QDate day, QTime time)
{
    return QDateTime(day, time, zone).toMSecsSinceEpoch();
}
} // namespace

TEST(MessageListModel, ADaysFirstRowSaysWhichDayItIsWhereTheReaderIs)
{
    const QTimeZone saigon("Asia/Ho_Chi_Minh"); // UTC+7
    ASSERT_TRUE(saigon.isValid());
    const QDate today(2026, 12, 2);
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTimeZone(saigon);
    model.setToday(today);
    model.insertChat({1, at(saigon, QDate(2026, 11, 20), QTime(9, 0)), Alice, u"weeks ago"_s});
    model.insertChat({2, at(saigon, QDate(2026, 11, 28), QTime(9, 0)), Alice, u"on Saturday"_s});
    model.insertChat({3, at(saigon, today.addDays(-1), QTime(23, 58)), Alice, u"just before midnight"_s});
    model.insertChat({4, at(saigon, today, QTime(0, 2)), Alice, u"just after"_s});
    model.insertChat({5, at(saigon, today, QTime(0, 3)), Alice, u"and again"_s});
    EXPECT_EQ(separators(model), (QStringList{QLocale().toString(QDate(2026, 11, 20), QLocale::LongFormat),
                                              QLocale().dayName(Qt::Saturday),
                                              u"Yesterday"_s,
                                              u"Today"_s,
                                              {}}));
    // Four minutes apart, but a new day: the sender's name shows again.
    EXPECT_TRUE(roleAt(model, 3, MessageListModel::FirstInGroupRole).toBool());
    EXPECT_FALSE(roleAt(model, 4, MessageListModel::FirstInGroupRole).toBool());

    // Midnight passes: the labels move on.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setToday(today.addDays(1));
    ASSERT_FALSE(changed.isEmpty());
    EXPECT_TRUE(changed.constLast().at(2).value<QList<int>>().contains(MessageListModel::DaySeparatorRole));
    EXPECT_EQ(roleAt(model, 2, MessageListModel::DaySeparatorRole), QLocale().dayName(Qt::Tuesday));
    EXPECT_EQ(roleAt(model, 3, MessageListModel::DaySeparatorRole), u"Yesterday"_s);

    // The same messages read in London (UTC): 23:58, 00:02 and 00:03 in Saigon were 16:58, 17:02
    // and 17:03 on one day there; they are one group under one separator.
    model.setTimeZone(QTimeZone("Europe/London"));
    model.setToday(today);
    EXPECT_EQ(separators(model).mid(2), (QStringList{u"Yesterday"_s, {}, {}}));
    EXPECT_FALSE(roleAt(model, 3, MessageListModel::FirstInGroupRole).toBool());
}

TEST(MessageListModel, ARepliesQuoteFollowsItsOriginal)
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.insertChat({1, T0, Alice, u"Shall we meet at 5?"_s});
    ChatMessage reply{2, T0 + 1000, Bob, u"Yes"_s};
    reply.reply = ReplyQuote{1, Alice, u"Shall we meet at 5?"_s};
    model.insertChat(reply);
    EXPECT_EQ(roleAt(model, 1, MessageListModel::ReplySeqRole).toLongLong(), 1);
    EXPECT_EQ(roleAt(model, 1, MessageListModel::ReplySenderRole), u"Alice"_s);
    EXPECT_EQ(roleAt(model, 0, MessageListModel::ReplySeqRole).toLongLong(), 0);
    // Our own reply shows its quote at once, from what is shown.
    model.appendOwn(u"c1"_s, Bob, u"me too"_s, model.quoteOf(1));
    EXPECT_EQ(roleAt(model, 2, MessageListModel::ReplyTextRole), u"Shall we meet at 5?"_s);

    // The original edited, then deleted: every quote of it follows.
    ChatMessage edited{1, T0, Alice, u"Shall we meet at 6?"_s};
    edited.revision = 3;
    edited.editedTs = T0 + 5000;
    model.applyChange(edited);
    EXPECT_EQ(roleAt(model, 1, MessageListModel::ReplyTextRole), u"Shall we meet at 6?"_s);
    EXPECT_EQ(roleAt(model, 2, MessageListModel::ReplyTextRole), u"Shall we meet at 6?"_s);
    ChatMessage deleted{1, T0, Alice, {}};
    deleted.revision = 4;
    deleted.deleted = ChatMessage::Deletion::ByAuthor;
    model.applyChange(deleted);
    EXPECT_TRUE(roleAt(model, 1, MessageListModel::ReplyDeletedRole).toBool());
    EXPECT_EQ(roleAt(model, 1, MessageListModel::ReplyTextRole), u""_s);

    // A quote of a file without a caption says so.
    ChatMessage toFile{5, T0 + 9000, Bob, u"nice"_s};
    toFile.reply = ReplyQuote{4, Alice, {}, false, true};
    model.insertChat(toFile);
    EXPECT_EQ(roleAt(model, model.rowOfSeq(5), MessageListModel::ReplyTextRole), u"📎 A file"_s);
}
