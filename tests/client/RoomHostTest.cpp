// The embedded host: a real gateway on its own thread, reached over loopback.
#include "RoomHost.h"

#include "Limits.h"
#include "TestClient.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

TEST(RoomHost, HostsARoomOnItsOwnThreadAndClosesIt)
{
    RoomHost host;
    QSignalSpy started(&host, &RoomHost::started);
    QSignalSpy stopped(&host, &RoomHost::stopped);
    host.start(u"Staff room"_s, 0);
    ASSERT_TRUE(started.wait(5000));
    ASSERT_TRUE(host.isRunning());
    ASSERT_GT(host.port(), 0);
    EXPECT_EQ(host.localUrl(), QUrl(u"ws://127.0.0.1:%1/"_s.arg(host.port())));

    TestClient alice;
    ASSERT_TRUE(alice.join(host.localUrl(), u"Alice"_s));
    EXPECT_EQ((*alice.waitFor(u"welcome"_s))[u"room"_s], u"Staff room"_s);
    TestClient bob;
    ASSERT_TRUE(bob.join(host.localUrl(), u"Bob"_s));
    bob.sendChat(u"hi"_s, u"b1"_s);
    ASSERT_TRUE(alice.waitFor(u"chat"_s));

    host.stop();
    ASSERT_TRUE(stopped.wait(5000));
    EXPECT_FALSE(host.isRunning());
    for (TestClient *client : {&alice, &bob}) {
        ASSERT_TRUE(client->waitForClose());
        // Not 1001 (a server restarting): members are told the room is gone for good.
        EXPECT_EQ(int(client->socket().closeCode()), Protocol::CloseCodeRoomClosed);
        EXPECT_EQ(client->socket().closeReason(), u"the host closed the room"_s);
    }
}

TEST(RoomHost, StoppedBeforeItListensItNeverStarts)
{
    RoomHost host;
    QSignalSpy started(&host, &RoomHost::started);
    QSignalSpy stopped(&host, &RoomHost::stopped);
    host.start(u"Brief room"_s, 0);
    host.stop(); // the room's thread is still setting up
    ASSERT_TRUE(stopped.wait(5000));
    EXPECT_EQ(started.size(), 0);
    EXPECT_FALSE(host.isRunning());
    EXPECT_FALSE(host.isBusy());
}

TEST(RoomHost, ABusyPortIsReportedAndNothingRuns)
{
    QTcpServer blocker;
    ASSERT_TRUE(blocker.listen(QHostAddress::Any, 0));
    RoomHost host;
    QSignalSpy failed(&host, &RoomHost::failed);
    const QString history = RoomHost::databasePathFor(u"Busy room"_s);
    QFile::remove(history);
    host.start(u"Busy room"_s, blocker.serverPort());
    ASSERT_TRUE(failed.wait(5000));
    EXPECT_FALSE(host.isRunning());
    EXPECT_FALSE(QFile::exists(history)) << "a room that never ran left " << history.toStdString();
    EXPECT_TRUE(host.errorString().contains(QString::number(blocker.serverPort())))
        << host.errorString().toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return !host.isBusy(); }, 5000));
}

TEST(RoomHost, RefusesBadRoomNamesAndPorts)
{
    RoomHost host;
    QSignalSpy failed(&host, &RoomHost::failed);
    host.start(u"   "_s, 0);
    host.start(u"Room"_s, 70000);
    EXPECT_EQ(failed.size(), 2);
    EXPECT_FALSE(host.isRunning());
}

TEST(RoomHost, CanHostAgainAfterStopping)
{
    RoomHost host;
    QSignalSpy started(&host, &RoomHost::started);
    QSignalSpy stopped(&host, &RoomHost::stopped);
    host.start(u"First"_s, 0);
    ASSERT_TRUE(started.wait(5000));
    host.stop();
    ASSERT_TRUE(stopped.wait(5000));
    host.start(u"Second"_s, 0);
    ASSERT_TRUE(started.wait(5000));
    TestClient alice;
    ASSERT_TRUE(alice.join(host.localUrl(), u"Alice"_s));
    EXPECT_EQ((*alice.waitFor(u"welcome"_s))[u"room"_s], u"Second"_s);
}

TEST(RoomHost, AppliesTheRoomsLimits)
{
    RoomHost host;
    host.setProperty("maxClients", 1);
    host.setProperty("maxTextLength", 5);
    QSignalSpy started(&host, &RoomHost::started);
    host.start(u"Tiny room"_s, 0);
    ASSERT_TRUE(started.wait(5000));
    TestClient alice;
    ASSERT_TRUE(alice.join(host.localUrl(), u"Alice"_s));
    TestClient bob;
    bob.socket().open(host.localUrl());
    EXPECT_TRUE(bob.waitForClose());
    EXPECT_TRUE(bob.received(u"welcome"_s).isEmpty());
    alice.sendChat(u"too long"_s, u"a1"_s);
    EXPECT_TRUE(
        alice.waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"code"_s] == u"too_long"_s; }));
}

TEST(RoomHost, RefusesLimitsWhereTheLongestMessageDoesNotFitAFrame)
{
    RoomHost host;
    host.setProperty("maxMessageKiB", 1); // 4,000 characters can take 16 KiB
    QSignalSpy failed(&host, &RoomHost::failed);
    host.start(u"Tight room"_s, 0);
    ASSERT_TRUE(failed.size() == 1 || failed.wait(5000));
    EXPECT_TRUE(host.errorString().contains(u"need frames of at least 16 KiB"_s))
        << host.errorString().toStdString();
    EXPECT_FALSE(host.isRunning());
}
