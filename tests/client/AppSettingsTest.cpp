#include "AppSettings.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

TEST(AppSettings, RemembersAcrossInstances)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"parley.ini"_s);
    {
        AppSettings settings(file);
        settings.setDisplayName(u"Alice"_s);
        settings.setHostRoomName(u"Lobby"_s);
        settings.setHostPort(47900);
        settings.setWindowGeometry({10, 20, 800, 600});
        settings.addRecentAddress(u"ws://10.0.0.2:47800/"_s);
        EXPECT_EQ(settings.colorScheme(), AppSettings::ColorScheme::FollowSystem);
        settings.setColorScheme(AppSettings::ColorScheme::Dark);
        EXPECT_EQ(settings.notificationSound(), AppSettings::NotificationSound::DirectAndMentions);
        settings.setNotificationSound(AppSettings::NotificationSound::Off);
    }
    AppSettings settings(file);
    EXPECT_EQ(settings.colorScheme(), AppSettings::ColorScheme::Dark);
    EXPECT_EQ(settings.notificationSound(), AppSettings::NotificationSound::Off);
    EXPECT_EQ(settings.displayName(), u"Alice"_s);
    EXPECT_EQ(settings.hostRoomName(), u"Lobby"_s);
    EXPECT_EQ(settings.hostPort(), 47900);
    EXPECT_EQ(settings.windowGeometry(), QRect(10, 20, 800, 600));
    EXPECT_EQ(settings.recentAddresses(), QStringList{u"ws://10.0.0.2:47800/"_s});
}

TEST(AppSettings, RecentAddressesAreMostRecentFirstUniqueAndBounded)
{
    QTemporaryDir dir;
    AppSettings settings(dir.filePath(u"parley.ini"_s));
    EXPECT_EQ(settings.hostPort(), 47800);
    for (int i = 0; i < 12; ++i)
        settings.addRecentAddress(u"host%1"_s.arg(i));
    settings.addRecentAddress(u" host5 "_s);
    settings.addRecentAddress(u""_s);
    const QStringList recent = settings.recentAddresses();
    ASSERT_EQ(recent.size(), AppSettings::MaxRecentAddresses);
    EXPECT_EQ(recent.at(0), u"host5"_s);
    EXPECT_EQ(recent.at(1), u"host11"_s);
    EXPECT_EQ(recent.count(u"host5"_s), 1);
    settings.removeRecentAddress(u"host5"_s);
    EXPECT_FALSE(settings.recentAddresses().contains(u"host5"_s));
}
