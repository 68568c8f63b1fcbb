// The gateway with real QWebSocket clients on loopback, server on port 0.
#include "ChatGateway.h"

#include "DirectWriteSocket.h"
#include "GatewayTest.h"
#include "MessageStore.h"
#include "SelfSignedCertificate.h"
#include "TestClient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;

TEST_F(ChatGatewayTest, EveryClientSeesTheCountChangeOnConnectAndDisconnect)
{
    QSignalSpy countChanges(gateway.get(), &ChatGateway::userCountChanged);
    QSignalSpy connected(gateway.get(), &ChatGateway::clientConnected);
    QSignalSpy disconnected(gateway.get(), &ChatGateway::clientDisconnected);
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    TestClient *carol = joined(u"Carol"_s);
    for (TestClient *client : {alice, bob, carol})
        EXPECT_TRUE(client->waitForCount(3)) << "last count " << client->lastCount();
    EXPECT_EQ(gateway->userCount(), 3);
    EXPECT_EQ(connected.size(), 3);

    carol->socket().close();
    for (TestClient *client : {alice, bob})
        EXPECT_TRUE(client->waitForCount(2)) << "last count " << client->lastCount();
    EXPECT_EQ(gateway->userCount(), 2);
    ASSERT_EQ(disconnected.size(), 1);
    EXPECT_EQ(disconnected.at(0).at(0).value<Protocol::Member>().name, u"Carol"_s);
    EXPECT_EQ(countChanges.constLast().at(0).toInt(), 2);
}

// Nagle's algorithm would hold a chat back while the previous one waits for a delayed ack (up to
// 40 ms: the benchmark's p99 at 10 and 100 members showed it).
TEST_F(ChatGatewayTest, AcceptedConnectionsSendWithoutNaglesDelay)
{
    joined(u"Alice"_s);
    joined(u"Bob"_s);
    const auto sockets = gateway->findChildren<QTcpSocket *>();
    ASSERT_EQ(sockets.size(), 2);
    for (QTcpSocket *socket : sockets)
        EXPECT_EQ(socket->socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);
}

TEST_F(ChatGatewayTest, ConnectionsThatCameAndWentLeaveNothingBehind)
{
    // The gateway accepts TCP itself: every socket it accepted must go when its client does,
    // or a long-running room would grow with every visit.
    for (int i = 0; i < 20; ++i) {
        TestClient visitor;
        ASSERT_TRUE(visitor.join(url, u"Visitor"_s));
        visitor.socket().close();
        ASSERT_TRUE(visitor.waitForClose());
    }
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            return gateway->findChildren<QTcpSocket *>().isEmpty() && gateway->userCount() == 0;
        },
        5000))
        << gateway->findChildren<QTcpSocket *>().size() << " sockets left";
}

TEST_F(ChatGatewayTest, AClientThatNeverSaysHelloIsAGuestAndCounted)
{
    TestClient *alice = joined(u"Alice"_s);
    TestClient silent;
    ASSERT_TRUE(silent.open(url));
    const auto welcome = silent.waitFor(u"welcome"_s);
    ASSERT_TRUE(welcome);
    EXPECT_TRUE((*welcome)[u"you"_s][u"name"_s].toString().startsWith(u"Guest "_s));
    EXPECT_TRUE(silent.waitForCount(2));
    EXPECT_TRUE(alice->waitForCount(2));
}

TEST_F(ChatGatewayTest, ChatReachesEveryOtherClientAndOnlyTheSenderGetsTheAck)
{
    QSignalSpy received(gateway.get(), &ChatGateway::messageReceived);
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    TestClient *carol = joined(u"Carol"_s);

    alice->sendChat(u"hi"_s, u"c-123"_s);
    const auto ack = alice->waitFor(u"ack"_s);
    ASSERT_TRUE(ack);
    EXPECT_EQ((*ack)[u"clientId"_s], u"c-123"_s);
    const qint64 seq = (*ack)[u"seq"_s].toInteger();
    EXPECT_GE(seq, 1);
    EXPECT_GT((*ack)[u"ts"_s].toInteger(), 1700000000000);

    for (TestClient *other : {bob, carol}) {
        const auto chat = other->waitFor(u"chat"_s);
        ASSERT_TRUE(chat);
        EXPECT_EQ((*chat)[u"text"_s], u"hi"_s);
        EXPECT_EQ((*chat)[u"seq"_s].toInteger(), seq);
        EXPECT_EQ((*chat)[u"ts"_s], (*ack)[u"ts"_s]);
        EXPECT_EQ((*chat)[u"from"_s][u"name"_s], u"Alice"_s);
        EXPECT_EQ((*chat)[u"from"_s][u"id"_s], alice->id());
        EXPECT_TRUE(other->received(u"ack"_s).isEmpty());
    }
    syncThrough(bob, alice);
    // Alice has now seen Bob's later chat, so her own would have come before it: it never did.
    for (const QJsonObject &chat : alice->received(u"chat"_s))
        EXPECT_NE(chat[u"from"_s][u"id"_s], alice->id());
    ASSERT_GE(received.size(), 1);
    EXPECT_EQ(received.at(0).at(0).value<Protocol::ChatMessage>().text, u"hi"_s);
}

TEST_F(ChatGatewayTest, FromSeqAndTsAreTheServersWhateverTheClientSends)
{
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    alice->send({{u"type"_s, u"chat"_s},
                 {u"text"_s, u"spoof"_s},
                 {u"clientId"_s, u"s1"_s},
                 {u"from"_s, QJsonObject{{u"id"_s, bob->id()}, {u"name"_s, u"Bob"_s}}},
                 {u"seq"_s, 9999},
                 {u"ts"_s, 1}});
    const auto chat = bob->waitFor(u"chat"_s);
    ASSERT_TRUE(chat);
    EXPECT_EQ((*chat)[u"from"_s][u"id"_s], alice->id());
    EXPECT_EQ((*chat)[u"from"_s][u"name"_s], u"Alice"_s);
    EXPECT_EQ((*chat)[u"seq"_s].toInteger(), 1);
    EXPECT_GT((*chat)[u"ts"_s].toInteger(), 1700000000000);
}

TEST_F(ChatGatewayTest, BadInputGetsAnErrorTheConnectionStaysAndNobodyElseHearsIt)
{
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    const std::vector<std::pair<QString, QString>> cases{
        {u"not json"_s, u"bad_json"_s},
        {u"[1,2]"_s, u"bad_json"_s},
        {u"{\"type\":\"shout\"}"_s, u"unknown_type"_s},
        {u"{\"text\":\"no type\"}"_s, u"unknown_type"_s},
        {u"{\"type\":\"chat\"}"_s, u"bad_field"_s},
        {u"{\"type\":\"chat\",\"text\":42}"_s, u"bad_field"_s},
        {u"{\"type\":\"chat\",\"text\":\"   \",\"clientId\":\"e1\"}"_s, u"empty_text"_s},
        {u"{\"type\":\"chat\",\"text\":\"%1\",\"clientId\":\"e2\"}"_s.arg(QString(4001, u'x')),
         u"too_long"_s},
        {u"{\"type\":\"hello\",\"name\":\"\"}"_s, u"bad_name"_s},
        {u"{\"type\":\"hello\",\"name\":\"%1\"}"_s.arg(QString(33, u'n')), u"bad_name"_s},
    };
    for (const auto &[frame, code] : cases) {
        const qsizetype before = alice->received(u"error"_s).size();
        alice->sendText(frame);
        ASSERT_TRUE(QTest::qWaitFor([&] { return alice->received(u"error"_s).size() > before; }, 5000))
            << frame.left(60).toStdString();
        const QJsonObject error = alice->received(u"error"_s).constLast();
        EXPECT_EQ(error[u"code"_s], code) << frame.left(60).toStdString();
        EXPECT_FALSE(error[u"message"_s].toString().isEmpty());
        EXPECT_TRUE(alice->isConnected());
    }
    alice->socket().sendBinaryMessage(QByteArray("\x01\x02", 2));
    ASSERT_TRUE(
        alice->waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"code"_s] == u"binary_frame"_s; }));

    // Refused chats name the clientId they refused, so a client can mark that message failed.
    EXPECT_TRUE(alice->waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"clientId"_s] == u"e2"_s; }));

    syncThrough(alice, bob); // still usable; and Bob saw nothing of the above but the marker
    EXPECT_TRUE(bob->received(u"error"_s).isEmpty());
    EXPECT_EQ(bob->received(u"chat"_s).size(), 1);
    EXPECT_EQ(alice->received(u"ack"_s).size(), 1);
    EXPECT_EQ(alice->lastCount(), 2);
}

TEST_F(ChatGatewayTest, OversizedMessagesAreClosedWith1009AndOthersCarryOn)
{
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    alice->sendText(QString(70 * 1024, u'x'));
    ASSERT_TRUE(alice->waitForClose());
    EXPECT_EQ(alice->socket().closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    EXPECT_TRUE(bob->waitForCount(1));
    TestClient *carol = joined(u"Carol"_s);
    syncThrough(carol, bob);
}

TEST_F(ChatGatewayTest, WelcomeListsMembersAndPresenceDeltasFollow)
{
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    const QJsonArray members = (*bob->waitFor(u"welcome"_s))[u"members"_s].toArray();
    QStringList names;
    for (const auto &member : members)
        names << member[u"name"_s].toString();
    names.sort();
    EXPECT_EQ(names, (QStringList{u"Alice"_s, u"Bob"_s}));

    EXPECT_TRUE(alice->waitFor(u"presence"_s, [&](const QJsonObject &p) {
        const QJsonArray joined = p[u"joined"_s].toArray();
        return std::any_of(joined.begin(), joined.end(),
                           [&](const QJsonValue &m) { return m[u"id"_s] == bob->id(); });
    }));

    bob->send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Robert"_s}});
    EXPECT_TRUE(alice->waitFor(u"presence"_s, [&](const QJsonObject &p) {
        const QJsonArray renamed = p[u"renamed"_s].toArray();
        return !renamed.isEmpty() && renamed[0][u"id"_s] == bob->id() && renamed[0][u"name"_s] == u"Robert"_s;
    }));
    bob->sendChat(u"new name"_s, u"r1"_s);
    EXPECT_TRUE(alice->waitFor(u"chat"_s,
                               [](const QJsonObject &c) { return c[u"from"_s][u"name"_s] == u"Robert"_s; }));

    const QString bobId = bob->id();
    bob->socket().close();
    EXPECT_TRUE(alice->waitFor(u"presence"_s,
                               [&](const QJsonObject &p) { return p[u"left"_s].toArray().contains(bobId); }));
}

TEST_F(ChatGatewayTest, TypingIsRelayedToOthers)
{
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    alice->send({{u"type"_s, u"typing"_s}});
    const auto typing = bob->waitFor(u"typing"_s);
    ASSERT_TRUE(typing);
    EXPECT_EQ((*typing)[u"from"_s][u"name"_s], u"Alice"_s);
    syncThrough(bob, alice);
    EXPECT_TRUE(alice->received(u"typing"_s).isEmpty());
}

TEST_F(ChatGatewayTest, ShutdownClosesEveryClientWithGoingAway)
{
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    QSignalSpy stopped(gateway.get(), &ChatGateway::stopped);
    gateway->shutdown();
    for (TestClient *client : {alice, bob}) {
        ASSERT_TRUE(client->waitForClose());
        EXPECT_EQ(client->socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    }
    EXPECT_TRUE(QTest::qWaitFor([&] { return stopped.size() == 1; }, 5000));
    EXPECT_FALSE(gateway->isListening());
}

TEST_F(ChatGatewayTest, ABusyPortIsAClearError)
{
    ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = gateway->port();
    ChatGateway second(config);
    EXPECT_FALSE(second.listen());
    EXPECT_TRUE(second.errorString().contains(QString::number(gateway->port())))
        << second.errorString().toStdString();
}

// --- durable history, resume, identity, deduplication ----------------------------------------

namespace {

QList<qint64> seqsOf(const QJsonArray &messages)
{
    QList<qint64> seqs;
    for (const QJsonValue &message : messages)
        seqs.append(message[u"seq"_s].toInteger());
    return seqs;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> seqs;
    for (qint64 seq = first; seq <= last; ++seq)
        seqs.append(seq);
    return seqs;
}

QJsonObject hello(const QString &name, const QString &token, std::optional<qint64> since = {})
{
    QJsonObject object{{u"type"_s, u"hello"_s}, {u"name"_s, name}, {u"token"_s, token}};
    if (since)
        object.insert(u"since"_s, *since);
    return object;
}

class HistoryTest : public ChatGatewayTest
{
protected:
    void SetUp() override
    {
        ServerConfig config;
        config.historyOnJoin = 5;
        config.resumePageSize = 4;
        config.databasePath = dir.filePath(u"room.sqlite"_s);
        startGateway(config);
    }

    // Posts count chats from a throwaway member and waits until all are acked.
    void post(int count)
    {
        TestClient poster;
        ASSERT_TRUE(poster.join(url, u"Poster"_s));
        for (int i = 0; i < count; ++i) {
            ++posted;
            poster.sendChat(u"message %1"_s.arg(posted), u"p%1"_s.arg(posted));
        }
        ASSERT_TRUE(QTest::qWaitFor([&] { return poster.received(u"ack"_s).size() == count; }, 10000));
    }

    QTemporaryDir dir;
    int posted = 0;
};

} // namespace

TEST_F(HistoryTest, JoinersGetTheRecentMessagesOldestFirstShapedLikeChats)
{
    post(8);
    TestClient *alice = joined(u"Alice"_s);
    const auto history = alice->waitFor(u"history"_s);
    ASSERT_TRUE(history);
    const QJsonArray messages = (*history)[u"messages"_s].toArray();
    EXPECT_EQ(seqsOf(messages), range(4, 8));
    EXPECT_TRUE((*history)[u"hasOlder"_s].toBool());
    const QJsonObject last = messages.last().toObject();
    EXPECT_EQ(last[u"type"_s], u"chat"_s);
    EXPECT_EQ(last[u"text"_s], u"message 8"_s);
    EXPECT_EQ(last[u"from"_s][u"name"_s], u"Poster"_s);
    EXPECT_GT(last[u"ts"_s].toInteger(), 1700000000000);
}

TEST_F(HistoryTest, OlderPagesComeOnRequest)
{
    post(8);
    TestClient *alice = joined(u"Alice"_s);
    alice->send({{u"type"_s, u"history"_s}, {u"before"_s, 4}, {u"limit"_s, 2}});
    const auto page = alice->waitFor(
        u"history"_s, [](const QJsonObject &h) { return h[u"messages"_s].toArray().size() == 2; });
    ASSERT_TRUE(page);
    EXPECT_EQ(seqsOf((*page)[u"messages"_s].toArray()), (QList<qint64>{2, 3}));
    EXPECT_TRUE((*page)[u"hasOlder"_s].toBool());

    alice->send({{u"type"_s, u"history"_s}, {u"before"_s, 2}, {u"limit"_s, 50}});
    const auto first = alice->waitFor(u"history"_s, [](const QJsonObject &h) {
        return seqsOf(h[u"messages"_s].toArray()) == QList<qint64>{1};
    });
    ASSERT_TRUE(first);
    EXPECT_FALSE((*first)[u"hasOlder"_s].toBool());

    alice->send({{u"type"_s, u"history"_s}, {u"before"_s, 9}, {u"limit"_s, 100000}});
    EXPECT_TRUE(
        alice->waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"code"_s] == u"bad_field"_s; }));
}

TEST_F(HistoryTest, ResumeSendsEveryMissedMessageInOrderBeforeLiveOnes)
{
    post(3);
    TestClient *bob = joined(u"Bob"_s);
    TestClient alice;
    ASSERT_TRUE(alice.open(url));
    alice.send(hello(u"Alice"_s, u"alice-token-0123456789"_s, 1));
    bob->sendChat(u"live"_s, u"b-live"_s); // may be stored while Alice's resume is sent
    post(7);                               // seqs up to 11, more than two resume pages

    ASSERT_TRUE(QTest::qWaitFor([&] { return !alice.received(u"chat"_s).isEmpty(); }, 5000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            QList<qint64> seen;
            for (const QJsonObject &frame : alice.received(u"history"_s))
                seen += seqsOf(frame[u"messages"_s].toArray());
            for (const QJsonObject &chat : alice.received(u"chat"_s))
                seen.append(chat[u"seq"_s].toInteger());
            return seen.size() >= 10;
        },
        5000));
    // Every seq after 1, each once, in order: the history pages first, then the live chats.
    QList<qint64> seen;
    for (const QJsonObject &frame : alice.received(u"history"_s))
        seen += seqsOf(frame[u"messages"_s].toArray());
    for (const QJsonObject &chat : alice.received(u"chat"_s))
        seen.append(chat[u"seq"_s].toInteger());
    EXPECT_EQ(seen, range(2, 11));
}

TEST_F(HistoryTest, TheSameTokenIsTheSameMemberAndReplacesTheOldConnection)
{
    TestClient *bob = joined(u"Bob"_s);
    TestClient first;
    ASSERT_TRUE(first.open(url));
    first.send(hello(u"Alice"_s, u"alice-token-0123456789"_s));
    const QString id = (*first.waitFor(u"welcome"_s))[u"you"_s][u"id"_s].toString();
    ASSERT_TRUE(bob->waitForCount(2));

    TestClient second; // the laptop woke up before the server noticed the old socket died
    ASSERT_TRUE(second.open(url));
    second.send(hello(u"Alice"_s, u"alice-token-0123456789"_s));
    const auto welcome = second.waitFor(u"welcome"_s);
    ASSERT_TRUE(welcome);
    EXPECT_EQ((*welcome)[u"you"_s][u"id"_s], id);
    ASSERT_TRUE(first.waitForClose());
    EXPECT_EQ(int(first.socket().closeCode()), Protocol::CloseCodeReplaced);

    second.sendChat(u"still me"_s, u"a1"_s);
    const auto chat = bob->waitFor(u"chat"_s);
    ASSERT_TRUE(chat);
    EXPECT_EQ((*chat)[u"from"_s][u"id"_s], id);
    EXPECT_EQ(gateway->userCount(), 2);
    EXPECT_EQ(bob->lastCount(), 2);

    TestClient stranger;
    ASSERT_TRUE(stranger.open(url));
    stranger.send(hello(u"Alice"_s, u"another-token-0123456789"_s));
    EXPECT_NE((*stranger.waitFor(u"welcome"_s))[u"you"_s][u"id"_s], id);
}

// A hello that reaches a busy room after the wait for it ran out (the connection joined as a
// guest meanwhile) still joins its sender as itself: a re-sent chat whose ack was lost is stored
// once, not a second time under a guest's id (the chaos test found it under load).
TEST_F(HistoryTest, AHelloThatComesAfterTheGuestSeatWasGivenJoinsAsItself)
{
    TestClient *bob = joined(u"Bob"_s);
    const QString token = u"alice-token-0123456789"_s;
    TestClient first;
    ASSERT_TRUE(first.open(url));
    first.send(hello(u"Alice"_s, token));
    const QString id = (*first.waitFor(u"welcome"_s))[u"you"_s][u"id"_s].toString();
    first.sendChat(u"once"_s, u"a1"_s);
    const auto ack = first.waitFor(u"ack"_s);
    ASSERT_TRUE(ack);
    first.socket().abort(); // the ack is taken to be lost with the link

    TestClient late;
    ASSERT_TRUE(late.open(url));
    const auto guest = late.waitFor(u"welcome"_s); // nothing said within helloTimeout
    ASSERT_TRUE(guest);
    EXPECT_EQ((*guest)[u"withoutHello"_s], true);
    const QString guestId = (*guest)[u"you"_s][u"id"_s].toString();
    late.send(hello(u"Alice"_s, token, (*ack)[u"seq"_s].toInteger() - 1));
    const auto welcome =
        late.waitFor(u"welcome"_s, [](const QJsonObject &w) { return !w.contains(u"withoutHello"_s); });
    ASSERT_TRUE(welcome);
    EXPECT_EQ((*welcome)[u"you"_s][u"id"_s], id);
    EXPECT_EQ((*welcome)[u"you"_s][u"name"_s], u"Alice"_s);
    const auto resumed = late.waitFor(u"history"_s, [](const QJsonObject &h) {
        return !h[u"messages"_s].toArray().isEmpty() && h[u"messages"_s][0][u"text"_s] == u"once"_s;
    });
    EXPECT_TRUE(resumed) << "its since counted";

    late.sendChat(u"once"_s, u"a1"_s);
    const auto again = late.waitFor(u"ack"_s);
    ASSERT_TRUE(again);
    EXPECT_EQ((*again)[u"seq"_s], (*ack)[u"seq"_s]);
    // For others the guest went (if they saw it at all) and Alice came; the room holds two.
    const auto bobSees = [&] {
        QSet<QString> members;
        for (const QJsonValue m : (*bob->waitFor(u"welcome"_s))[u"members"_s].toArray())
            members.insert(m[u"id"_s].toString());
        for (const QJsonObject &presence : bob->received(u"presence"_s)) {
            for (const QJsonValue m : presence[u"joined"_s].toArray())
                members.insert(m[u"id"_s].toString());
            for (const QJsonValue left : presence[u"left"_s].toArray())
                members.remove(left.toString());
        }
        return members;
    };
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return bobSees() == QSet<QString>{bob->id(), id};
        },
        5000))
        << QStringList(bobSees().values()).join(u' ').toStdString() << " (guest " << guestId.toStdString()
        << ")";
    EXPECT_TRUE(bob->waitForCount(2));
    EXPECT_EQ(gateway->userCount(), 2);
    EXPECT_EQ(bob->received(u"chat"_s).size(), 1);
}

TEST_F(HistoryTest, AResentChatIsStoredOnceAndAckedAgainWithItsOriginalSeq)
{
    TestClient *bob = joined(u"Bob"_s);
    TestClient alice;
    ASSERT_TRUE(alice.open(url));
    alice.send(hello(u"Alice"_s, u"alice-token-0123456789"_s));
    ASSERT_TRUE(alice.waitFor(u"welcome"_s));
    alice.sendChat(u"once"_s, u"same-id"_s);
    alice.sendChat(u"once"_s, u"same-id"_s); // in the same commit
    ASSERT_TRUE(alice.waitFor(u"ack"_s));
    const QJsonObject original = alice.received(u"ack"_s).constFirst();

    TestClient again; // after a reconnect, the same identity re-sends it
    ASSERT_TRUE(again.open(url));
    again.send(hello(u"Alice"_s, u"alice-token-0123456789"_s));
    again.sendChat(u"once"_s, u"same-id"_s);
    const auto ack = again.waitFor(u"ack"_s);
    ASSERT_TRUE(ack);
    EXPECT_EQ((*ack)[u"seq"_s], original[u"seq"_s]);
    EXPECT_EQ((*ack)[u"ts"_s], original[u"ts"_s]);

    syncThrough(&again, bob);
    EXPECT_EQ(bob->received(u"chat"_s).size(), 2); // "once" and the marker
    // Another member may use the same clientId: that is a different message.
    bob->sendChat(u"mine"_s, u"same-id"_s);
    const auto bobAck =
        bob->waitFor(u"ack"_s, [](const QJsonObject &a) { return a[u"clientId"_s] == u"same-id"_s; });
    ASSERT_TRUE(bobAck);
    EXPECT_NE((*bobAck)[u"seq"_s], original[u"seq"_s]);
}

TEST_F(HistoryTest, AckedChatsSurviveTheRoomStopping)
{
    post(3);
    gateway.reset();
    ServerConfig config;
    config.databasePath = dir.filePath(u"room.sqlite"_s);
    startGateway(config);
    TestClient *alice = joined(u"Alice"_s);
    const auto history = alice->waitFor(u"history"_s);
    ASSERT_TRUE(history);
    EXPECT_EQ(seqsOf((*history)[u"messages"_s].toArray()), range(1, 3));
    alice->sendChat(u"next"_s, u"n"_s);
    EXPECT_EQ((*alice->waitFor(u"ack"_s))[u"seq"_s].toInteger(), 4);
}

// A read that fails while the room runs (a disk going bad under it) reaches the member as an
// error, never as an empty page, which would read as "nothing older".
TEST_F(HistoryTest, AHistoryReadThatFailsWhileRunningIsAnErrorNotAnEmptyPage)
{
    const QString path = dir.filePath(u"going-bad.sqlite"_s);
    {
        // Many times SQLite's page cache, so that the oldest messages are read from the disk.
        MessageStore store(path);
        ASSERT_TRUE(store.open());
        const QString text(900, u'x');
        for (qint64 seq = 1; seq <= 12000; seq += 500) {
            QList<MessageStore::Entry> batch;
            for (qint64 i = seq; i < seq + 500; ++i)
                batch.append({Protocol::ChatMessage{i, 1764150000000 + i,
                                                    Protocol::Member{u"m1"_s, u"Poster"_s}, text},
                              {}});
            ASSERT_TRUE(store.append(batch));
        }
    }
    restartGateway([&](ServerConfig &config) { config.databasePath = path; });
    TestClient *alice = joined(u"Alice"_s);
    ASSERT_TRUE(alice->waitFor(u"history"_s)); // the newest page, read while the file was whole

    // The pages of the oldest messages go bad on the disk (the schema's first pages stay).
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    ASSERT_GT(file.size(), 8 * 1024 * 1024);
    ASSERT_TRUE(file.seek(64 * 4096));
    ASSERT_EQ(file.write(QByteArray(1024 * 4096, '\x5a')), 1024 * 4096);
    file.close();

    static QStringList logged; // what the room logs meanwhile
    logged.clear();
    const QtMessageHandler previous = qInstallMessageHandler(
        [](QtMsgType, const QMessageLogContext &, const QString &text) { logged.append(text); });
    alice->send({{u"type"_s, u"history"_s}, {u"before"_s, 100}, {u"limit"_s, 50}});
    const bool said =
        alice
            ->waitFor(u"error"_s,
                      [](const QJsonObject &e) { return e[u"code"_s] == u"history_unavailable"_s; })
            .has_value();
    qInstallMessageHandler(previous);
    EXPECT_TRUE(said) << "a failed read was not said";
    EXPECT_TRUE(std::ranges::any_of(logged,
                                    [&](const QString &line) {
                                        return line.contains(path) &&
                                               line.contains(u"cannot read messages before 100"_s);
                                    }))
        << "the log does not say which file and which read failed: " << logged.join(u'\n').toStdString();
    const auto pages = alice->received(u"history"_s);
    EXPECT_EQ(pages.size(), 1) << "a page came for a read that failed";
    // The room goes on: someone else still joins and is greeted.
    TestClient *bob = joined(u"Bob"_s);
    EXPECT_TRUE(bob->waitFor(u"welcome"_s));
}

// --- limits and abuse (docs/RELIABILITY.md) ---------------------------------------------------

namespace {

/// A raw TCP peer that completes the WebSocket handshake and then misbehaves: it never says
/// hello, never answers pings and, with readBufferSize 1, never reads what it is sent.
std::unique_ptr<QTcpSocket> rawPeer(quint16 port, bool handshake = true, bool reads = false)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, port);
    if (!socket->waitForConnected(5000))
        return nullptr;
    if (!handshake)
        return socket;
    socket->write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QByteArray response; // the header only: frames sent right after it stay unread
    const bool upgraded = QTest::qWaitFor(
        [&] {
            while (socket->canReadLine()) {
                const QByteArray line = socket->readLine();
                response += line;
                if (line == "\r\n")
                    return true;
            }
            return false;
        },
        5000);
    if (!upgraded || !response.startsWith("HTTP/1.1 101"))
        return nullptr;
    if (!reads)
        socket->setReadBufferSize(1); // from now on it reads nothing more
    return socket;
}

const QByteArray Handshake =
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

/// Sends request on a new connection (from the local address from, if given) and returns what
/// the server answered before closing, or its first 12 bytes if it upgraded ("HTTP/1.1 101").
QByteArray answerTo(quint16 port, const QByteArray &request, const QHostAddress &from = {})
{
    QTcpSocket socket;
    if (!from.isNull() && !socket.bind(from))
        return "cannot bind " + from.toString().toLatin1();
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return "no connection";
    socket.write(request);
    QByteArray answer;
    (void)QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState || answer.startsWith("HTTP/1.1 101");
        },
        5000);
    return answer;
}

/// The first frame a raw peer reads (a close frame, in the tests that use it), waiting for it.
QByteArray closeFrameFrom(QTcpSocket &socket)
{
    QByteArray frame;
    (void)QTest::qWaitFor(
        [&] {
            frame += socket.readAll();
            return frame.size() >= 4 && frame.size() >= 2 + (frame.at(1) & 0x7f);
        },
        5000);
    return frame.size() >= 4 ? frame : QByteArray();
}

class LimitsTest : public ChatGatewayTest
{
protected:
    void SetUp() override {}
};

} // namespace

TEST_F(LimitsTest, AFlooderIsRateLimitedThenClosedAndOthersCarryOn)
{
    ServerConfig config;
    config.ratePerSecond = 5;
    config.rateBurst = 10;
    config.rateAbuseLimit = 60;
    startGateway(config);
    TestClient *flooder = joined(u"Flooder"_s);
    TestClient *bob = joined(u"Bob"_s);
    TestClient *carol = joined(u"Carol"_s);
    for (int i = 0; i < 40; ++i)
        flooder->sendChat(u"spam %1"_s.arg(i), u"s%1"_s.arg(i));
    ASSERT_TRUE(
        flooder->waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"code"_s] == u"rate_limited"_s; }));
    EXPECT_TRUE(flooder->isConnected());               // a burst is refused, not punished
    EXPECT_LT(flooder->received(u"ack"_s).size(), 20); // a burst of 10, plus what trickled in meanwhile

    bob->sendChat(u"normal traffic"_s, u"b1"_s);
    EXPECT_TRUE(
        carol->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"normal traffic"_s; }));

    for (int i = 0; i < 100; ++i) // keeps on: sustained abuse
        flooder->sendText(u"garbage"_s);
    ASSERT_TRUE(flooder->waitForClose());
    EXPECT_EQ(int(flooder->socket().closeCode()), Protocol::CloseCodePolicyViolation);
    EXPECT_TRUE(bob->waitForCount(2));
}

// A sender at many times the rate has a frame allowed whenever a token comes back: counted
// "in a row", its refusals never reached the limit, and it drew an error frame for each.
TEST_F(LimitsTest, AFlooderAtManyTimesTheRateIsClosedToo)
{
    ServerConfig config;
    config.ratePerSecond = 5;
    config.rateBurst = 10;
    config.rateAbuseLimit = 20;
    startGateway(config);
    TestClient *flooder = joined(u"Flooder"_s);
    int sent = 0;
    QTimer pace; // ~100 frames a second: a token comes back every 20 frames or so
    QObject::connect(&pace, &QTimer::timeout, [&] {
        if (flooder->isConnected() && sent < 1000)
            flooder->sendText(u"garbage %1"_s.arg(sent++));
    });
    pace.start(10);
    ASSERT_TRUE(flooder->waitForClose(10s)) << "still open after " << sent << " frames";
    EXPECT_EQ(int(flooder->socket().closeCode()), Protocol::CloseCodePolicyViolation);
    const auto refusals = flooder->received(u"error"_s);
    const auto rateLimited = std::count_if(refusals.begin(), refusals.end(), [](const QJsonObject &e) {
        return e[u"code"_s] == u"rate_limited"_s;
    });
    EXPECT_LT(rateLimited, 20) << "an error for every refusal, without end";
}

TEST_F(LimitsTest, AFullRoomRefusesTheNextWithAReason)
{
    ServerConfig config;
    config.maxClients = 2;
    startGateway(config);
    joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    // Read the close frame off the wire: Qt's own client reports the (RFC 6455 registered) code
    // 1013 as a protocol error, so check the bytes the server sent.
    const auto third = rawPeer(gateway->port(), /*handshake=*/true, /*reads=*/true);
    ASSERT_TRUE(third);
    const QByteArray frame = closeFrameFrom(*third);
    ASSERT_FALSE(frame.isEmpty()) << "no close frame came";
    EXPECT_EQ(quint8(frame.at(0)), 0x88); // FIN + close
    EXPECT_EQ((quint8(frame.at(2)) << 8) | quint8(frame.at(3)), Protocol::CloseCodeTryAgainLater);
    EXPECT_TRUE(frame.mid(4).contains("full")) << frame.mid(4).toStdString();
    EXPECT_TRUE(bob->waitForCount(2));
    EXPECT_EQ(gateway->userCount(), 2);
}

TEST_F(LimitsTest, AnAddressThatReconnectsTooOftenIsHeldBack)
{
    ServerConfig config;
    config.connectionsPerSecond = 0.5;
    config.connectionBurst = 3;
    startGateway(config);
    std::vector<std::unique_ptr<TestClient>> accepted;
    for (int i = 0; i < 3; ++i)
        accepted.push_back(std::make_unique<TestClient>());
    for (auto &client : accepted)
        ASSERT_TRUE(client->join(url, u"ok"_s));
    // The fourth within the burst window is turned away before the handshake is even read:
    // a short HTTP answer, not a WebSocket handshake and a close frame.
    const QByteArray answer = answerTo(gateway->port(), Handshake + "\r\n");
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 429")) << answer.toStdString();
    EXPECT_TRUE(answer.contains("Retry-After: "));
    EXPECT_TRUE(answer.contains("too many connections"));
    EXPECT_TRUE(accepted.front()->waitForCount(3));
}

TEST_F(LimitsTest, ASilentPeerIsDroppedAndCountedOut)
{
    ServerConfig config;
    config.pingInterval = 100ms;
    config.idleTimeout = 400ms;
    startGateway(config);
    TestClient *alice = joined(u"Alice"_s);
    const auto silent = rawPeer(gateway->port());
    ASSERT_TRUE(silent);
    ASSERT_TRUE(alice->waitForCount(2)); // joined as a guest after the hello timeout
    EXPECT_TRUE(alice->waitForCount(1)); // and dropped for answering no ping
    EXPECT_TRUE(alice->isConnected());   // Alice's QWebSocket answers pings
}

TEST_F(LimitsTest, AHalfOpenHandshakeIsDropped)
{
    ServerConfig config;
    config.handshakeTimeout = 300ms;
    startGateway(config);
    const auto halfOpen = rawPeer(gateway->port(), /*handshake=*/false);
    ASSERT_TRUE(halfOpen);
    halfOpen->write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // and never finishes
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return halfOpen->state() == QAbstractSocket::UnconnectedState; }, 5000));
}

TEST_F(LimitsTest, APeerThatStopsReadingIsClosedBeforeItsBacklogGrowsWithoutBound)
{
    ServerConfig config;
    config.maxQueuedBytes = 256 * 1024;
    config.limits.maxTextLength = 30000;
    config.ratePerSecond = 10000;
    config.rateBurst = 10000;
    startGateway(config);
    TestClient *bob = joined(u"Bob"_s);
    TestClient *carol = joined(u"Carol"_s);
    const auto stuck = rawPeer(gateway->port());
    ASSERT_TRUE(stuck);
    ASSERT_TRUE(bob->waitForCount(3));

    const QString big(29000, u'x');
    int sent = 0;
    const bool dropped = QTest::qWaitFor(
        [&] {
            if (sent < 2000) // bounded: ~58 MB at most
                bob->sendChat(big, u"big%1"_s.arg(sent++));
            return bob->lastCount() == 2;
        },
        30000);
    EXPECT_TRUE(dropped) << "sent " << sent;
    EXPECT_LT(sent, 2000);
    // Carol, who reads, got everything Bob sent until then.
    EXPECT_TRUE(QTest::qWaitFor([&] { return carol->received(u"chat"_s).size() >= sent - 1; }, 10000));
    EXPECT_TRUE(carol->isConnected());
}

TEST_F(LimitsTest, BrowserOriginsMustBeAllowed)
{
    ServerConfig config;
    config.allowedOrigins = {u"https://intranet.example"_s};
    startGateway(config);

    QWebSocket evil(u"https://evil.example"_s);
    QSignalSpy evilErrors(&evil, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    evil.open(url);
    EXPECT_TRUE(QTest::qWaitFor([&] { return !evilErrors.isEmpty(); }, 5000));
    EXPECT_NE(evil.state(), QAbstractSocket::ConnectedState);

    TestClient native; // no Origin at all
    EXPECT_TRUE(native.join(url, u"Native"_s));
    QWebSocket allowed(u"https://intranet.example"_s);
    allowed.open(url);
    EXPECT_TRUE(QTest::qWaitFor([&] { return allowed.state() == QAbstractSocket::ConnectedState; }, 5000));
    EXPECT_TRUE(native.waitForCount(2));

    // The room's own page (loaded by its address, as the browser client is) needs no list.
    const QByteArray port = QByteArray::number(gateway->port());
    QWebSocket page(u"http://127.0.0.1:"_s + QString::fromLatin1(port));
    page.open(url);
    EXPECT_TRUE(QTest::qWaitFor([&] { return page.state() == QAbstractSocket::ConnectedState; }, 5000));
    EXPECT_TRUE(native.waitForCount(3));
    const auto handshake = [&](const QByteArray &host, const QByteArray &origin) -> QByteArray {
        const QByteArray request =
            QByteArray(Handshake).replace("Host: 127.0.0.1", QByteArray("Host: " + host));
        return request + "Origin: " + origin + "\r\n\r\n";
    };
    // A name someone else's DNS points at this address (DNS rebinding) is not the room's own.
    EXPECT_EQ(
        answerTo(gateway->port(), handshake("evil.example:" + port, "http://evil.example:" + port)).left(12),
        "HTTP/1.1 403");
    // Nor is another port of the same address, or another scheme than a web page's.
    EXPECT_EQ(answerTo(gateway->port(), handshake("127.0.0.1:" + port, "http://127.0.0.1:1")).left(12),
              "HTTP/1.1 403");
    EXPECT_EQ(answerTo(gateway->port(), handshake("127.0.0.1:" + port, "file://127.0.0.1:" + port)).left(12),
              "HTTP/1.1 403");
    EXPECT_EQ(answerTo(gateway->port(), handshake("localhost:" + port, "http://localhost:" + port)).left(12),
              "HTTP/1.1 101");
}

// --- room password ---------------------------------------------------------------------------

namespace {

class PasswordTest : public ChatGatewayTest
{
protected:
    void SetUp() override
    {
        ServerConfig config;
        config.password = RoomPassword::fromPlainText(u"open sesame"_s);
        startGateway(config);
    }

    // Opens a connection, says hello with this password, and waits for a welcome or a close.
    std::unique_ptr<TestClient> attempt(const QString &password)
    {
        auto client = std::make_unique<TestClient>();
        EXPECT_TRUE(client->open(url));
        QJsonObject hello{{u"type"_s, u"hello"_s}, {u"name"_s, u"Guesser"_s}};
        if (!password.isNull())
            hello.insert(u"password"_s, password);
        client->send(hello);
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return !client->received(u"welcome"_s).isEmpty() || !client->isConnected(); }, 5000));
        return client;
    }
};

} // namespace

TEST_F(PasswordTest, TheRightPasswordJoins)
{
    auto member = attempt(u"open sesame"_s);
    EXPECT_FALSE(member->received(u"welcome"_s).isEmpty());
    EXPECT_TRUE(member->isConnected());
}

TEST_F(PasswordTest, AWrongOrMissingPasswordGetsAnErrorAndAClose)
{
    auto member = attempt(u"open sesame"_s);
    ASSERT_TRUE(member->waitForCount(1));
    for (const QString &wrong : {u"open sesame!"_s, QString()}) {
        auto guesser = attempt(wrong);
        ASSERT_TRUE(guesser->waitForClose());
        EXPECT_EQ(int(guesser->socket().closeCode()), Protocol::CloseCodeWrongPassword);
        EXPECT_TRUE(guesser->received(u"welcome"_s).isEmpty());
        const auto error = guesser->waitFor(u"error"_s);
        ASSERT_TRUE(error);
        EXPECT_EQ((*error)[u"code"_s], u"bad_password"_s);
        // Let the per-address wait pass before the next guess.
        ASSERT_TRUE(QTest::qWaitFor([&] { return attempt(u"open sesame"_s)->isConnected(); }, 10000));
    }
    TestClient silent; // never says hello: no guest seat in a password room
    ASSERT_TRUE(silent.open(url));
    ASSERT_TRUE(silent.waitForClose());
    EXPECT_EQ(int(silent.socket().closeCode()), Protocol::CloseCodeWrongPassword);
    EXPECT_EQ(member->lastCount(), 1);
    EXPECT_TRUE(member->received(u"chat"_s).isEmpty());
}

TEST_F(PasswordTest, AMistypedPasswordCanBeRetypedAtOnce)
{
    for (const QString &mistyped : {QString(), u"open sesam"_s, u"open Sesame"_s}) {
        auto wrong = attempt(mistyped);
        ASSERT_TRUE(wrong->waitForClose());
    }
    EXPECT_TRUE(attempt(u"open sesame"_s)->isConnected());
}

TEST_F(PasswordTest, RepeatedGuessesFromOneAddressAreSlowedDown)
{
    for (const QString &guess : {u"guess 1"_s, u"guess 2"_s, u"guess 3"_s}) {
        auto wrong = attempt(guess);
        ASSERT_TRUE(wrong->waitForClose());
    }
    // Straight away, even the right password is turned away unchecked.
    auto tooSoon = attempt(u"open sesame"_s);
    ASSERT_TRUE(tooSoon->waitForClose());
    const auto error = tooSoon->waitFor(u"error"_s);
    ASSERT_TRUE(error);
    EXPECT_TRUE((*error)[u"message"_s].toString().contains(u"too many"_s))
        << (*error)[u"message"_s].toString().toStdString();
    // Once the wait is over, it is accepted.
    EXPECT_TRUE(QTest::qWaitFor([&] { return attempt(u"open sesame"_s)->isConnected(); }, 10000));
}

TEST(RoomPassword, MatchesOnlyItsOwnPassword)
{
    const RoomPassword password = RoomPassword::fromPlainText(u"correct horse"_s);
    EXPECT_TRUE(password.isSet());
    EXPECT_TRUE(password.matches(u"correct horse"_s));
    EXPECT_FALSE(password.matches(u"correct hors"_s));
    EXPECT_FALSE(password.matches(u"Correct horse"_s));
    EXPECT_FALSE(password.matches(QString()));
    EXPECT_FALSE(RoomPassword::fromPlainText(u"correct horse"_s).matches(u"x"_s));
    EXPECT_TRUE(RoomPassword().matches(u"anything"_s)); // no password: open room
}

// However much a reader has to catch up, it is sent as it reads, so it is never mistaken for
// one that stopped reading (before, a resume of 2,400 messages went out in one write and the
// next live chat closed the member with 1008).
TEST_F(LimitsTest, AReaderResumingThousandsOfMessagesIsNeverClosedAsSlow)
{
    ServerConfig config;
    config.maxQueuedBytes = 64 * 1024;
    config.ratePerSecond = 100000;
    config.rateBurst = 100000;
    startGateway(config);
    TestClient *alice = joined(u"Alice"_s);
    const QString text(300, u'x');
    constexpr int Missed = 2400;
    for (int i = 0; i < Missed; ++i)
        alice->sendChat(text, u"a%1"_s.arg(i));
    ASSERT_TRUE(alice->waitFor(
        u"ack"_s, [](const QJsonObject &a) { return a[u"seq"_s].toInt() == Missed; }, 20s));

    TestClient bob;
    ASSERT_TRUE(bob.open(url));
    bob.send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Bob"_s}, {u"since"_s, 0}});
    const auto seen = [&] {
        int chats = 0;
        for (const QJsonObject &history : bob.received(u"history"_s))
            chats += int(history[u"messages"_s].toArray().size());
        return chats;
    };
    ASSERT_TRUE(QTest::qWaitFor([&] { return seen() == Missed || !bob.isConnected(); }, 20000)) << seen();
    EXPECT_EQ(seen(), Missed);

    alice->sendChat(u"live"_s, u"live"_s);
    EXPECT_TRUE(bob.waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"live"_s; }));
    for (int i = 0; i < 8; ++i) // eight pages of older history asked in a row
        bob.send({{u"type"_s, u"history"_s}, {u"before"_s, Missed - 200 * i}, {u"limit"_s, 200}});
    const auto pages = bob.received(u"history"_s).size();
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return bob.received(u"history"_s).size() > pages || !bob.isConnected(); }, 10000));
    EXPECT_TRUE(bob.received(u"error"_s).isEmpty());
    alice->sendChat(u"still here?"_s, u"live-2"_s);
    EXPECT_TRUE(
        bob.waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"still here?"_s; }));
    EXPECT_TRUE(bob.isConnected());
}

// A hello with one bad optional field is refused as a whole, and the same connection can send
// a corrected one: it does not join as a guest, losing its name and identity.
TEST_F(LimitsTest, AHelloWithABadFieldCanBeCorrected)
{
    ServerConfig config;
    config.helloTimeout = 2s;
    startGateway(config);
    TestClient alice;
    ASSERT_TRUE(alice.open(url));
    alice.send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Alice"_s}, {u"since"_s, u"yesterday"_s}});
    const auto error = alice.waitFor(u"error"_s);
    ASSERT_TRUE(error);
    EXPECT_EQ((*error)[u"code"_s], u"bad_field"_s);
    EXPECT_TRUE((*error)[u"message"_s].toString().contains(u"since"_s));
    alice.send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Alice"_s}, {u"token"_s, u"alice-token-0123456789"_s}});
    const auto welcome = alice.waitFor(u"welcome"_s);
    ASSERT_TRUE(welcome);
    EXPECT_EQ((*welcome)[u"you"_s][u"name"_s], u"Alice"_s); // not "Guest 1"
}

// A refusal of a chat names that chat, even when its clientId is what is wrong.
TEST_F(ChatGatewayTest, ARefusedChatIsNamedByItsClientIdEvenAnOverlongOne)
{
    TestClient *alice = joined(u"Alice"_s);
    const QString longId(100, u'c');
    alice->send({{u"type"_s, u"chat"_s}, {u"text"_s, u"hi"_s}, {u"clientId"_s, longId}});
    const auto error = alice->waitFor(u"error"_s);
    ASSERT_TRUE(error);
    EXPECT_EQ((*error)[u"code"_s], u"bad_field"_s);
    EXPECT_EQ((*error)[u"clientId"_s], longId);
}

// Text and names must be valid Unicode: a lone surrogate is refused, not passed on to others
// (and later read back from history as a different character).
TEST_F(ChatGatewayTest, LoneSurrogatesAreRefused)
{
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    alice->sendText(uR"({"type":"chat","text":"x\ud800y","clientId":"s1"})"_s);
    const auto error = alice->waitFor(u"error"_s);
    ASSERT_TRUE(error);
    EXPECT_EQ((*error)[u"code"_s], u"bad_text"_s);
    EXPECT_EQ((*error)[u"clientId"_s], u"s1"_s);
    alice->sendText(uR"({"type":"hello","name":"Eve\udc00"})"_s);
    EXPECT_TRUE(
        alice->waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"code"_s] == u"bad_name"_s; }));
    syncThrough(alice, bob);
    EXPECT_TRUE(bob->received(u"chat"_s).size() == 1); // only the marker
}

// What is not a WebSocket handshake gets an HTTP answer that says why, not a silent close.
TEST_F(ChatGatewayTest, HandshakeMistakesGetAnHttpAnswer)
{
    const quint16 port = gateway->port();
    const auto statusOf = [&](const QByteArray &request) { return answerTo(port, request).left(12); };
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\n\r\n"), "HTTP/1.1 426");
    EXPECT_TRUE(answerTo(port, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\n\r\n").contains("Parley"));
    EXPECT_EQ(statusOf("HELLO THERE\r\n\r\n"), "HTTP/1.1 400");
    EXPECT_EQ(statusOf(QByteArray(Handshake).replace("HTTP/1.1", "HTTP/1.0") + "\r\n"), "HTTP/1.1 400");
    EXPECT_EQ(statusOf(QByteArray(Handshake).replace("Sec-WebSocket-Key", "X-Nothing") + "\r\n"),
              "HTTP/1.1 400");
    EXPECT_EQ(statusOf(QByteArray(Handshake).replace("Version: 13", "Version: 8") + "\r\n"), "HTTP/1.1 426");
    QByteArray manyLines = Handshake;
    for (int i = 0; i < 100; ++i)
        manyLines += "X-Filler-" + QByteArray::number(i) + ": x\r\n";
    EXPECT_EQ(statusOf(manyLines + "\r\n"), "HTTP/1.1 431");
    EXPECT_EQ(statusOf(Handshake + "X-Long: " + QByteArray(10000, 'x') + "\r\n\r\n"), "HTTP/1.1 431");
    EXPECT_EQ(statusOf(Handshake + "\r\n"), "HTTP/1.1 101"); // and the real thing still works
}

TEST_F(LimitsTest, OneAddressCannotHoldMoreThanItsShareOfConnections)
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 3;
    config.connectionsPerSecond = 1000; // reconnecting at once is not what is tested here
    config.connectionBurst = 1000;
    startGateway(config);
    std::vector<std::unique_ptr<TestClient>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<TestClient>());
        ASSERT_TRUE(held.back()->join(url, u"Held %1"_s.arg(i)));
    }
    const QByteArray answer = answerTo(gateway->port(), Handshake + "\r\n");
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 429")) << answer.toStdString();
    EXPECT_TRUE(answer.contains("too many connections from your address")) << answer.toStdString();
    EXPECT_TRUE(answerTo(gateway->port(), Handshake + "\r\n", QHostAddress(u"127.0.0.2"_s))
                    .startsWith("HTTP/1.1 101"));
    held.pop_back(); // one goes: its place is free again
    QByteArray last;
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            // Sockets go with deleteLater, which a test's event processing runs only on request.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            last = answerTo(gateway->port(), Handshake + "\r\n");
            return last.startsWith("HTTP/1.1 101");
        },
        5000))
        << last.toStdString();
}

TEST_F(LimitsTest, TheLastSeatsAreKeptForAddressesNotInTheRoomYet)
{
    ServerConfig config;
    config.maxClients = 10; // the last one is kept
    startGateway(config);
    std::vector<std::unique_ptr<TestClient>> crowd;
    for (int i = 0; i < 9; ++i) {
        crowd.push_back(std::make_unique<TestClient>());
        ASSERT_TRUE(crowd.back()->join(url, u"Crowd %1"_s.arg(i)));
    }
    const auto tenth = rawPeer(gateway->port(), /*handshake=*/true, /*reads=*/true);
    ASSERT_TRUE(tenth);
    const QByteArray frame = closeFrameFrom(*tenth);
    ASSERT_FALSE(frame.isEmpty()) << "no close frame came";
    EXPECT_EQ((quint8(frame.at(2)) << 8) | quint8(frame.at(3)), Protocol::CloseCodeTryAgainLater);
    EXPECT_TRUE(frame.contains("kept for people not in it yet")) << frame.mid(4).toStdString();
    // Someone at another address still gets in.
    EXPECT_TRUE(answerTo(gateway->port(), Handshake + "\r\n", QHostAddress(u"127.0.0.2"_s))
                    .startsWith("HTTP/1.1 101"));
}

TEST_F(LimitsTest, BehindATrustedProxyEachClientCountsByItsOwnAddress)
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 1;
    config.trustedProxies = {QHostAddress::LocalHost};
    startGateway(config);
    // Two people behind the proxy: each gets in. The same person twice: the second is refused.
    QTcpSocket first, second, again;
    for (auto [socket, client] : {std::pair{&first, "203.0.113.7"}, std::pair{&second, "203.0.113.8"},
                                  std::pair{&again, "203.0.113.7"}}) {
        socket->connectToHost(QHostAddress::LocalHost, gateway->port());
        ASSERT_TRUE(socket->waitForConnected(5000));
        socket->write(Handshake + "X-Forwarded-For: 198.51.100.1, " + client + "\r\n\r\n");
    }
    QByteArray answers[3];
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            answers[0] += first.readAll();
            answers[1] += second.readAll();
            answers[2] += again.readAll();
            return answers[0].size() >= 12 && answers[1].size() >= 12 && answers[2].size() >= 12;
        },
        5000));
    EXPECT_TRUE(answers[0].startsWith("HTTP/1.1 101"));
    EXPECT_TRUE(answers[1].startsWith("HTTP/1.1 101"));
    EXPECT_TRUE(answers[2].startsWith("HTTP/1.1 429")) << answers[2].toStdString();
}

TEST_F(PasswordTest, AProvenMemberIsNotCheckedAgain)
{
    const QString token = u"proven-member-token-0123"_s;
    TestClient first;
    ASSERT_TRUE(first.open(url));
    first.send({{u"type"_s, u"hello"_s},
                {u"name"_s, u"Ada"_s},
                {u"token"_s, token},
                {u"password"_s, u"open sesame"_s}});
    const auto welcome = first.waitFor(u"welcome"_s);
    ASSERT_TRUE(welcome);
    first.socket().close();
    ASSERT_TRUE(first.waitForClose());
    // Someone at the same address guesses under the same name until that (address, name) waits.
    for (const QString &guess : {u"a"_s, u"b"_s, u"c"_s}) {
        TestClient guesser;
        ASSERT_TRUE(guesser.open(url));
        guesser.send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Ada"_s}, {u"password"_s, guess}});
        ASSERT_TRUE(guesser.waitForClose());
    }

    // Back with the same identity and password: let in without a new check, so not held up.
    TestClient again;
    ASSERT_TRUE(again.open(url));
    again.send({{u"type"_s, u"hello"_s},
                {u"name"_s, u"Ada"_s},
                {u"token"_s, token},
                {u"password"_s, u"open sesame"_s}});
    const auto rejoined = again.waitFor(u"welcome"_s);
    ASSERT_TRUE(rejoined);
    EXPECT_EQ((*rejoined)[u"you"_s][u"id"_s], (*welcome)[u"you"_s][u"id"_s]);
}

// Changing the name at every guess does not escape the back-off: an address as a whole gets
// 20 wrong guesses without waiting; after the next it waits, whatever names it tries.
TEST_F(PasswordTest, GuessingUnderEverNewNamesIsSlowedDownToo)
{
    for (int i = 0; i < 21; ++i) {
        TestClient guesser;
        ASSERT_TRUE(guesser.open(url));
        guesser.send({{u"type"_s, u"hello"_s},
                      {u"name"_s, u"Name %1"_s.arg(i)},
                      {u"password"_s, u"guess %1"_s.arg(i)}});
        ASSERT_TRUE(guesser.waitForClose());
    }
    TestClient next;
    ASSERT_TRUE(next.open(url));
    next.send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Yet another"_s}, {u"password"_s, u"open sesame"_s}});
    ASSERT_TRUE(next.waitForClose());
    const auto error = next.waitFor(u"error"_s);
    ASSERT_TRUE(error);
    EXPECT_TRUE((*error)[u"message"_s].toString().contains(u"too many wrong passwords"_s));
}

// Many slow readers together: each stays under its own cap, but all of them together may not
// hold more than the room's budget; the biggest backlogs are closed first, readers carry on.
TEST_F(LimitsTest, SlowReadersTogetherStayWithinTheRoomsBudget)
{
    ServerConfig config;
    config.maxQueuedBytes = 64 * 1024 * 1024; // each alone would be allowed a lot
    config.maxTotalQueuedBytes = 2 * 1024 * 1024;
    config.limits.maxTextLength = 30000;
    config.ratePerSecond = 10000;
    config.rateBurst = 10000;
    startGateway(config);
    TestClient *bob = joined(u"Bob"_s);
    TestClient *carol = joined(u"Carol"_s);
    std::vector<std::unique_ptr<QTcpSocket>> stuck;
    for (int i = 0; i < 4; ++i) {
        stuck.push_back(rawPeer(gateway->port()));
        ASSERT_TRUE(stuck.back());
    }
    ASSERT_TRUE(bob->waitForCount(6));

    const QString big(29000, u'x');
    int sent = 0;
    const bool dropped = QTest::qWaitFor(
        [&] {
            if (sent < 1000) // bounded: ~29 MB, far below what one reader alone may hold
                bob->sendChat(big, u"big%1"_s.arg(sent++));
            return bob->lastCount() == 2;
        },
        60000);
    EXPECT_TRUE(dropped) << "sent " << sent << ", count " << bob->lastCount();
    EXPECT_TRUE(QTest::qWaitFor([&] { return carol->received(u"chat"_s).size() >= sent - 1; }, 10000));
    EXPECT_TRUE(carol->isConnected());
    EXPECT_TRUE(bob->isConnected());
}

TEST_F(LimitsTest, AConnectionWhoseHelloWasRefusedIsClosedNotMadeAGuest)
{
    ServerConfig config;
    config.helloTimeout = 100ms;
    startGateway(config);
    TestClient mallory;
    ASSERT_TRUE(mallory.open(url));
    mallory.send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Mallory"_s}, {u"token"_s, u"short"_s}});
    ASSERT_TRUE(mallory.waitFor(u"error"_s));
    ASSERT_TRUE(mallory.waitForClose()); // it answers pings, but holds no seat for long
    EXPECT_EQ(int(mallory.socket().closeCode()), Protocol::CloseCodePolicyViolation);
    EXPECT_TRUE(mallory.received(u"welcome"_s).isEmpty());
    EXPECT_EQ(gateway->userCount(), 0);
}

TEST(ChatGatewayClientKey, AnIPv6HostCountsAsOneWhateverAddressOfItsNetworkItUses)
{
    EXPECT_EQ(ChatGateway::clientKey(QHostAddress(u"192.0.2.7"_s)), u"192.0.2.7"_s);
    EXPECT_EQ(ChatGateway::clientKey(QHostAddress(u"::ffff:192.0.2.7"_s)), u"192.0.2.7"_s);
    const QString one = ChatGateway::clientKey(QHostAddress(u"2001:db8:1:2:aaaa:bbbb:cccc:dddd"_s));
    EXPECT_EQ(one, u"2001:db8:1:2::/64"_s);
    EXPECT_EQ(ChatGateway::clientKey(QHostAddress(u"2001:db8:1:2::1"_s)), one);
    EXPECT_NE(ChatGateway::clientKey(QHostAddress(u"2001:db8:1:3::1"_s)), one);
}

// --- wss://: the same checks, with TLS done by the gateway before the handover ----------------

namespace {

class TlsLimitsTest : public ChatGatewayTest
{
protected:
    void SetUp() override
    {
        identity = SelfSignedCertificate::generate(u"parley-test"_s, {QHostAddress::LocalHost});
        ASSERT_TRUE(identity);
    }

    void startTlsGateway(ServerConfig config)
    {
        config.tlsCertificate = identity->certificate;
        config.tlsKey = identity->key;
        startGateway(config);
    }

    /// A TLS connection to the room that trusts exactly its certificate, from address from.
    std::unique_ptr<QSslSocket> tlsPeer(const QHostAddress &from = QHostAddress::LocalHost)
    {
        auto socket = std::make_unique<QSslSocket>();
        QSslConfiguration tls = socket->sslConfiguration();
        tls.setCaCertificates({identity->certificate});
        socket->setSslConfiguration(tls);
        EXPECT_TRUE(socket->bind(from));
        socket->connectToHostEncrypted(u"127.0.0.1"_s, gateway->port());
        return socket;
    }

    /// Waits (serving the room meanwhile: it runs on this thread) for the TLS handshake.
    static bool encrypted(QSslSocket &socket)
    {
        return QTest::qWaitFor([&] { return socket.isEncrypted(); }, 5000);
    }

    /// What the room answers request with over TLS: until it closes, or the first 12 bytes of an
    /// upgrade.
    QByteArray answerOverTls(const QByteArray &request, const QHostAddress &from = QHostAddress::LocalHost)
    {
        const auto socket = tlsPeer(from);
        if (!encrypted(*socket))
            return "no TLS: " + socket->errorString().toUtf8();
        socket->write(request);
        QByteArray answer;
        (void)QTest::qWaitFor(
            [&] {
                answer += socket->readAll();
                return socket->state() == QAbstractSocket::UnconnectedState ||
                       answer.startsWith("HTTP/1.1 101");
            },
            5000);
        return answer;
    }

    std::optional<SelfSignedCertificate> identity;
};

} // namespace

TEST_F(TlsLimitsTest, BadRequestsAndTooManyConnectionsAreAnsweredOverTls)
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 1;
    startTlsGateway(config);
    // The page (this test allows one connection at a time: not kept alive).
    EXPECT_TRUE(
        answerOverTls("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
    EXPECT_TRUE(answerOverTls("HELLO THERE\r\n\r\n").startsWith("HTTP/1.1 400"));

    const auto held = tlsPeer();
    ASSERT_TRUE(encrypted(*held));
    held->write(Handshake + "\r\n");
    ASSERT_TRUE(QTest::qWaitFor([&] { return held->bytesAvailable() >= 12; }, 5000));
    EXPECT_TRUE(held->peek(12).startsWith("HTTP/1.1 101"));
    // Before, a wss:// room counted only sessions, by scanning them, and answered a close frame.
    const QByteArray refused = answerOverTls(Handshake + "\r\n");
    EXPECT_TRUE(refused.startsWith("HTTP/1.1 429")) << refused.toStdString();
    EXPECT_TRUE(refused.contains("too many connections from your address (1 at most)"));
    EXPECT_TRUE(answerOverTls(Handshake + "\r\n", QHostAddress(u"127.0.0.2"_s)).startsWith("HTTP/1.1 101"));
}

TEST_F(TlsLimitsTest, AnAddressConnectingTooOftenIsDroppedBeforeTheTlsHandshake)
{
    ServerConfig config;
    config.connectionsPerSecond = 0.01;
    config.connectionBurst = 1;
    startTlsGateway(config);
    EXPECT_TRUE(answerOverTls(Handshake + "\r\n").startsWith("HTTP/1.1 101"));
    const auto flooder = tlsPeer();
    QSignalSpy encrypted(flooder.get(), &QSslSocket::encrypted);
    EXPECT_TRUE(QTest::qWaitFor([&] { return flooder->state() == QAbstractSocket::UnconnectedState; }, 5000));
    EXPECT_EQ(encrypted.size(), 0); // the server never paid for a handshake
}

TEST_F(TlsLimitsTest, BehindATrustedProxyEachClientCountsByItsOwnAddress)
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 1;
    config.trustedProxies = {QHostAddress::LocalHost};
    startTlsGateway(config);
    std::unique_ptr<QSslSocket> peers[3];
    const char *clients[3] = {"203.0.113.7", "203.0.113.8", "203.0.113.7"};
    QByteArray answers[3];
    for (int i = 0; i < 3; ++i) {
        peers[i] = tlsPeer();
        ASSERT_TRUE(encrypted(*peers[i]));
        peers[i]->write(Handshake + "Forwarded: for=" + clients[i] + "\r\n\r\n");
        // In turn: the third must find the first one counted.
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                answers[i] += peers[i]->readAll();
                return answers[i].size() >= 12;
            },
            5000));
    }
    EXPECT_TRUE(answers[0].startsWith("HTTP/1.1 101"));
    EXPECT_TRUE(answers[1].startsWith("HTTP/1.1 101"));
    EXPECT_TRUE(answers[2].startsWith("HTTP/1.1 429")) << answers[2].toStdString();
}

TEST_F(TlsLimitsTest, MembersChatOverTls)
{
    startTlsGateway(ServerConfig());
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({identity->certificate});
    TestClient alice, bob;
    alice.socket().setSslConfiguration(tls);
    bob.socket().setSslConfiguration(tls);
    const QUrl secure(u"wss://127.0.0.1:%1/"_s.arg(gateway->port()));
    ASSERT_TRUE(alice.join(secure, u"Alice"_s));
    ASSERT_TRUE(bob.join(secure, u"Bob"_s));
    alice.sendChat(u"over TLS"_s, u"a1"_s);
    EXPECT_TRUE(bob.waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"over TLS"_s; }));
    EXPECT_TRUE(alice.waitFor(u"ack"_s));
}

// --- conversations (protocol v2) ----------------------------------------------------------------

TEST_F(ConversationsTest, AVersion2HelloIsWelcomedWithItsConversationsAndVersion1IsUnchanged)
{
    TestClient *ann = member(u"Ann"_s);
    const auto welcome = ann->waitFor(u"welcome"_s);
    EXPECT_EQ((*welcome)[u"protocol"_s], 2);
    const QJsonArray conversations = (*welcome)[u"conversations"_s].toArray();
    ASSERT_EQ(conversations.size(), 1);
    EXPECT_EQ(conversations.at(0)[u"id"_s], u"general"_s);
    EXPECT_EQ(conversations.at(0)[u"kind"_s], u"channel"_s);
    EXPECT_TRUE(ann->received(u"history"_s).isEmpty()); // a v2 client asks for the pages it shows

    TestClient *old = member(u"Old"_s, 1);
    const auto oldWelcome = old->waitFor(u"welcome"_s);
    EXPECT_EQ((*oldWelcome)[u"protocol"_s], 1);
    EXPECT_FALSE(oldWelcome->contains(u"conversations"_s));
    EXPECT_TRUE(old->waitFor(u"history"_s));

    ann->send(chat(u"general"_s, u"to everyone"_s, u"a1"_s));
    const auto seen = old->waitFor(u"chat"_s);
    ASSERT_TRUE(seen);
    EXPECT_EQ(QStringList(seen->keys()), (QStringList{u"from"_s, u"seq"_s, u"text"_s, u"ts"_s, u"type"_s}));
    const auto ack = ann->waitFor(u"ack"_s);
    EXPECT_EQ((*ack)[u"conversation"_s], u"general"_s);
    old->sendChat(u"from v1"_s, u"o1"_s);
    const auto oldAck = old->waitFor(u"ack"_s);
    EXPECT_FALSE(oldAck->contains(u"conversation"_s));
    const auto v2Sees = ann->waitFor(u"chat"_s);
    EXPECT_EQ((*v2Sees)[u"conversation"_s], u"general"_s);

    // A newer client is spoken to in the newest version this server knows.
    TestClient *future = member(u"Future"_s, 3);
    EXPECT_EQ((*future->waitFor(u"welcome"_s))[u"protocol"_s], 2);
}

TEST_F(ConversationsTest, ADirectMessageReachesTheTwoOfThemAndNobodyElse)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    TestClient *cy = member(u"Cy"_s);
    TestClient *old = member(u"Old"_s, 1);
    const QString direct = openDirect(ann, bob);
    ASSERT_FALSE(direct.isEmpty());
    EXPECT_TRUE(bob->waitFor(u"conversation"_s, [&](const QJsonObject &c) {
        return c[u"conversation"_s][u"id"_s] == direct &&
               c[u"conversation"_s][u"with"_s][u"id"_s] == ann->id();
    }));
    EXPECT_EQ(openDirect(bob, ann), direct); // the same two, the same conversation

    ann->send(chat(direct, u"just for you"_s, u"d1"_s));
    const auto received =
        bob->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"just for you"_s; });
    ASSERT_TRUE(received);
    EXPECT_EQ((*received)[u"conversation"_s], direct);
    EXPECT_EQ((*ann->waitFor(u"ack"_s))[u"conversation"_s], direct);
    bob->send(chat(direct, u"thanks"_s, u"b1"_s));
    EXPECT_TRUE(ann->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"thanks"_s; }));
    bob->send({{u"type"_s, u"typing"_s}, {u"conversation"_s, direct}});
    EXPECT_TRUE(
        ann->waitFor(u"typing"_s, [&](const QJsonObject &t) { return t[u"conversation"_s] == direct; }));

    // Everything after this marker reached Cy and Old: the direct messages did not.
    ann->send(chat(u"general"_s, u"marker"_s, u"m1"_s));
    ASSERT_TRUE(cy->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"marker"_s; }));
    ASSERT_TRUE(old->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"marker"_s; }));
    for (TestClient *outsider : {cy, old}) {
        EXPECT_FALSE(hasText(outsider->received(u"chat"_s), u"just for you"_s));
        EXPECT_TRUE(outsider->received(u"conversation"_s).isEmpty());
        EXPECT_TRUE(outsider->received(u"typing"_s).isEmpty());
    }

    // Cy tries every way in: paging, posting, typing, marking read, a made-up id.
    cy->send({{u"type"_s, u"history"_s}, {u"conversation"_s, direct}, {u"limit"_s, 50}});
    EXPECT_TRUE(errorAbout(cy, u"forbidden"_s));
    cy->send(chat(direct, u"let me in"_s, u"c1"_s));
    const auto refused =
        cy->waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"clientId"_s] == u"c1"_s; });
    ASSERT_TRUE(refused);
    EXPECT_EQ((*refused)[u"code"_s], u"forbidden"_s);
    const int before = int(cy->received(u"error"_s).size());
    cy->send({{u"type"_s, u"typing"_s}, {u"conversation"_s, direct}});
    cy->send({{u"type"_s, u"read"_s}, {u"conversation"_s, direct}, {u"seq"_s, 10}});
    cy->send({{u"type"_s, u"history"_s}, {u"conversation"_s, u"d:guess:ed"_s}, {u"limit"_s, 5}});
    EXPECT_TRUE(QTest::qWaitFor([&] { return cy->received(u"error"_s).size() == before + 3; }, 5000));
    for (const QJsonObject &error : cy->received(u"error"_s))
        EXPECT_EQ(error[u"code"_s], u"forbidden"_s);
    EXPECT_FALSE(hasText(bob->received(u"chat"_s), u"let me in"_s));

    // A v1 member cannot reach it even by naming it.
    old->send(chat(direct, u"v1 sneaking"_s, u"o1"_s));
    EXPECT_TRUE(errorAbout(old, u"forbidden"_s));

    // Nor does Cy find it by resuming from the start on another connection.
    clients.push_back(std::make_unique<TestClient>());
    TestClient *cyAgain = clients.back().get();
    ASSERT_TRUE(cyAgain->open(url));
    cyAgain->send({{u"type"_s, u"hello"_s},
                   {u"name"_s, u"Cy"_s},
                   {u"token"_s, u"token-of-Cy-0123456789"_s},
                   {u"protocol"_s, 2},
                   {u"since"_s, 0}});
    const auto cyWelcome = cyAgain->waitFor(u"welcome"_s);
    ASSERT_TRUE(cyWelcome);
    EXPECT_EQ((*cyWelcome)[u"conversations"_s].toArray().size(), 1);
    ASSERT_TRUE(
        cyAgain->waitFor(u"history"_s, [](const QJsonObject &h) { return hasText({h}, u"marker"_s); }));
    EXPECT_FALSE(hasText(cyAgain->received(u"history"_s), u"just for you"_s));
    EXPECT_FALSE(hasText(cyAgain->received(u"history"_s), u"thanks"_s));
}

TEST_F(ConversationsTest, SomeoneAwayGetsTheirDirectMessagesAndEverythingElseInOneResume)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    bob->sendChat(u"bob was here"_s, u"b0"_s);
    const qint64 bobSaw = (*bob->waitFor(u"ack"_s))[u"seq"_s].toInteger();
    const QString bobId = bob->id();
    bob->socket().close();
    ASSERT_TRUE(bob->waitForClose());

    const QString direct = openDirect(ann, bob);
    ASSERT_FALSE(direct.isEmpty());
    QStringList expected;
    for (int i = 0; i < 6; ++i) {
        const QString conversation = i % 2 ? direct : u"general"_s;
        const QString text = u"while away %1"_s.arg(i);
        ann->send(chat(conversation, text, u"w%1"_s.arg(i)));
        ASSERT_TRUE(ann->waitFor(u"ack"_s,
                                 [&](const QJsonObject &a) { return a[u"clientId"_s] == u"w%1"_s.arg(i); }));
        expected.append(conversation + u'/' + text);
    }
    ann->send({{u"type"_s, u"chat"_s},
               {u"conversation"_s, direct},
               {u"text"_s, u"@Bob are you there?"_s},
               {u"clientId"_s, u"w6"_s},
               {u"mentions"_s, QJsonArray{bobId, u"someone-else"_s}}});
    ASSERT_TRUE(ann->waitFor(u"ack"_s, [](const QJsonObject &a) { return a[u"clientId"_s] == u"w6"_s; }));
    expected.append(direct + u"/@Bob are you there?"_s);

    TestClient *back = member(u"Bob"_s, 2, bobSaw);
    const auto welcome = back->waitFor(u"welcome"_s);
    EXPECT_EQ(back->id(), bobId);
    QJsonObject inDirect;
    for (const QJsonValue &conversation : (*welcome)[u"conversations"_s].toArray()) {
        if (conversation[u"id"_s] == direct)
            inDirect = conversation.toObject();
    }
    EXPECT_EQ(inDirect[u"unread"_s], 4);
    EXPECT_EQ(inDirect[u"mentions"_s], 1);
    EXPECT_EQ(inDirect[u"with"_s][u"id"_s], ann->id());

    QStringList got;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            got.clear();
            for (const QJsonObject &page : back->received(u"history"_s)) {
                for (const QJsonValue &message : page[u"messages"_s].toArray())
                    got.append(message[u"conversation"_s].toString() + u'/' + message[u"text"_s].toString());
            }
            return got.size() >= expected.size();
        },
        5000));
    EXPECT_EQ(got, expected); // every one, once, in order, nothing else
    const auto last = back->received(u"history"_s).constLast()[u"messages"_s].toArray().last();
    EXPECT_EQ(last[u"mentions"_s].toArray(), QJsonArray{bobId}); // only who can read it

    // What Bob reads is kept for him, so his next device starts where he stopped.
    back->send({{u"type"_s, u"read"_s}, {u"conversation"_s, direct}, {u"seq"_s, last[u"seq"_s]}});
    back->sendChat(u"sync"_s, u"s1"_s); // committed with (or after) the read position
    ASSERT_TRUE(back->waitFor(u"ack"_s));
    back->socket().close();
    ASSERT_TRUE(back->waitForClose());
    TestClient *laptop = member(u"Bob"_s);
    const auto laptopWelcome = laptop->waitFor(u"welcome"_s);
    for (const QJsonValue &conversation : (*laptopWelcome)[u"conversations"_s].toArray()) {
        if (conversation[u"id"_s] == direct) {
            EXPECT_EQ(conversation[u"readSeq"_s], last[u"seq"_s]);
            EXPECT_EQ(conversation[u"unread"_s], 0);
        }
    }
}

TEST_F(ConversationsTest, DirectConversationsSurviveARestartAndPageOnTheirOwn)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QString direct = openDirect(ann, bob);
    for (int i = 1; i <= 5; ++i) {
        ann->send(chat(i % 2 ? direct : u"general"_s, u"n%1"_s.arg(i), u"n%1"_s.arg(i)));
        ASSERT_TRUE(ann->waitFor(u"ack"_s,
                                 [&](const QJsonObject &a) { return a[u"clientId"_s] == u"n%1"_s.arg(i); }));
    }
    restartGateway();
    TestClient *bobAgain = member(u"Bob"_s);
    bobAgain->send({{u"type"_s, u"history"_s}, {u"conversation"_s, direct}, {u"limit"_s, 2}});
    const auto newest = bobAgain->waitFor(u"history"_s);
    ASSERT_TRUE(newest);
    EXPECT_EQ((*newest)[u"conversation"_s], direct);
    const QJsonArray page = (*newest)[u"messages"_s].toArray();
    ASSERT_EQ(page.size(), 2);
    EXPECT_EQ(page.at(0)[u"text"_s], u"n3"_s);
    EXPECT_EQ(page.at(1)[u"text"_s], u"n5"_s);
    EXPECT_EQ((*newest)[u"hasOlder"_s], true);
    bobAgain->send({{u"type"_s, u"history"_s},
                    {u"conversation"_s, direct},
                    {u"limit"_s, 5},
                    {u"before"_s, page.at(0)[u"seq"_s]}});
    const auto older =
        bobAgain->waitFor(u"history"_s, [](const QJsonObject &h) { return h[u"hasOlder"_s] == false; });
    ASSERT_TRUE(older);
    EXPECT_EQ((*older)[u"messages"_s].toArray().size(), 1);
    EXPECT_EQ((*older)[u"messages"_s][0][u"text"_s], u"n1"_s);
}

TEST_F(ConversationsTest, OpeningDirectConversationsIsBounded)
{
    TestClient *ann = member(u"Ann"_s);
    std::vector<TestClient *> others;
    for (int i = 0; i < 4; ++i)
        others.push_back(member(u"Other %1"_s.arg(i)));
    ann->send({{u"type"_s, u"open_direct"_s}, {u"member"_s, ann->id()}});
    EXPECT_TRUE(errorAbout(ann, u"forbidden"_s));
    // Looking someone up costs a turn too: made-up ids cannot make the room search its history.
    ann->send({{u"type"_s, u"open_direct"_s}, {u"member"_s, u"nobody-ever"_s}});
    EXPECT_TRUE(errorAbout(ann, u"bad_field"_s));
    for (int i = 0; i < 2; ++i)
        EXPECT_FALSE(openDirect(ann, others[size_t(i)]).isEmpty());
    ann->send({{u"type"_s, u"open_direct"_s}, {u"member"_s, others[3]->id()}});
    const auto limited = errorAbout(ann, u"limit_reached"_s);
    ASSERT_TRUE(limited);
    EXPECT_TRUE((*limited)[u"message"_s].toString().contains(u"3 direct conversations a minute"_s));
    EXPECT_TRUE(others[3]->received(u"conversation"_s).isEmpty());
    EXPECT_FALSE(openDirect(ann, others[0]).isEmpty()); // one already open costs nothing

    // Coming back does not refill it: the limit is the member's (and its address's).
    const QString id = ann->id();
    ann->socket().close();
    ASSERT_TRUE(ann->waitForClose());
    TestClient *again = member(u"Ann"_s);
    ASSERT_EQ(again->id(), id);
    again->send({{u"type"_s, u"open_direct"_s}, {u"member"_s, others[2]->id()}});
    EXPECT_TRUE(errorAbout(again, u"limit_reached"_s));
}

namespace {

class ChannelsTest : public ConversationsTest
{
protected:
    void SetUp() override {}

    void start(ServerConfig config = ServerConfig())
    {
        config.databasePath = dir.filePath(u"server.sqlite"_s);
        startGateway(config);
    }

    /// Makes a channel as client and returns its id.
    QString create(TestClient *client, const QString &name, const QString &topic = {})
    {
        client->send({{u"type"_s, u"create_channel"_s}, {u"name"_s, name}, {u"topic"_s, topic}});
        const auto made = client->waitFor(
            u"conversation"_s, [&](const QJsonObject &c) { return c[u"conversation"_s][u"name"_s] == name; });
        return made ? (*made)[u"conversation"_s][u"id"_s].toString() : QString();
    }

    static QJsonObject conversationIn(const QJsonObject &welcome, const QString &id)
    {
        for (const QJsonValue &conversation : welcome[u"conversations"_s].toArray()) {
            if (conversation[u"id"_s] == id)
                return conversation.toObject();
        }
        return {};
    }
};

} // namespace

TEST_F(ChannelsTest, AChannelIsMadeJoinedAndLeftAndOnlyItsMembersHearIt)
{
    start();
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    TestClient *cy = member(u"Cy"_s);
    TestClient *old = member(u"Old"_s, 1);
    const QString homework = create(ann, u"homework"_s, u"Due Friday"_s);
    ASSERT_TRUE(homework.startsWith(u"c-"_s)) << homework.toStdString();
    const auto made = ann->waitFor(u"conversation"_s);
    EXPECT_EQ((*made)[u"conversation"_s][u"joined"_s], true);
    EXPECT_EQ((*made)[u"conversation"_s][u"members"_s], 1);
    EXPECT_EQ((*made)[u"conversation"_s][u"topic"_s], u"Due Friday"_s);
    EXPECT_TRUE(bob->waitFor(u"channel"_s, [&](const QJsonObject &c) {
        return c[u"channel"_s][u"id"_s] == homework && c[u"channel"_s][u"members"_s] == 1;
    }));

    bob->send(chat(homework, u"not in it yet"_s, u"b0"_s));
    EXPECT_TRUE(errorAbout(bob, u"forbidden"_s));
    bob->send({{u"type"_s, u"join_channel"_s}, {u"conversation"_s, homework}});
    const auto joined = bob->waitFor(
        u"conversation"_s, [&](const QJsonObject &c) { return c[u"conversation"_s][u"id"_s] == homework; });
    ASSERT_TRUE(joined);
    EXPECT_EQ((*joined)[u"conversation"_s][u"joined"_s], true);
    EXPECT_EQ((*joined)[u"conversation"_s][u"members"_s], 2);
    EXPECT_TRUE(
        ann->waitFor(u"channel"_s, [&](const QJsonObject &c) { return c[u"channel"_s][u"members"_s] == 2; }));

    ann->send(chat(homework, u"page 12"_s, u"a1"_s));
    const auto heard =
        bob->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"page 12"_s; });
    ASSERT_TRUE(heard);
    EXPECT_EQ((*heard)[u"conversation"_s], homework);
    ann->send(chat(u"general"_s, u"marker"_s, u"m1"_s));
    ASSERT_TRUE(cy->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"marker"_s; }));
    ASSERT_TRUE(old->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"marker"_s; }));
    EXPECT_FALSE(hasText(cy->received(u"chat"_s), u"page 12"_s));
    EXPECT_FALSE(hasText(old->received(u"chat"_s), u"page 12"_s));
    EXPECT_TRUE(old->received(u"channel"_s).isEmpty()); // v1 knows #general only

    bob->send({{u"type"_s, u"leave_channel"_s}, {u"conversation"_s, homework}});
    EXPECT_TRUE(
        bob->waitFor(u"conversation_left"_s, [&](const QJsonObject &l) { return l[u"id"_s] == homework; }));
    ann->send(chat(homework, u"after Bob left"_s, u"a2"_s));
    ASSERT_TRUE(ann->waitFor(u"ack"_s, [](const QJsonObject &a) { return a[u"clientId"_s] == u"a2"_s; }));
    ann->send(chat(u"general"_s, u"marker 2"_s, u"m2"_s));
    ASSERT_TRUE(bob->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"marker 2"_s; }));
    EXPECT_FALSE(hasText(bob->received(u"chat"_s), u"after Bob left"_s));

    bob->send({{u"type"_s, u"leave_channel"_s}, {u"conversation"_s, u"general"_s}});
    const auto stays = errorAbout(bob, u"forbidden"_s);
    ASSERT_TRUE(stays);
}

TEST_F(ChannelsTest, NamesAreUniqueAndCheckedAndMakingChannelsIsBounded)
{
    ServerConfig config;
    config.channelsPerHour = 2;
    start(config);
    TestClient *ann = member(u"Ann"_s);
    ASSERT_FALSE(create(ann, u"homework"_s).isEmpty());
    for (const QString &taken :
         {u"HomeWork"_s, u"#homework"_s, u"hоmework"_s /* Cyrillic о */, u"General"_s}) {
        ann->send({{u"type"_s, u"create_channel"_s}, {u"name"_s, taken}, {u"clientId"_s, taken}});
        const auto refused =
            ann->waitFor(u"error"_s, [&](const QJsonObject &e) { return e[u"clientId"_s] == taken; });
        ASSERT_TRUE(refused) << taken.toStdString();
        EXPECT_EQ((*refused)[u"code"_s], u"channel_exists"_s) << taken.toStdString();
    }
    ann->send({{u"type"_s, u"create_channel"_s}, {u"name"_s, u"   "_s}, {u"clientId"_s, u"blank"_s}});
    const auto blank =
        ann->waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"clientId"_s] == u"blank"_s; });
    ASSERT_TRUE(blank);
    EXPECT_EQ((*blank)[u"code"_s], u"bad_name"_s);
    ann->send({{u"type"_s, u"create_channel"_s},
               {u"name"_s, u"topics"_s},
               {u"topic"_s, QString(300, u'x')},
               {u"clientId"_s, u"long"_s}});
    const auto longTopic =
        ann->waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"clientId"_s] == u"long"_s; });
    ASSERT_TRUE(longTopic);
    EXPECT_EQ((*longTopic)[u"code"_s], u"bad_field"_s); // longer than any topic may be
    ASSERT_FALSE(create(ann, u"game night"_s).isEmpty());
    ann->send({{u"type"_s, u"create_channel"_s}, {u"name"_s, u"third"_s}, {u"clientId"_s, u"third"_s}});
    const auto limited =
        ann->waitFor(u"error"_s, [](const QJsonObject &e) { return e[u"clientId"_s] == u"third"_s; });
    ASSERT_TRUE(limited);
    EXPECT_EQ((*limited)[u"code"_s], u"limit_reached"_s);

    TestClient *old = member(u"Old"_s, 1);
    old->send({{u"type"_s, u"create_channel"_s}, {u"name"_s, u"v1 channel"_s}});
    EXPECT_TRUE(errorAbout(old, u"forbidden"_s));
}

TEST_F(ChannelsTest, AServerMayKeepChannelMakingToItself)
{
    ServerConfig config;
    config.membersMayCreateChannels = false;
    config.channels = {u"announcements"_s};
    start(config);
    TestClient *ann = member(u"Ann"_s);
    const auto welcome = ann->waitFor(u"welcome"_s);
    const QJsonArray conversations = (*welcome)[u"conversations"_s].toArray();
    ASSERT_EQ(conversations.size(), 2);
    EXPECT_EQ(conversations.at(1)[u"name"_s], u"announcements"_s);
    EXPECT_EQ(conversations.at(1)[u"joined"_s], false);
    ann->send({{u"type"_s, u"create_channel"_s}, {u"name"_s, u"mine"_s}});
    EXPECT_TRUE(errorAbout(ann, u"forbidden"_s));
}

TEST_F(ChannelsTest, ChannelsTheirMembersAndUnreadCountsSurviveARestartAndResume)
{
    ServerConfig config;
    config.channels = {u"announcements"_s};
    start(config);
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QString homework = create(ann, u"homework"_s);
    const QString other = create(ann, u"other"_s);
    bob->send({{u"type"_s, u"join_channel"_s}, {u"conversation"_s, homework}});
    ASSERT_TRUE(bob->waitFor(u"conversation"_s));
    bob->sendChat(u"bob was here"_s, u"b0"_s);
    const qint64 bobSaw = (*bob->waitFor(u"ack"_s))[u"seq"_s].toInteger();
    bob->socket().close();
    ASSERT_TRUE(bob->waitForClose());
    ann->send(chat(homework, u"in homework"_s, u"h1"_s));
    ann->send(chat(other, u"in other"_s, u"o1"_s));
    ann->send({{u"type"_s, u"chat"_s},
               {u"conversation"_s, homework},
               {u"text"_s, u"@Bob and @Nobody"_s},
               {u"clientId"_s, u"h2"_s},
               {u"mentions"_s, QJsonArray{bob->id(), u"nobody"_s}}});
    ASSERT_TRUE(ann->waitFor(u"ack"_s, [](const QJsonObject &a) { return a[u"clientId"_s] == u"h2"_s; }));

    clients.erase(clients.begin()); // Ann goes; Bob stays in the list for his id
    gateway.reset();
    start(config); // the same channels, not a second "announcements"
    TestClient *back = member(u"Bob"_s, 2, bobSaw);
    const auto welcome = back->waitFor(u"welcome"_s);
    EXPECT_EQ((*welcome)[u"conversations"_s].toArray().size(), 4); // general, announcements, homework, other
    const QJsonObject inHomework = conversationIn(*welcome, homework);
    EXPECT_EQ(inHomework[u"joined"_s], true);
    EXPECT_EQ(inHomework[u"members"_s], 2);
    EXPECT_EQ(inHomework[u"unread"_s], 2);
    EXPECT_EQ(inHomework[u"mentions"_s], 1);
    EXPECT_EQ(conversationIn(*welcome, other)[u"unread"_s], 0); // not his to read
    ASSERT_TRUE(back->waitFor(u"history"_s));
    EXPECT_TRUE(hasText(back->received(u"history"_s), u"in homework"_s));
    EXPECT_TRUE(hasText(back->received(u"history"_s), u"@Bob and @Nobody"_s));
    EXPECT_FALSE(hasText(back->received(u"history"_s), u"in other"_s));
    const auto page = back->received(u"history"_s).constLast()[u"messages"_s].toArray();
    EXPECT_EQ(page.last()[u"mentions"_s].toArray(), QJsonArray{back->id()}); // nobody is in it
}

TEST_F(ChannelsTest, AStormOfJoinsCostsOthersAFewChannelFramesNotOneEach)
{
    ServerConfig config;
    config.channels = {u"busy"_s};
    config.presenceInterval = 200ms;
    start(config);
    TestClient *observer = member(u"Observer"_s);
    const QString busy = (*observer->waitFor(u"welcome"_s))[u"conversations"_s][1][u"id"_s].toString();
    ASSERT_TRUE(busy.startsWith(u"c-"_s));
    std::vector<TestClient *> joiners;
    for (int i = 0; i < 12; ++i)
        joiners.push_back(member(u"Joiner %1"_s.arg(i)));
    const int before = int(observer->received(u"channel"_s).size());
    for (TestClient *joiner : joiners)
        joiner->send({{u"type"_s, u"join_channel"_s}, {u"conversation"_s, busy}});
    ASSERT_TRUE(observer->waitFor(u"channel"_s,
                                  [](const QJsonObject &c) { return c[u"channel"_s][u"members"_s] == 12; }));
    // Before, every join sent every member a frame: 12 here.
    EXPECT_LE(int(observer->received(u"channel"_s).size()) - before, 3);
}
