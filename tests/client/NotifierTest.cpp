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

TEST(Notifier, SoundsForWhatTheSettingCoversAndOnlyWithANotification)
{
    using Sound = AppSettings::NotificationSound;
    Notifier notifier;
    QSignalSpy sounds(&notifier, &Notifier::soundRequested);
    notifier.chatArrived(u"Bob"_s, u"a direct message"_s, true, u"all"_s);
    EXPECT_EQ(sounds.size(), 0) << "the window is active: nothing to draw attention to";

    notifier.setWindowActive(false);
    EXPECT_EQ(notifier.sound(), Sound::DirectAndMentions);
    notifier.chatArrived(u"Bob in #busy"_s, u"chatter"_s, false, u"all"_s);
    EXPECT_EQ(sounds.size(), 0) << "channels are quiet by default";
    notifier.chatArrived(u"Bob"_s, u"a direct message"_s, true, u"none"_s);
    EXPECT_EQ(sounds.size(), 1);

    notifier.setSound(Sound::Everything);
    notifier.chatArrived(u"Bob in #busy"_s, u"chatter"_s, false, u"all"_s);
    EXPECT_EQ(sounds.size(), 2);
    notifier.chatArrived(u"Bob in #muted"_s, u"chatter"_s, false, u"none"_s);
    notifier.chatArrived(u"Bob in #busy"_s, u"chatter"_s, false, u"mentions"_s);
    EXPECT_EQ(sounds.size(), 2) << "a conversation's level silences its sound too";

    notifier.setSound(Sound::Off);
    QSignalSpy notifications(&notifier, &Notifier::notificationRequested);
    notifier.chatArrived(u"Bob"_s, u"a direct message"_s, true, u"all"_s);
    EXPECT_EQ(notifications.size(), 1);
    EXPECT_EQ(sounds.size(), 2);
}
