// A host's announcer, heard over loopback through its extra target: it announces at once, on
// changes and on queries (coalesced), and says goodbye when it stops.
#include "RoomAnnouncer.h"

#include "DiscoverySocket.h"

#include <QElapsedTimer>
#include <QTest>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;
using namespace Discovery;

namespace {

class RoomAnnouncerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(listener.bind(0));
        connect();
        room.instanceId = u"lab"_s;
        room.name = u"Lab"_s;
        room.port = 47800;
        room.protocolVersion = 1;
        announcer.addTarget(QHostAddress::LocalHost, listener.port());
        ASSERT_TRUE(announcer.start(room, 0)) << announcer.errorString().toStdString();
    }

    void connect()
    {
        QObject::connect(&listener, &DiscoverySocket::packetReceived, [this](const Packet &packet) {
            if (const auto *announcement = std::get_if<Announcement>(&packet))
                announcements.append(*announcement);
            else if (std::holds_alternative<Goodbye>(packet))
                ++goodbyes;
        });
    }

    DiscoverySocket listener;
    RoomAnnouncer announcer;
    Announcement room;
    QList<Announcement> announcements;
    int goodbyes = 0;
};

} // namespace

TEST_F(RoomAnnouncerTest, AnnouncesAtOnceAndAfterChanges)
{
    ASSERT_TRUE(QTest::qWaitFor([&] { return !announcements.isEmpty(); }, 3000));
    EXPECT_EQ(announcements.constFirst(), room);

    announcer.setMembers(3);
    announcer.setMembers(4); // coalesced with the first change
    ASSERT_TRUE(QTest::qWaitFor([&] { return announcements.constLast().members == 4; }, 3000));
    announcer.setName(u"Lab B"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return announcements.constLast().name == u"Lab B"_s; }, 3000));
    // The states announced, periodic repeats left out: every change once, and the member count
    // of 3 never, since 4 replaced it before anything went out (whatever the machine's speed).
    QList<Announcement> states;
    for (const Announcement &announcement : std::as_const(announcements)) {
        if (states.isEmpty() || states.constLast() != announcement)
            states.append(announcement);
    }
    Announcement four = room;
    four.members = 4;
    Announcement renamed = four;
    renamed.name = u"Lab B"_s;
    EXPECT_EQ(states, (QList<Announcement>{room, four, renamed}));
}

TEST_F(RoomAnnouncerTest, AnswersQueriesButAFloodOfThemCostsFewAnnouncements)
{
    ASSERT_TRUE(QTest::qWaitFor([&] { return announcements.size() == 1; }, 3000));
    DiscoverySocket browser;
    ASSERT_TRUE(browser.bind(0));
    QElapsedTimer elapsed;
    elapsed.start();
    // All queued before the announcer reads any: it reads them in one go.
    for (int i = 0; i < 100; ++i)
        browser.sendTo(Query{}, QHostAddress::LocalHost, announcer.port());
    ASSERT_TRUE(QTest::qWaitFor([&] { return announcements.size() >= 2; }, 1500))
        << "the query was not answered";
    // The goodbye comes after every announcement sent before it (loopback keeps the order).
    announcer.stop();
    ASSERT_TRUE(QTest::qWaitFor([&] { return goodbyes == 1; }, 3000));
    const auto periods = elapsed.elapsed() / RoomAnnouncer::MinGap.count();
    EXPECT_LE(announcements.size(), 1 + periods + 2) << "in " << elapsed.elapsed() << " ms";
}

TEST_F(RoomAnnouncerTest, SaysGoodbyeWhenStopped)
{
    ASSERT_TRUE(QTest::qWaitFor([&] { return !announcements.isEmpty(); }, 3000));
    announcer.stop();
    EXPECT_FALSE(announcer.isRunning());
    ASSERT_TRUE(QTest::qWaitFor([&] { return goodbyes == 1; }, 3000));
}
