// The room list, fed with real datagrams over loopback: what it keeps, updates, forgets and
// refuses. (Announcing over multicast between machines is DiscoveryNetnsTest.)
#include "RoomBrowser.h"

#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;
using namespace Discovery;

namespace {

Announcement room(const QString &id, const QString &name, int members = 0)
{
    Announcement announcement;
    announcement.instanceId = id;
    announcement.name = name;
    announcement.port = 47800;
    announcement.protocolVersion = 1;
    announcement.members = members;
    return announcement;
}

/// A fake host: sends datagrams to the browser from one loopback address.
class Sender
{
public:
    explicit Sender(const QString &address = u"127.0.0.1"_s)
    {
        EXPECT_TRUE(m_socket.bind(QHostAddress(address), 0)) << m_socket.errorString().toStdString();
    }
    void send(const QByteArray &datagram, quint16 port)
    {
        ASSERT_EQ(m_socket.writeDatagram(datagram, QHostAddress::LocalHost, port), datagram.size());
    }
    void send(const Packet &packet, quint16 port) { send(encode(packet), port); }

private:
    QUdpSocket m_socket;
};

class RoomBrowserTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(browser.start(0)) << browser.errorString().toStdString(); }

    /// Waits until the browser lists count rooms.
    bool waitForRooms(qsizetype count, int timeoutMs = 3000)
    {
        return QTest::qWaitFor([&] { return browser.rooms().size() == count; }, timeoutMs);
    }
    /// Sends a marker room from a fresh address and waits for it: everything sent before it
    /// on loopback has been read by then.
    void drain()
    {
        QSignalSpy found(&browser, &RoomBrowser::roomFound);
        const QString id = u"marker%1"_s.arg(++m_markers);
        Sender(u"127.0.1.%1"_s.arg(m_markers)).send(room(id, u"Marker"_s), browser.port());
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                return std::any_of(found.cbegin(), found.cend(), [&](const QList<QVariant> &args) {
                    return args.at(0).value<DiscoveredRoom>().announcement.instanceId == id;
                });
            },
            3000));
    }

    RoomBrowser browser;
    int m_markers = 0;
};

} // namespace

TEST_F(RoomBrowserTest, ListsAnnouncedRoomsAndKeepsThemCurrent)
{
    QSignalSpy found(&browser, &RoomBrowser::roomFound);
    QSignalSpy changed(&browser, &RoomBrowser::roomChanged);
    Sender host;
    host.send(room(u"lab"_s, u"Lab"_s, 1), browser.port());
    ASSERT_TRUE(found.wait(3000));
    const auto first = found.at(0).at(0).value<DiscoveredRoom>();
    EXPECT_EQ(first.announcement.name, u"Lab"_s);
    EXPECT_EQ(first.url(), QUrl(u"ws://127.0.0.1:47800/"_s));

    // Repeats change nothing; a new member count or name does.
    host.send(room(u"lab"_s, u"Lab"_s, 1), browser.port());
    host.send(room(u"lab"_s, u"Lab B"_s, 5), browser.port());
    ASSERT_TRUE(changed.wait(3000));
    EXPECT_EQ(changed.size(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<DiscoveredRoom>().announcement.members, 5);
    EXPECT_EQ(browser.rooms().size(), 1);

    Announcement secure = room(u"vault"_s, u"Vault"_s);
    secure.tls = true;
    host.send(secure, browser.port());
    ASSERT_TRUE(waitForRooms(2));
    EXPECT_EQ(found.last().at(0).value<DiscoveredRoom>().url(), QUrl(u"wss://127.0.0.1:47800/"_s));
}

TEST_F(RoomBrowserTest, AGoodbyeRemovesTheRoomOnlyFromItsOwnAddress)
{
    QSignalSpy lost(&browser, &RoomBrowser::roomLost);
    Sender host;
    Sender stranger(u"127.0.0.2"_s);
    host.send(room(u"lab"_s, u"Lab"_s), browser.port());
    ASSERT_TRUE(waitForRooms(1));

    stranger.send(Goodbye{u"lab"_s}, browser.port());
    drain();
    EXPECT_TRUE(lost.isEmpty());

    host.send(Goodbye{u"lab"_s}, browser.port());
    ASSERT_TRUE(lost.wait(3000));
    EXPECT_EQ(lost.at(0).at(0).toString(), u"lab"_s);
    EXPECT_EQ(browser.rooms().size(), 1); // only the marker is left
}

TEST_F(RoomBrowserTest, ASilentRoomExpires)
{
    browser.setExpiryTime(std::chrono::milliseconds(600));
    QSignalSpy lost(&browser, &RoomBrowser::roomLost);
    Sender host;
    host.send(room(u"lab"_s, u"Lab"_s), browser.port());
    ASSERT_TRUE(waitForRooms(1));
    ASSERT_TRUE(lost.wait(3000));
    EXPECT_EQ(lost.at(0).at(0).toString(), u"lab"_s);
    EXPECT_TRUE(browser.rooms().isEmpty());
}

TEST_F(RoomBrowserTest, GarbageIsIgnoredAndTheNextGoodPacketStillCounts)
{
    Sender attacker;
    attacker.send(QByteArray("\xff\xfe garbage"), browser.port());
    attacker.send(QByteArray(60000, '{'), browser.port());
    attacker.send(QByteArray(R"({"parley":"room","v":1,"id":"x","name":"","port":1})"), browser.port());
    attacker.send(QByteArray(), browser.port());
    drain();
    EXPECT_EQ(browser.rooms().size(), 1); // the marker alone
}

TEST_F(RoomBrowserTest, AFloodOfFakeRoomsIsCapped)
{
    // One sender may fill only its share of the list. (Sent in bursts the socket buffer holds:
    // what the kernel drops would prove nothing.)
    Sender flooder;
    for (int burst = 0; burst < 10; ++burst) {
        for (int i = 0; i < 100; ++i)
            flooder.send(room(u"fake%1-%2"_s.arg(burst).arg(i), u"Fake"_s), browser.port());
        drain();
    }
    EXPECT_EQ(browser.rooms().size(), RoomBrowser::MaxRoomsPerAddress + 10);

    // Many senders together fill it only up to the cap, without pushing out rooms already listed.
    for (int address = 10; address < 40; ++address) {
        Sender sender(u"127.0.0.%1"_s.arg(address));
        for (int i = 0; i < RoomBrowser::MaxRoomsPerAddress; ++i)
            sender.send(room(u"f%1-%2"_s.arg(address).arg(i), u"Fake"_s), browser.port());
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                return browser.rooms().size() >=
                       std::min<qsizetype>(RoomBrowser::MaxRooms,
                                           26 + (address - 9) * RoomBrowser::MaxRoomsPerAddress);
            },
            3000));
    }
    EXPECT_EQ(browser.rooms().size(), RoomBrowser::MaxRooms);
    const auto rooms = browser.rooms();
    EXPECT_TRUE(std::any_of(rooms.cbegin(), rooms.cend(), [](const DiscoveredRoom &r) {
        return r.announcement.instanceId == u"marker1"_s;
    }));

    // Rooms that go free up places for others.
    for (int i = 0; i < 100; ++i)
        flooder.send(Goodbye{u"fake0-%1"_s.arg(i)}, browser.port());
    ASSERT_TRUE(QTest::qWaitFor([&] { return browser.rooms().size() < RoomBrowser::MaxRooms; }, 3000));
    drain();
}

TEST_F(RoomBrowserTest, StoppingForgetsEveryRoom)
{
    QSignalSpy lost(&browser, &RoomBrowser::roomLost);
    Sender host;
    host.send(room(u"a"_s, u"A"_s), browser.port());
    host.send(room(u"b"_s, u"B"_s), browser.port());
    ASSERT_TRUE(waitForRooms(2));
    browser.stop();
    EXPECT_EQ(lost.size(), 2);
    EXPECT_TRUE(browser.rooms().isEmpty());
    EXPECT_FALSE(browser.isRunning());
}
