#include "Notifier.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

TEST(Notifier, QuietWhileTheWindowIsActive)
{
    Notifier notifier;
    QSignalSpy requested(&notifier, &Notifier::notificationRequested);
    notifier.chatArrived(u"Bob"_s, u"hi"_s);
    EXPECT_EQ(requested.size(), 0);
    EXPECT_EQ(notifier.unreadCount(), 0);
}

TEST(Notifier, CountsAndNotifiesWhileInactiveAndFocusClears)
{
    Notifier notifier;
    notifier.setWindowActive(false);
    QSignalSpy requested(&notifier, &Notifier::notificationRequested);
    notifier.chatArrived(u"Bob"_s, u"first\nline"_s);
    notifier.chatArrived(u"Carol"_s, QString(500, u'x'));
    EXPECT_EQ(notifier.unreadCount(), 2);
    ASSERT_EQ(requested.size(), 2);
    EXPECT_EQ(requested.at(0).at(0).toString(), u"Bob"_s);
    EXPECT_EQ(requested.at(0).at(1).toString(), u"first line"_s);
    EXPECT_LE(requested.at(1).at(1).toString().size(), 120);

    notifier.setWindowActive(true);
    EXPECT_EQ(notifier.unreadCount(), 0);
}

TEST(Notifier, DirectMessagesAndMentionsAlwaysNotifyChannelsAsTheirLevelSays)
{
    Notifier notifier;
    notifier.setWindowActive(false);
    QSignalSpy requested(&notifier, &Notifier::notificationRequested);
    notifier.chatArrived(u"Bob in #busy"_s, u"chatter"_s, false, u"mentions"_s);
    notifier.chatArrived(u"Bob in #muted"_s, u"chatter"_s, false, u"none"_s);
    EXPECT_EQ(requested.size(), 0);
    notifier.chatArrived(u"Bob in #busy"_s, u"@Alice look"_s, true, u"mentions"_s);
    notifier.chatArrived(u"Bob"_s, u"a direct message"_s, true, u"none"_s);
    notifier.chatArrived(u"Bob in #homework"_s, u"anything"_s, false, u"all"_s);
    ASSERT_EQ(requested.size(), 3);
    EXPECT_EQ(requested.at(1).at(0).toString(), u"Bob"_s);
}
