// The room's rules without a transport: sessions here record what the room delivers to them.
#include "Room.h"

#include "OutgoingMessage.h"
#include "Session.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>
#include <numeric>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

/// Leaves the room when it goes: a test that stops early (a failed ASSERT) destroys its
/// sessions before the room, which must then not reach them.
class RecordingSession : public Session
{
public:
    explicit RecordingSession(Room &room)
        : m_room(room)
    {}
    ~RecordingSession() override { m_room.remove(this); }
    Q_DISABLE_COPY_MOVE(RecordingSession)

    void deliver(const OutgoingMessage &message) override { messages.push_back(message.message()); }
    void closeConnection(int code, const QString &) override { closedWith = code; }
    QString peerAddress() const override { return QStringLiteral("127.0.0.1"); }
    qint64 bytesQueued() const override { return queued; }
    bool hasUnreadInput() const override { return unreadInput; }

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

    /// Every chat received, live or in history, in the order received.
    std::vector<qint64> chatSeqs() const
    {
        std::vector<qint64> seqs;
        for (const ServerMessage &message : messages) {
            if (const auto *chat = std::get_if<ChatMessage>(&message))
                seqs.push_back(chat->seq);
            else if (const auto *history = std::get_if<History>(&message))
                for (const ChatMessage &chat : history->messages)
                    seqs.push_back(chat.seq);
        }
        return seqs;
    }

    std::vector<ServerMessage> messages;
    int closedWith = 0;
    qint64 queued = 0;        // what the "transport" has not written yet
    bool unreadInput = false; // the "transport" has bytes it has not read yet

private:
    Room &m_room;
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
    RecordingSession alice(room);
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
    RecordingSession silent(room);
    room.admit(&silent);
    EXPECT_TRUE(QTest::qWaitFor([&] { return room.memberCount() == 1; }, 5000));
    EXPECT_TRUE(silent.member().name.startsWith(u"Guest "_s));
    room.remove(&silent);
}

TEST(Room, AHelloThatCameInTimeButWasNotReadYetStillCounts)
{
    // A busy room (a thousand joining) may reach its hello timer before the socket it has not
    // read yet: that connection waits once more instead of joining as a v1 guest.
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession busy(room);
    busy.unreadInput = true;
    room.admit(&busy);
    RecordingSession silent(room); // admitted with it, nothing to read: a guest when time is up
    room.admit(&silent);
    ASSERT_TRUE(QTest::qWaitFor([&] { return silent.hasJoined(); }, 5000));
    EXPECT_FALSE(busy.hasJoined());
    room.handle(&busy, Hello{u"Ann"_s, {}, {}, {}, {}, 2});
    ASSERT_EQ(room.memberCount(), 2);
    EXPECT_EQ(busy.member().name, u"Ann"_s);
    EXPECT_EQ(busy.protocolVersion(), 2);

    RecordingSession trickler(
        room); // but only once: bytes that never make a hello do not hold a seat forever
    trickler.unreadInput = true;
    room.admit(&trickler);
    EXPECT_TRUE(QTest::qWaitFor([&] { return trickler.hasJoined(); }, 5000));
    EXPECT_TRUE(trickler.member().name.startsWith(u"Guest "_s));
}

TEST(Room, AnyOtherFirstFrameJoinsAsGuestAndIsHandled)
{
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession alice(room), bob(room);
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
    RecordingSession session(room);
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
    RecordingSession alice(room), bob(room);
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
    RecordingSession watcher(room);
    room.admit(&watcher);
    room.handle(&watcher, Hello{u"Watcher"_s});
    ASSERT_TRUE(QTest::qWaitFor([&] { return !watcher.all<UserCount>().empty(); }, 5000));
    watcher.messages.clear();

    std::vector<std::unique_ptr<RecordingSession>> crowd;
    for (int i = 0; i < 1000; ++i) {
        crowd.push_back(std::make_unique<RecordingSession>(room));
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
        members.push_back(std::make_unique<RecordingSession>(room));
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
    RecordingSession watcher(room), visitor(room);
    room.admit(&watcher);
    room.handle(&watcher, Hello{u"Watcher"_s});
    ASSERT_TRUE(QTest::qWaitFor([&] { return !watcher.all<UserCount>().empty(); }, 5000));
    watcher.messages.clear();

    RecordingSession renamed(room);
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
    RecordingSession alice(room), bob(room);
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

TEST(Room, AResumeComesAPageAtATimeAsTheMemberReads)
{
    ServerConfig config = quickConfig();
    config.resumePageSize = 50;
    Room room(config);
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession alice(room), bob(room);
    room.admit(&alice);
    room.handle(&alice, Hello{u"Alice"_s});
    for (int i = 0; i < 480; ++i)
        room.handle(&alice, SendChat{u"message %1"_s.arg(i), u"a%1"_s.arg(i)});
    room.flush();

    bob.queued = 10 * 1024 * 1024; // not reading
    room.admit(&bob);
    room.handle(&bob, Hello{u"Bob"_s, u"bob's token, long enough"_s, qint64(0)});
    room.handle(&alice, SendChat{u"live while Bob catches up"_s, u"live-1"_s});
    room.flush();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    // A page, and nothing more, while Bob does not read; the live chat waits in the store.
    EXPECT_EQ(bob.chatSeqs().size(), 50u);

    bob.queued = 0; // reading again: the transport says so as it writes
    room.sessionDrained(&bob);
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob.chatSeqs().size() >= 481; }, 5000)) << bob.chatSeqs().size();
    std::vector<qint64> expected(481);
    std::iota(expected.begin(), expected.end(), 1);
    EXPECT_EQ(bob.chatSeqs(), expected); // every one, once, in order

    room.handle(&alice, SendChat{u"live again"_s, u"live-2"_s});
    room.flush();
    ASSERT_EQ(bob.all<ChatMessage>().size(), 1u); // caught up: live chats come live
    EXPECT_EQ(bob.all<ChatMessage>().front().seq, 482);
}

TEST(Room, OlderPagesWaitUntilThePreviousOneIsRead)
{
    Room room(quickConfig());
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession alice(room);
    room.admit(&alice);
    room.handle(&alice, Hello{u"Alice"_s});
    for (int i = 0; i < 300; ++i)
        room.handle(&alice, SendChat{u"message %1"_s.arg(i), u"a%1"_s.arg(i)});
    room.flush();
    const auto before = alice.all<History>().size();
    alice.queued = 10 * 1024 * 1024;
    room.handle(&alice, HistoryRequest{200, 50});
    room.handle(&alice, HistoryRequest{150, 50});
    EXPECT_EQ(alice.all<History>().size(), before); // nothing piles up behind an unread page
    alice.queued = 0;
    room.sessionDrained(&alice);
    const auto histories = alice.all<History>();
    ASSERT_EQ(histories.size(), before + 1); // the newest request, once
    EXPECT_EQ(histories.back().messages.constLast().seq, 149);
}

// A member that reconnects while its old connection is still catching up: the old one is
// replaced, and the room keeps no pointer to it once it goes (the sanitizer run would see one).
TEST(Room, ReplacedWhileCatchingUpLeavesNothingBehind)
{
    ServerConfig config = quickConfig();
    config.resumePageSize = 20;
    Room room(config);
    ASSERT_TRUE(room.open()) << room.errorString().toStdString();
    RecordingSession alice(room);
    room.admit(&alice);
    room.handle(&alice, Hello{u"Alice"_s});
    for (int i = 0; i < 100; ++i)
        room.handle(&alice, SendChat{u"message %1"_s.arg(i), u"a%1"_s.arg(i)});
    room.flush();

    const QString token = u"bob's token, long enough"_s;
    auto stale = std::make_unique<RecordingSession>(room);
    stale->queued = 10 * 1024 * 1024; // a laptop asleep: its socket takes nothing
    room.admit(stale.get());
    room.handle(stale.get(), Hello{u"Bob"_s, token, qint64(0)});
    RecordingSession fresh(room);
    room.admit(&fresh);
    room.handle(&fresh, Hello{u"Bob"_s, token, qint64(0)});
    EXPECT_EQ(stale->closedWith, CloseCodeReplaced);
    stale.reset(); // its connection goes
    ASSERT_TRUE(QTest::qWaitFor([&] { return fresh.chatSeqs().size() >= 100; }, 5000))
        << fresh.chatSeqs().size();
    std::vector<qint64> expected(100);
    std::iota(expected.begin(), expected.end(), 1);
    EXPECT_EQ(fresh.chatSeqs(), expected);
}
