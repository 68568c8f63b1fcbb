// The room's rules without a transport: sessions here record what the room delivers to them.
#include "Room.h"

#include "OutgoingMessage.h"
#include "Session.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

class RecordingSession : public Session
{
public:
    void deliver(const OutgoingMessage &message) override { messages.push_back(message.message()); }
    void closeConnection(int code, const QString &) override { closedWith = code; }
    QString peerAddress() const override { return QStringLiteral("127.0.0.1"); }

    template<typename T>
    std::vector<T> all() const
    {
        std::vector<T> result;
        for (const ServerMessage &message : messages) {
            if (const auto *value = std::get_if<T>(&message))
                result.push_back(*value);
        }
        return result;
    }

    std::vector<ServerMessage> messages;
    int closedWith = 0;
};

ServerConfig quickConfig()
{
    ServerConfig config;
    config.roomName = u"Test room"_s;
    config.helloTimeout = 50ms;
    return config;
}

} // namespace

TEST(Room, HelloJoinsWithTheGivenNameAndAWelcome)
{
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession alice;
    room.admit(&alice);
    EXPECT_EQ(room.memberCount(), 0);
    room.handle(&alice, Hello{u"  Alice  "_s});
    ASSERT_EQ(room.memberCount(), 1);
    EXPECT_EQ(alice.member().name, u"Alice"_s);
    const auto welcomes = alice.all<Welcome>();
    ASSERT_EQ(welcomes.size(), 1u);
    EXPECT_EQ(welcomes[0].room, u"Test room"_s);
    EXPECT_EQ(welcomes[0].you, alice.member());
    EXPECT_EQ(welcomes[0].members, QList<Member>{alice.member()});
}

TEST(Room, SilentConnectionJoinsAsGuestAfterTheHelloTimeout)
{
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession silent;
    room.admit(&silent);
    EXPECT_TRUE(QTest::qWaitFor([&] { return room.memberCount() == 1; }, 5000));
    EXPECT_TRUE(silent.member().name.startsWith(u"Guest "_s));
    room.remove(&silent);
}

TEST(Room, AnyOtherFirstFrameJoinsAsGuestAndIsHandled)
{
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession alice, bob;
    room.admit(&alice);
    room.handle(&alice, Hello{u"Alice"_s});
    room.admit(&bob);
    room.handle(&bob, SendChat{u"first!"_s, u"c1"_s});
    EXPECT_TRUE(bob.member().name.startsWith(u"Guest "_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return alice.all<ChatMessage>().size() == 1u; }, 5000));
    EXPECT_EQ(alice.all<ChatMessage>()[0].from, bob.member());
    EXPECT_EQ(bob.all<Ack>().size(), 1u);
    room.remove(&alice);
    room.remove(&bob);
}

TEST(Room, InvalidHelloJoinsAsGuestAndExplains)
{
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession session;
    room.admit(&session);
    room.handle(&session, Hello{QString(40, u'x')});
    EXPECT_TRUE(session.hasJoined());
    EXPECT_TRUE(session.member().name.startsWith(u"Guest "_s));
    const auto errors = session.all<ServerError>();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].error.code, ErrorCode::BadName);
    room.remove(&session);
}

TEST(Room, SeqIncreasesByOnePerChat)
{
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession alice, bob;
    for (auto *s : {&alice, &bob}) {
        room.admit(s);
        room.handle(s, Hello{u"x"_s});
    }
    QSignalSpy posted(&room, &Room::chatPosted);
    room.handle(&alice, SendChat{u"one"_s, u"a"_s});
    room.handle(&bob, SendChat{u"two"_s, u"b"_s});
    room.handle(&alice, SendChat{u"three"_s, u"c"_s});
    ASSERT_TRUE(QTest::qWaitFor([&] { return posted.size() == 3; }, 5000));
    const auto acks = alice.all<Ack>();
    ASSERT_EQ(acks.size(), 2u);
    EXPECT_EQ(acks[0].seq, 1);
    EXPECT_EQ(acks[1].seq, 3);
    EXPECT_EQ(bob.all<Ack>().at(0).seq, 2);
    EXPECT_EQ(room.lastSeq(), 3);
    room.remove(&alice);
    room.remove(&bob);
}

// 1,000 joins in one burst cost an existing member one presence delta and one count, not 1,000.
TEST(Room, JoinStormIsCoalesced)
{
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession watcher;
    room.admit(&watcher);
    room.handle(&watcher, Hello{u"Watcher"_s});
    ASSERT_TRUE(QTest::qWaitFor([&] { return !watcher.all<UserCount>().empty(); }, 5000));
    watcher.messages.clear();

    std::vector<std::unique_ptr<RecordingSession>> crowd;
    for (int i = 0; i < 1000; ++i) {
        crowd.push_back(std::make_unique<RecordingSession>());
        room.admit(crowd.back().get());
        room.handle(crowd.back().get(), Hello{u"Member %1"_s.arg(i)});
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return !watcher.all<UserCount>().empty(); }, 5000));
    const auto deltas = watcher.all<PresenceDelta>();
    ASSERT_EQ(deltas.size(), 1u);
    EXPECT_EQ(deltas[0].joined.size(), 1000);
    ASSERT_EQ(watcher.all<UserCount>().size(), 1u);
    EXPECT_EQ(watcher.all<UserCount>()[0].count, 1001);
    // Every newcomer, too, ends at the true count.
    for (const auto &member : crowd)
        EXPECT_EQ(member->all<UserCount>().back().count, 1001);

    for (const auto &member : crowd)
        room.remove(member.get());
    room.remove(&watcher);
}

// Joins trickling into a big room are told to everyone less often than in a small one: each
// flush is a frame to every member.
TEST(Room, BigRoomsHearOfPresenceLessOften)
{
    ServerConfig config = quickConfig();
    config.presenceInterval = 20ms;
    config.presenceIntervalPerMember = 200ms; // a room of 6 flushes at most every 1.2 s
    Room room(config);
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    std::vector<std::unique_ptr<RecordingSession>> members;
    auto join = [&] {
        members.push_back(std::make_unique<RecordingSession>());
        room.admit(members.back().get());
        room.handle(members.back().get(), Hello{u"Member"_s});
    };
    for (int i = 0; i < 5; ++i)
        join();
    RecordingSession &watcher = *members.front();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !watcher.all<UserCount>().empty(); }, 5000));
    watcher.messages.clear();

    for (int i = 0; i < 5; ++i) {
        join();
        QTest::qWait(60); // three times the base interval: a small room would flush each join
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return !watcher.all<UserCount>().empty(); }, 5000));
    const auto deltas = watcher.all<PresenceDelta>();
    ASSERT_EQ(deltas.size(), 1u);
    EXPECT_EQ(deltas[0].joined.size(), 5);
    EXPECT_EQ(watcher.all<UserCount>().back().count, 10);
    for (const auto &member : members)
        room.remove(member.get());
}

TEST(Room, ComingAndGoingWithinOneIntervalCancelsOut)
{
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession watcher, visitor;
    room.admit(&watcher);
    room.handle(&watcher, Hello{u"Watcher"_s});
    ASSERT_TRUE(QTest::qWaitFor([&] { return !watcher.all<UserCount>().empty(); }, 5000));
    watcher.messages.clear();

    RecordingSession renamed;
    room.admit(&renamed);
    room.handle(&renamed, Hello{u"Before"_s});
    room.handle(&renamed, Hello{u"After"_s});
    room.admit(&visitor);
    room.handle(&visitor, Hello{u"Visitor"_s});
    room.remove(&visitor);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !watcher.all<PresenceDelta>().empty(); }, 5000));
    const PresenceDelta delta = watcher.all<PresenceDelta>().at(0);
    EXPECT_EQ(delta.joined, QList<Member>{renamed.member()});
    EXPECT_EQ(delta.joined.at(0).name, u"After"_s);
    EXPECT_TRUE(delta.left.isEmpty());
    EXPECT_TRUE(delta.renamed.isEmpty());
    room.remove(&renamed);
}

TEST(Room, TypingIsRelayedToOthersAndThrottled)
{
    ServerConfig config = quickConfig();
    config.typingInterval = std::chrono::hours(1);
    Room room(config);
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession alice, bob;
    for (auto *s : {&alice, &bob}) {
        room.admit(s);
        room.handle(s, Hello{u"x"_s});
    }
    room.handle(&alice, StartTyping{});
    room.handle(&alice, StartTyping{});
    ASSERT_EQ(bob.all<TypingNotice>().size(), 1u);
    EXPECT_EQ(bob.all<TypingNotice>()[0].from, alice.member());
    EXPECT_TRUE(alice.all<TypingNotice>().empty());
    room.remove(&alice);
    room.remove(&bob);
}
