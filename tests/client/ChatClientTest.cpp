// ChatClient and its models against a real gateway on loopback.
#include "ChatClient.h"

#include "ChatGateway.h"
#include "MessageRows.h"
#include "SelfSignedCertificate.h"
#include "TestClient.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

class ChatClientTest : public ::testing::Test
{
protected:
    void SetUp() override { startGateway(0); }

    void startGateway(quint16 port, const QString &databasePath = u":memory:"_s,
                      std::chrono::milliseconds helloTimeout = ServerConfig().helloTimeout)
    {
        ServerConfig config;
        config.helloTimeout = helloTimeout;
        config.databasePath = databasePath;
        config.bindAddress = QHostAddress::LocalHost;
        config.port = port;
        config.roomName = u"Lobby"_s;
        config.ratePerSecond = 1000; // these tests send in bursts; rate limits are tested elsewhere
        config.rateBurst = 1000;
        gateway = std::make_unique<ChatGateway>(config);
        ASSERT_TRUE(gateway->listen()) << gateway->errorString().toStdString();
        url = QUrl(u"ws://127.0.0.1:%1/"_s.arg(gateway->port()));
    }

    bool connectClient(const QString &name)
    {
        client.setDisplayName(name);
        client.connectToRoom(url);
        return QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 5000);
    }

    static QVariant row(QAbstractItemModel *model, int row, int role)
    {
        return model->data(model->index(row, 0), role);
    }

    /// The join/leave/rename lines among a conversation's messages.
    static QStringList notices(MessageListModel *messages)
    {
        QStringList found;
        for (int i = 0; i < messages->rowCount(); ++i) {
            if (row(messages, i, MessageListModel::KindRole).value<MessageListModel::Kind>() ==
                MessageListModel::Kind::Notice)
                found.append(row(messages, i, MessageListModel::TextRole).toString());
        }
        return found;
    }

    std::unique_ptr<ChatGateway> gateway;
    QUrl url;
    ChatClient client;
    QAbstractItemModelTester messagesTester{client.messages(),
                                            QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester membersTester{client.members(),
                                           QAbstractItemModelTester::FailureReportingMode::Fatal};
};

} // namespace

TEST_F(ChatClientTest, ConnectsSaysHelloAndFillsTheModels)
{
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    QSignalSpy states(&client, &ChatClient::stateChanged);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    EXPECT_EQ(states.size(), 2); // Connecting, Connected
    EXPECT_EQ(client.roomName(), u"Lobby"_s);
    EXPECT_TRUE(QTest::qWaitFor([&] { return client.userCount() == 2; }, 5000));
    EXPECT_EQ(client.members()->rowCount(), 2);
    EXPECT_EQ(row(client.members(), 0, MemberListModel::NameRole).toString(), u"Alice"_s);
    EXPECT_TRUE(row(client.members(), 0, MemberListModel::IsSelfRole).toBool());
    EXPECT_TRUE(bob.waitFor(u"presence"_s, [&](const QJsonObject &p) {
        const QJsonArray joined = p[u"joined"_s].toArray();
        return joined.contains(QJsonObject{{u"id"_s, client.selfId()}, {u"name"_s, u"Alice"_s}});
    }));
}

// A room too busy to read the hello in time takes the connection for a guest, then reads the
// hello: the client waits for the welcome that answers it and is itself, as after a prompt hello.
TEST_F(ChatClientTest, AHelloTheRoomReadsLateStillJoinsAsItself)
{
    startGateway(0, u":memory:"_s, 0ms); // no time at all to say hello
    QSignalSpy joined(gateway.get(), &ChatGateway::clientConnected);
    QSignalSpy selfChanges(&client, &ChatClient::selfIdChanged);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return joined.size() == 2; }, 5000))
        << "the room did not take it for a guest";
    EXPECT_TRUE(joined.at(0).at(0).value<Protocol::Member>().name.startsWith(u"Guest "_s));
    const auto alice = joined.at(1).at(0).value<Protocol::Member>();
    EXPECT_EQ(alice.name, u"Alice"_s);
    EXPECT_EQ(client.selfId(), alice.id);
    EXPECT_EQ(selfChanges.size(), 1) << "it never took the guest's id for its own";
    EXPECT_EQ(notices(client.messages()), QStringList{u"You joined Lobby"_s});
    EXPECT_TRUE(QTest::qWaitFor([&] { return gateway->userCount() == 1 && client.userCount() == 1; }, 5000));
}

TEST_F(ChatClientTest, ReceivesChatsAndSendsWithAck)
{
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    ASSERT_TRUE(connectClient(u"Alice"_s));
    QSignalSpy received(&client, &ChatClient::chatReceived);
    MessageListModel *messages = client.messages();

    bob.sendChat(u"hello <b>Alice</b>"_s, u"b1"_s);
    ASSERT_TRUE(received.wait(5000));
    EXPECT_EQ(received.at(0).at(0).toString(), u"Bob"_s);
    const int last = messages->rowCount() - 1;
    EXPECT_EQ(row(messages, last, MessageListModel::TextRole).toString(), u"hello <b>Alice</b>"_s);
    EXPECT_EQ(row(messages, last, MessageListModel::SenderNameRole).toString(), u"Bob"_s);
    EXPECT_FALSE(row(messages, last, MessageListModel::IsOwnRole).toBool());

    ASSERT_TRUE(client.sendMessage(u"hi Bob"_s));
    const int own = messages->rowCount() - 1;
    EXPECT_EQ(row(messages, own, MessageListModel::StatusRole).value<MessageListModel::Status>(),
              MessageListModel::Status::Sending);
    const auto chat = bob.waitFor(u"chat"_s);
    ASSERT_TRUE(chat);
    EXPECT_EQ((*chat)[u"text"_s], u"hi Bob"_s);
    EXPECT_EQ((*chat)[u"from"_s][u"name"_s], u"Alice"_s);
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return row(messages, own, MessageListModel::StatusRole).value<MessageListModel::Status>() ==
                   MessageListModel::Status::Sent;
        },
        5000));
    EXPECT_EQ(row(messages, own, MessageListModel::SeqRole).toLongLong(), (*chat)[u"seq"_s].toInteger());
}

TEST_F(ChatClientTest, RefusesWhatTheServerWouldRefuse)
{
    ASSERT_TRUE(connectClient(u"Alice"_s));
    const int rows = client.messages()->rowCount();
    EXPECT_FALSE(client.textProblem(u"   "_s).isEmpty());
    EXPECT_FALSE(client.textProblem(QString(client.maxTextLength() + 1, u'x')).isEmpty());
    EXPECT_TRUE(client.textProblem(QString(client.maxTextLength(), u'x')).isEmpty());
    EXPECT_FALSE(client.sendMessage(u"\n\n"_s));
    EXPECT_FALSE(client.errorString().isEmpty());
    EXPECT_EQ(client.messages()->rowCount(), rows);
}

TEST_F(ChatClientTest, ALinkToAMessageShowsItInThisRoomAndSaysWhereOthersAre)
{
    ASSERT_TRUE(connectClient(u"Alice"_s));
    ASSERT_TRUE(client.sendMessage(u"remember this"_s));
    qint64 seq = 0;
    ASSERT_TRUE(QTest::qWaitFor([&] { return (seq = client.messages()->lastSeq()) > 0; }, 5000));
    const QString base = client.messageLinkBase();
    const QString roomId = client.roomId();
    ASSERT_FALSE(roomId.isEmpty());
    EXPECT_EQ(base, u"parley://127.0.0.1:%1/%2/general/"_s.arg(url.port()).arg(roomId));

    QSignalSpy revealed(&client, &ChatClient::messageRevealed);
    EXPECT_TRUE(client.openMessageLink(QUrl(base + QString::number(seq))));
    ASSERT_TRUE(revealed.size() == 1 || revealed.wait(5000));
    EXPECT_EQ(revealed.constFirst().at(0).toLongLong(), seq);

    // The host's own client is on loopback: its links name the address others join at, and the
    // room is known by its id at any address (here the LAN's, from a member on loopback).
    client.setShareUrl(QUrl(u"ws://192.168.1.20:47800/"_s));
    const QString shared = client.messageLinkBase() + QString::number(seq);
    EXPECT_EQ(shared, u"parley://192.168.1.20:47800/%1/general/%2"_s.arg(roomId).arg(seq));
    EXPECT_TRUE(client.openMessageLink(QUrl(shared)));
    ASSERT_TRUE(revealed.size() == 2 || revealed.wait(5000));
    // A link of before the roomId, by the address one is connected at.
    EXPECT_TRUE(client.openMessageLink(QUrl(u"parley://127.0.0.1:%1/general/%2"_s.arg(url.port()).arg(seq))));
    ASSERT_TRUE(revealed.size() == 3 || revealed.wait(5000));
    EXPECT_FALSE(client.openMessageLink(
        QUrl(u"parley://127.0.0.1:%1/0123456789abcdef/general/%2"_s.arg(url.port()).arg(seq))))
        << "another room's id at this address (a room hosted here before)";

    // Another room's, a conversation one is not in, not a link to a message: said, nothing shown.
    EXPECT_FALSE(client.openMessageLink(QUrl(u"parley://10.9.9.9:47800/general/3"_s)));
    EXPECT_EQ(client.errorString(),
              u"That message is in another room, at 10.9.9.9:47800: join it to read it."_s);
    EXPECT_FALSE(client.openMessageLink(QUrl(u"parleys://127.0.0.1:%1/general/3"_s.arg(url.port()))));
    EXPECT_FALSE(client.openMessageLink(
        QUrl(QString(shared).replace(u"/general/%1"_s.arg(seq), u"/c-elsewhere01/3"_s))));
    EXPECT_EQ(client.errorString(), u"That message is in a conversation you are not in."_s);
    EXPECT_FALSE(client.openMessageLink(QUrl(u"parley://127.0.0.1:%1/general/x"_s.arg(url.port()))));
    EXPECT_EQ(client.errorString(), u"That is not a link to a message."_s);
    EXPECT_EQ(revealed.size(), 3);
}

TEST_F(ChatClientTest, RenamingIsAnsweredByTheRoom)
{
    ASSERT_TRUE(connectClient(u"Alice"_s));
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    EXPECT_FALSE(client.rename(u" Alice "_s)); // nothing to ask

    QSignalSpy renamed(&client, &ChatClient::renamed);
    QSignalSpy refused(&client, &ChatClient::renameRefused);
    ASSERT_TRUE(client.rename(u"  Alicia "_s));
    ASSERT_TRUE(renamed.wait(5000));
    EXPECT_EQ(renamed.constFirst().at(0).toString(), u"Alicia"_s);
    EXPECT_EQ(client.displayName(), u"Alicia"_s);
    EXPECT_TRUE(bob.waitFor(u"presence"_s, [&](const QJsonObject &p) {
        return p[u"renamed"_s].toArray().contains(
            QJsonObject{{u"id"_s, client.selfId()}, {u"name"_s, u"Alicia"_s}});
    }));

    // A name the room refuses: said in words, and the name stays what it was.
    ASSERT_TRUE(client.rename(u"Ali‮ce"_s)); // a bidi override
    ASSERT_TRUE(refused.wait(5000));
    EXPECT_TRUE(refused.constFirst().at(0).toString().contains(u"refused your name"_s))
        << refused.constFirst().at(0).toString().toStdString();
    EXPECT_EQ(client.displayName(), u"Alicia"_s);
    EXPECT_EQ(renamed.size(), 1);
    EXPECT_EQ(client.state(), ChatClient::State::Connected);
}

TEST_F(ChatClientTest, PresenceAndTypingFromOthers)
{
    ASSERT_TRUE(connectClient(u"Alice"_s));
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return client.members()->rowCount() == 2 && client.userCount() == 2; }, 5000));

    bob.send({{u"type"_s, u"typing"_s}});
    EXPECT_TRUE(QTest::qWaitFor([&] { return client.typingText().contains(u"Bob"_s); }, 5000));
    bob.sendChat(u"done typing"_s, u"b1"_s);
    EXPECT_TRUE(QTest::qWaitFor([&] { return client.typingText().isEmpty(); }, 5000));

    bob.send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Robert"_s}});
    EXPECT_TRUE(QTest::qWaitFor([&] { return client.members()->nameOf(bob.id()) == u"Robert"; }, 5000));

    bob.socket().close();
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return client.members()->rowCount() == 1 && client.userCount() == 1; }, 5000));
    // Join, rename and leave each left a notice in the conversation.
    const QStringList seen = notices(client.messages());
    EXPECT_TRUE(seen.contains(u"Bob joined"_s)) << seen.join(u'|').toStdString();
    EXPECT_TRUE(seen.contains(u"Bob is now Robert"_s)) << seen.join(u'|').toStdString();
    EXPECT_TRUE(seen.contains(u"Robert left"_s)) << seen.join(u'|').toStdString();
}

TEST_F(ChatClientTest, TypingIsSentThrottled)
{
    ASSERT_TRUE(connectClient(u"Alice"_s));
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    client.userTyping();
    client.userTyping();
    client.userTyping();
    ASSERT_TRUE(bob.waitFor(u"typing"_s));
    client.sendMessage(u"sync"_s);
    ASSERT_TRUE(bob.waitFor(u"chat"_s));
    EXPECT_EQ(bob.received(u"typing"_s).size(), 1);
}

TEST_F(ChatClientTest, SurvivesAServerRestartAndSendsWhatWasTypedMeanwhile)
{
    QTemporaryDir data;
    const QString history = data.filePath(u"history.sqlite"_s);
    startGateway(0, history); // a room that keeps its history, so a restart is the same room
    client.setReconnectDelays(20ms, 200ms);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    const quint16 port = gateway->port();

    gateway.reset(); // the server goes away
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Reconnecting; }, 5000));
    ASSERT_TRUE(client.sendMessage(u"typed while offline"_s));
    const int pending = client.messages()->rowCount() - 1;

    startGateway(port, history); // and comes back on the same port
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 10000));
    const auto chat = bob.waitFor(u"chat"_s, {}, 10s);
    ASSERT_TRUE(chat);
    EXPECT_EQ((*chat)[u"text"_s], u"typed while offline"_s);
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return row(client.messages(), pending, MessageListModel::StatusRole)
                       .value<MessageListModel::Status>() == MessageListModel::Status::Sent;
        },
        5000));
}

// What was typed during a long outage goes at the room's pace: sent at once, past the room's
// burst it would be refused and, past its abuse limit, closed as a flood (again after every
// reconnect, a few at a time).
TEST_F(ChatClientTest, ALongOutboxGoesAtTheRoomsPaceWithoutBeingClosedAsAFlood)
{
    QTemporaryDir data;
    ServerConfig config = gateway->config();
    config.databasePath = data.filePath(u"history.sqlite"_s);
    config.ratePerSecond = 200;
    config.rateBurst = 10;
    config.rateAbuseLimit = 20;
    gateway = std::make_unique<ChatGateway>(config);
    ASSERT_TRUE(gateway->listen());
    url = QUrl(u"ws://127.0.0.1:%1/"_s.arg(gateway->port()));
    client.setReconnectDelays(20ms, 200ms);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    config.port = gateway->port();
    gateway.reset();
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Reconnecting; }, 5000));
    constexpr int Count = 60;
    for (int i = 0; i < Count; ++i)
        ASSERT_TRUE(client.sendMessage(u"offline %1"_s.arg(i)));

    gateway = std::make_unique<ChatGateway>(config);
    ASSERT_TRUE(gateway->listen());
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 10000));
    QSignalSpy states(&client, &ChatClient::stateChanged);
    MessageListModel *messages = client.messages();
    const auto sent = [&] {
        QList<qint64> seqs;
        for (int i = 0; i < messages->rowCount(); ++i) {
            if (row(messages, i, MessageListModel::IsOwnRole).toBool() &&
                row(messages, i, MessageListModel::StatusRole).value<MessageListModel::Status>() ==
                    MessageListModel::Status::Sent)
                seqs.append(row(messages, i, MessageListModel::SeqRole).toLongLong());
        }
        return seqs;
    };
    EXPECT_TRUE(QTest::qWaitFor([&] { return sent().size() == Count || !states.isEmpty(); }, 10000));
    EXPECT_TRUE(states.isEmpty()) << "the room closed the connection";
    const QList<qint64> seqs = sent();
    ASSERT_EQ(seqs.size(), Count);
    EXPECT_TRUE(std::ranges::is_sorted(seqs));
    EXPECT_EQ(seqs.constLast() - seqs.constFirst(), Count - 1) << "stored once each, in the order typed";
}

TEST_F(ChatClientTest, BacksOffAndCountsDownWhileTheServerIsAway)
{
    client.setReconnectDelays(2s, 30s);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    gateway.reset();
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.reconnectSeconds() > 0; }, 5000));
    EXPECT_LE(client.reconnectSeconds(), 2);
    EXPECT_EQ(client.state(), ChatClient::State::Reconnecting);
    client.disconnectFromRoom();
    EXPECT_EQ(client.state(), ChatClient::State::Disconnected);
}

TEST(ChatClient, UnderstandsAddressesAsPeopleTypeThem)
{
    EXPECT_EQ(ChatClient::urlFromUserInput(u"192.168.1.20"_s), QUrl(u"ws://192.168.1.20:47800/"_s));
    EXPECT_EQ(ChatClient::urlFromUserInput(u" office-pc:5000 "_s), QUrl(u"ws://office-pc:5000/"_s));
    EXPECT_EQ(ChatClient::urlFromUserInput(u"wss://chat.example:443/"_s), QUrl(u"wss://chat.example:443/"_s));
    EXPECT_EQ(ChatClient::urlFromUserInput(u"[::1]:47801"_s), QUrl(u"ws://[::1]:47801/"_s));
    EXPECT_FALSE(ChatClient::urlFromUserInput(u""_s).isValid());
    EXPECT_FALSE(ChatClient::urlFromUserInput(u"http://example.com/"_s).isValid());
    EXPECT_FALSE(ChatClient::urlFromUserInput(u"ws://"_s).isValid());
}

TEST_F(ChatClientTest, ResumesAfterALostConnectionWithEveryMissedMessageOnce)
{
    client.setReconnectDelays(300ms, 300ms);
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    ASSERT_TRUE(connectClient(u"Alice"_s));
    const QString id = client.selfId();
    bob.sendChat(u"before"_s, u"b0"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return chatSeqs(client.messages()).size() == 1; }, 5000));

    client.findChild<QWebSocket *>()->abort(); // the Wi-Fi drops
    ASSERT_EQ(client.state(), ChatClient::State::Reconnecting);
    for (int i = 1; i <= 5; ++i)
        bob.sendChat(u"missed %1"_s.arg(i), u"b%1"_s.arg(i));
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob.received(u"ack"_s).size() == 6; }, 5000));

    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 5000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return chatSeqs(client.messages()).size() >= 6; }, 5000));
    bob.sendChat(u"after"_s, u"b7"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return chatSeqs(client.messages()).size() >= 7; }, 5000));
    EXPECT_EQ(chatSeqs(client.messages()), (QList<qint64>{1, 2, 3, 4, 5, 6, 7}));
    EXPECT_EQ(client.selfId(), id); // the same member, thanks to the identity token
}

TEST_F(ChatClientTest, UnsentChatsSurviveAnAppRestart)
{
    const quint16 port = gateway->port();
    gateway.reset(); // the room is unreachable
    const QString token = u"restart-token-0123456789"_s;
    {
        ChatClient before;
        before.setIdentityToken(token);
        before.setDisplayName(u"Alice"_s);
        before.connectToRoom(url);
        ASSERT_TRUE(before.sendMessage(u"typed while the room was down"_s));
    } // the app is closed

    startGateway(port);
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    ChatClient after;
    after.setIdentityToken(token);
    after.setDisplayName(u"Alice"_s);
    after.setReconnectDelays(20ms, 200ms);
    after.connectToRoom(url);
    ASSERT_EQ(after.messages()->unsent().size(), 1); // shown as sending right away
    const auto chat = bob.waitFor(u"chat"_s);
    ASSERT_TRUE(chat);
    EXPECT_EQ((*chat)[u"text"_s], u"typed while the room was down"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return after.messages()->unsent().isEmpty(); }, 5000));

    ChatClient third; // nothing is left to send a second time
    third.setIdentityToken(token);
    third.connectToRoom(url);
    EXPECT_TRUE(third.messages()->unsent().isEmpty());
}

TEST_F(ChatClientTest, LoadsOlderPagesOnRequest)
{
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    for (int i = 1; i <= 130; ++i)
        bob.sendChat(u"m%1"_s.arg(i), u"b%1"_s.arg(i));
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob.received(u"ack"_s).size() == 130; }, 10000));

    ASSERT_TRUE(connectClient(u"Alice"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return chatSeqs(client.messages()).size() == 100; }, 5000));
    EXPECT_TRUE(client.hasOlderMessages());
    EXPECT_EQ(chatSeqs(client.messages()).constFirst(), 31);

    client.loadOlder();
    ASSERT_TRUE(QTest::qWaitFor([&] { return chatSeqs(client.messages()).size() == 130; }, 5000));
    EXPECT_EQ(chatSeqs(client.messages()).constFirst(), 1);
    EXPECT_TRUE(QTest::qWaitFor([&] { return !client.hasOlderMessages(); }, 5000));
    QList<qint64> expected;
    for (qint64 seq = 1; seq <= 130; ++seq)
        expected.append(seq);
    EXPECT_EQ(chatSeqs(client.messages()), expected);
}

TEST_F(ChatClientTest, AWrongPasswordStopsTryingAndSaysWhy)
{
    ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.password = RoomPassword::fromPlainText(u"letmein"_s);
    ChatGateway locked(config);
    ASSERT_TRUE(locked.listen());
    const QUrl lockedUrl(u"ws://127.0.0.1:%1/"_s.arg(locked.port()));

    client.setReconnectDelays(20ms, 50ms);
    client.setDisplayName(u"Alice"_s);
    QSignalSpy required(&client, &ChatClient::passwordRequired);
    QSignalSpy refused(&client, &ChatClient::passwordRefused);
    client.connectToRoom(lockedUrl); // no password: the app asks for one
    ASSERT_TRUE(required.wait(5000));
    EXPECT_EQ(client.errorString(), u"This room needs a password."_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Disconnected; }, 5000));

    client.setPassword(u"wrong"_s);
    client.connectToRoom(lockedUrl);
    ASSERT_TRUE(refused.wait(5000));
    EXPECT_TRUE(client.errorString().contains(u"refused the password"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Disconnected; }, 5000));
    EXPECT_EQ(locked.userCount(), 0);
    EXPECT_EQ(required.size(), 1);

    ChatClient right;
    right.setDisplayName(u"Bob"_s);
    right.setPassword(u"letmein"_s);
    right.setReconnectDelays(20ms, 50ms);
    // Right after a wrong guess from this address the room asks to wait; a person tries again.
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            if (right.state() == ChatClient::State::Disconnected)
                right.connectToRoom(lockedUrl);
            return right.state() == ChatClient::State::Connected;
        },
        10000));
}

// --- TLS: trusted, unknown (pinned on first use) and changed certificates ----------------------

namespace {

class TlsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        // Pins live in the (test-mode) data folder: start every test without any.
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                      u"/certificate-pins.json"_s);
    }

    bool startTls(const SelfSignedCertificate &identity, quint16 port = 0)
    {
        ServerConfig config;
        config.bindAddress = QHostAddress::LocalHost;
        config.port = port;
        config.tlsCertificate = identity.certificate;
        config.tlsKey = identity.key;
        gateway = std::make_unique<ChatGateway>(config);
        if (!gateway->listen())
            return false;
        url = QUrl(u"wss://127.0.0.1:%1/"_s.arg(gateway->port()));
        return true;
    }

    std::unique_ptr<ChatGateway> gateway;
    QUrl url;
};

} // namespace

TEST_F(TlsTest, AnUnknownCertificateIsPinnedOnFirstUseAndAChangedOneRefusedLoudly)
{
    const auto first = SelfSignedCertificate::generate(u"Room"_s);
    const auto impostor = SelfSignedCertificate::generate(u"Room"_s);
    ASSERT_TRUE(first && impostor);
    ASSERT_TRUE(startTls(*first));
    const quint16 port = gateway->port();

    ChatClient client;
    client.setReconnectDelays(20ms, 100ms);
    QSignalSpy pinned(&client, &ChatClient::certificatePinned);
    QSignalSpy changed(&client, &ChatClient::certificateChanged);
    client.connectToRoom(url);
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 10000));
    ASSERT_EQ(pinned.size(), 1);
    EXPECT_EQ(pinned.at(0).at(0).toString(), SelfSignedCertificate::fingerprint(first->certificate));
    EXPECT_EQ(client.certificateFingerprint(), SelfSignedCertificate::fingerprint(first->certificate));

    gateway.reset(); // the same address now presents another certificate
    ASSERT_TRUE(startTls(*impostor, port));
    ASSERT_TRUE(changed.wait(10000));
    EXPECT_EQ(changed.at(0).at(0).toString(), SelfSignedCertificate::fingerprint(first->certificate));
    EXPECT_EQ(changed.at(0).at(1).toString(), SelfSignedCertificate::fingerprint(impostor->certificate));
    EXPECT_TRUE(client.errorString().contains(u"changed"_s));
    EXPECT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Disconnected; }, 5000));
    EXPECT_EQ(gateway->userCount(), 0);

    client.trustChangedCertificate(); // the person compared the fingerprints with the host
    EXPECT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 10000));
    EXPECT_EQ(client.certificateFingerprint(), SelfSignedCertificate::fingerprint(impostor->certificate));
}

TEST_F(TlsTest, ACertificateTheSystemTrustsNeedsNoPin)
{
    const auto identity = SelfSignedCertificate::generate(u"Room"_s);
    ASSERT_TRUE(identity);
    ASSERT_TRUE(startTls(*identity));
    const QSslConfiguration previous = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = previous;
    trusting.addCaCertificate(identity->certificate);
    QSslConfiguration::setDefaultConfiguration(trusting);

    ChatClient client;
    QSignalSpy pinned(&client, &ChatClient::certificatePinned);
    client.connectToRoom(url);
    const bool connected =
        QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 10000);
    QSslConfiguration::setDefaultConfiguration(previous);
    ASSERT_TRUE(connected) << client.errorString().toStdString();
    EXPECT_EQ(pinned.size(), 0);
    EXPECT_EQ(client.certificateFingerprint(), SelfSignedCertificate::fingerprint(identity->certificate));
}

TEST_F(ChatClientTest, AnAddressWithNoRoomSaysSoInsteadOfRetrying)
{
    QTcpServer closed; // a port that was free a moment ago and has nothing listening now
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    client.setDisplayName(u"Alice"_s);
    EXPECT_FALSE(client.joinAddress(u"http://example.org/"_s));
    EXPECT_TRUE(client.errorString().contains(u"not a room address"_s));
    ASSERT_TRUE(client.joinAddress(u"127.0.0.1:%1"_s.arg(port)));
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Disconnected; }, 5000));
    EXPECT_TRUE(QTest::qWaitFor([&] { return !client.errorString().isEmpty(); }, 5000));
    EXPECT_EQ(client.errorString(), u"No room is open at 127.0.0.1:%1."_s.arg(port));
    QTest::qWait(0);
    EXPECT_EQ(client.state(), ChatClient::State::Disconnected); // and no reconnect is scheduled
    EXPECT_EQ(client.reconnectSeconds(), 0);
}

TEST_F(ChatClientTest, ARoomTheHostClosedIsNotRetried)
{
    ASSERT_TRUE(connectClient(u"Alice"_s));
    QSignalSpy stopped(gateway.get(), &ChatGateway::stopped);
    gateway->shutdown(QWebSocketProtocol::CloseCode(Protocol::CloseCodeRoomClosed),
                      u"the host closed the room"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Closed; }, 5000));
    EXPECT_EQ(client.errorString(), u"The host closed the room."_s);
    EXPECT_FALSE(client.sendMessage(u"anyone?"_s));
    client.disconnectFromRoom();
    EXPECT_EQ(client.state(), ChatClient::State::Disconnected);
}

TEST_F(ChatClientTest, ARestartingServerIsRetried)
{
    client.setReconnectDelays(std::chrono::milliseconds(50), std::chrono::milliseconds(200));
    ASSERT_TRUE(connectClient(u"Alice"_s));
    gateway->shutdown(); // 1001, as parleyd on SIGTERM
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Reconnecting; }, 5000));
}

TEST_F(ChatClientTest, TheRoomsLimitsComeWithTheWelcomeAndAreKept)
{
    ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.limits.maxTextLength = 150;
    config.limits.maxMessageBytes = 1024;
    ChatGateway small(config);
    ASSERT_TRUE(small.listen());
    client.setDisplayName(u"Alice"_s);
    client.connectToRoom(QUrl(u"ws://127.0.0.1:%1/"_s.arg(small.port())));
    // Typed before the welcome, under the default limits: kept until the room says its own.
    ASSERT_TRUE(client.sendMessage(QString(1500, u'x')));
    QSignalSpy limits(&client, &ChatClient::limitsChanged);
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 5000));
    EXPECT_EQ(limits.size(), 1);
    EXPECT_EQ(client.maxTextLength(), 150);
    // Marked failed and dropped from the outbox, never sent (the room would close with 1009).
    const int last = client.messages()->rowCount() - 1;
    EXPECT_EQ(row(client.messages(), last, MessageListModel::StatusRole).value<MessageListModel::Status>(),
              MessageListModel::Status::Failed);
    EXPECT_FALSE(client.textProblem(QString(151, u'x')).isEmpty());
    EXPECT_TRUE(client.textProblem(QString(150, u'x')).isEmpty());
    EXPECT_TRUE(client.sendMessage(u"fits"_s));
    EXPECT_TRUE(QTest::qWaitFor([&] { return chatSeqs(client.messages()).contains(1); }, 5000));
    EXPECT_EQ(client.state(), ChatClient::State::Connected);
}

TEST_F(ChatClientTest, ADifferentRoomAtTheSameAddressStartsAFreshListAndGetsNoneOfTheOldOnesMessages)
{
    TestClient bob;
    ASSERT_TRUE(bob.join(url, u"Bob"_s));
    for (int i = 1; i <= 3; ++i)
        bob.sendChat(u"old room %1"_s.arg(i), u"b%1"_s.arg(i));
    client.setReconnectDelays(std::chrono::milliseconds(20), std::chrono::milliseconds(50));
    ASSERT_TRUE(connectClient(u"Alice"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return chatSeqs(client.messages()).size() == 3; }, 5000));

    const quint16 port = gateway->port();
    gateway.reset(); // the host closes room A...
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Reconnecting; }, 5000));
    ASSERT_TRUE(client.sendMessage(u"written for room A"_s)); // ...while Alice still types in it

    startGateway(port); // ...and opens room B at the same address, with a new history
    TestClient carol;
    ASSERT_TRUE(carol.join(url, u"Carol"_s));
    carol.sendChat(u"first in B"_s, u"c1"_s); // seq 1, like A's first
    ASSERT_TRUE(carol.waitFor(u"ack"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Connected; }, 10000));
    const auto texts = [&] {
        QStringList all;
        for (int i = 0; i < client.messages()->rowCount(); ++i)
            all.append(row(client.messages(), i, MessageListModel::TextRole).toString());
        return all;
    };
    // B's seq 1 is shown although A's seq 1 was: a fresh list, not a "duplicate".
    ASSERT_TRUE(QTest::qWaitFor([&] { return texts().contains(u"first in B"_s); }, 5000))
        << texts().join(u'|').toStdString();
    EXPECT_FALSE(texts().contains(u"old room 1"_s));
    // Room A's unsent message is kept, marked, and never posted into B.
    const int own = int(texts().indexOf(u"written for room A"_s));
    ASSERT_GE(own, 0);
    EXPECT_EQ(row(client.messages(), own, MessageListModel::StatusRole).value<MessageListModel::Status>(),
              MessageListModel::Status::Failed);
    ASSERT_TRUE(client.sendMessage(u"hello B"_s));
    EXPECT_TRUE(carol.waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"hello B"_s; }));
    EXPECT_FALSE(carol.waitFor(
        u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"written for room A"_s; }, 200ms));
}

TEST_F(ChatClientTest, RefusalsAreSaidInTheAppsWordsNotTheServers)
{
    ASSERT_TRUE(connectClient(u"Alice"_s));
    client.setDisplayName(u"Al\u0001ce"_s); // renaming to a name the room refuses
    ASSERT_TRUE(QTest::qWaitFor([&] { return !client.errorString().isEmpty(); }, 5000));
    EXPECT_TRUE(client.errorString().startsWith(u"The room refused your name"_s))
        << client.errorString().toStdString();
}

// --- conversations (protocol v2) ----------------------------------------------------------------

namespace {

class ConversationsClientTest : public ChatClientTest
{
protected:
    void SetUp() override
    {
        ServerConfig config;
        config.databasePath = dir.filePath(u"server.sqlite"_s);
        config.bindAddress = QHostAddress::LocalHost;
        config.port = 0;
        config.channels = {u"homework"_s};
        config.ratePerSecond = 1000; // some tests fill the history in a burst
        config.rateBurst = 1000;
        gateway = std::make_unique<ChatGateway>(config);
        ASSERT_TRUE(gateway->listen()) << gateway->errorString().toStdString();
        url = QUrl(u"ws://127.0.0.1:%1/"_s.arg(gateway->port()));
    }

    /// A v2 member beside the client, with an identity it can come back with.
    std::unique_ptr<TestClient> peer(const QString &name)
    {
        auto client = std::make_unique<TestClient>();
        EXPECT_TRUE(client->open(url));
        client->send({{u"type"_s, u"hello"_s},
                      {u"name"_s, name},
                      {u"protocol"_s, 2},
                      {u"token"_s, u"token-of-%1-0123456789"_s.arg(name)}});
        EXPECT_TRUE(client->waitFor(u"welcome"_s));
        return client;
    }

    QString idOf(const QString &title) const
    {
        const auto *model = client.conversations();
        for (int i = 0; i < model->rowCount(); ++i) {
            if (row(const_cast<ConversationListModel *>(model), i, ConversationListModel::TitleRole) == title)
                return row(const_cast<ConversationListModel *>(model), i, ConversationListModel::IdRole)
                    .toString();
        }
        return {};
    }

    /// Stops the room (the client starts reconnecting), runs whileDown, and starts the room again
    /// on the same port with the same history.
    void restartRoom(const std::function<void()> &whileDown = {})
    {
        const quint16 port = gateway->port();
        ServerConfig config = gateway->config();
        gateway.reset();
        ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Reconnecting; }, 5000));
        config.port = port;
        if (whileDown)
            whileDown();
        gateway = std::make_unique<ChatGateway>(config);
        ASSERT_TRUE(gateway->listen());
    }

    int unreadIn(const QString &id) const
    {
        const auto conversation = client.conversations()->find(id);
        return conversation ? conversation->unread : -1;
    }

    QTemporaryDir dir;
    QAbstractItemModelTester conversationsTester{client.conversations(),
                                                 QAbstractItemModelTester::FailureReportingMode::Fatal};
};

} // namespace

TEST_F(ConversationsClientTest, ListsTheConversationsAndSwitchesBetweenThem)
{
    auto bob = peer(u"Bob"_s);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    EXPECT_EQ(client.protocolVersion(), 2);
    EXPECT_EQ(client.currentConversation(), u"general"_s);
    EXPECT_EQ(client.currentTitle(), u"#general"_s);
    const QString homework = idOf(u"#homework"_s);
    ASSERT_FALSE(homework.isEmpty());
    EXPECT_FALSE(client.conversations()->isJoined(homework)); // listed under "more channels"

    // Bob writes in #general; Alice sees it, and it is read because she is looking.
    bob->sendChat(u"hello all"_s, u"b1"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return chatTexts(client.messages()).contains(u"hello all"_s); }, 5000));
    EXPECT_EQ(unreadIn(u"general"_s), 0);

    // Alice joins #homework: it becomes current, and what she writes there stays there.
    client.joinChannel(homework);
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.currentConversation() == homework; }, 5000));
    EXPECT_TRUE(client.conversations()->isJoined(homework));
    ASSERT_TRUE(client.sendMessage(u"page 12?"_s));
    bob->send({{u"type"_s, u"join_channel"_s}, {u"conversation"_s, homework}});
    ASSERT_TRUE(bob->waitFor(u"conversation"_s));
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return chatTexts(client.messages()) == QStringList{u"page 12?"_s}; }, 5000));
    EXPECT_FALSE(chatTexts(client.messagesFor(u"general"_s)).contains(u"page 12?"_s));

    // While Alice looks at #homework, #general counts what she has not seen.
    bob->sendChat(u"in general"_s, u"b2"_s);
    EXPECT_TRUE(QTest::qWaitFor([&] { return unreadIn(u"general"_s) == 1; }, 5000));
    EXPECT_EQ(client.conversations()->totalUnread(), 1);
    client.setCurrentConversation(u"general"_s);
    EXPECT_EQ(unreadIn(u"general"_s), 0);
    EXPECT_EQ(client.conversations()->neighbour(u"general"_s, 1), homework);
    EXPECT_EQ(client.conversations()->search(u"home"_s), QStringList{homework});

    // The draft stays with its conversation.
    client.setDraft(u"half a thought"_s);
    client.setCurrentConversation(homework);
    EXPECT_TRUE(client.draft().isEmpty());
    client.setCurrentConversation(u"general"_s);
    EXPECT_EQ(client.draft(), u"half a thought"_s);
}

TEST_F(ConversationsClientTest, ADirectConversationOpensMentionsCountAndReadsFollowTheMember)
{
    auto bob = peer(u"Bob"_s);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.members()->rowCount() == 2; }, 5000));
    client.openDirect(bob->id());
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.currentIsDirect(); }, 5000));
    EXPECT_EQ(client.currentTitle(), u"Bob"_s);
    const QString direct = client.currentConversation();
    ASSERT_TRUE(client.sendMessage(u"just between us, @Bob"_s));
    const auto received =
        bob->waitFor(u"chat"_s, [&](const QJsonObject &c) { return c[u"conversation"_s] == direct; });
    ASSERT_TRUE(received);
    EXPECT_EQ((*received)[u"mentions"_s].toArray(), QJsonArray{bob->id()});

    // Bob answers while Alice looks elsewhere (her window is not active): unread and a mention.
    client.setActive(false);
    QSignalSpy notified(&client, &ChatClient::chatReceived);
    bob->send({{u"type"_s, u"chat"_s},
               {u"conversation"_s, direct},
               {u"text"_s, u"sure @Alice"_s},
               {u"clientId"_s, u"b1"_s},
               {u"mentions"_s, QJsonArray{client.selfId()}}});
    ASSERT_TRUE(notified.wait(5000));
    EXPECT_EQ(notified.at(0).at(2).toString(), u"Bob"_s); // the conversation's title
    EXPECT_TRUE(notified.at(0).at(3).toBool());           // direct
    EXPECT_TRUE(notified.at(0).at(4).toBool());           // mentions Alice
    const auto conversation = client.conversations()->find(direct);
    EXPECT_EQ(conversation->unread, 1);
    EXPECT_EQ(conversation->mentions, 1);

    // Looking again reads it, and the room keeps that for Alice's next start.
    client.setActive(true);
    EXPECT_EQ(client.conversations()->find(direct)->unread, 0);
    client.sendMessage(u"ok"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.messages()->unsent().isEmpty(); }, 5000));
    const QString token = client.identityToken();
    client.disconnectFromRoom(); // read positions are told within a second, and before leaving

    ChatClient laptop;
    laptop.setIdentityToken(token);
    laptop.setDisplayName(u"Alice"_s);
    laptop.connectToRoom(url);
    ASSERT_TRUE(QTest::qWaitFor([&] { return laptop.state() == ChatClient::State::Connected; }, 5000));
    const auto there = laptop.conversations()->find(direct);
    ASSERT_TRUE(there);
    EXPECT_EQ(there->unread, 0);
    laptop.setCurrentConversation(direct);
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return chatTexts(laptop.messages()) ==
                   QStringList{u"just between us, @Bob"_s, u"sure @Alice"_s, u"ok"_s};
        },
        5000))
        << chatTexts(laptop.messages()).join(u" | "_s).toStdString();
}

TEST_F(ConversationsClientTest, AfterAnOutageEveryConversationCatchesUpAndUnsentGoesToItsOwn)
{
    auto bob = peer(u"Bob"_s);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    client.setReconnectDelays(20ms, 50ms);
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.members()->rowCount() == 2; }, 5000));
    client.openDirect(bob->id());
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.currentIsDirect(); }, 5000));
    const QString direct = client.currentConversation();

    // The room restarts; meanwhile Alice writes in the direct conversation.
    bob.reset();
    restartRoom([&] { ASSERT_TRUE(client.sendMessage(u"written offline"_s)); });
    bob = peer(u"Bob"_s);
    bob->send({{u"type"_s, u"chat"_s},
               {u"conversation"_s, u"general"_s},
               {u"text"_s, u"while you were away"_s},
               {u"clientId"_s, u"b9"_s}});
    ASSERT_TRUE(bob->waitFor(u"ack"_s));
    EXPECT_TRUE(bob->waitFor(u"chat"_s, [&](const QJsonObject &c) {
        return c[u"conversation"_s] == direct && c[u"text"_s] == u"written offline"_s;
    }));
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return chatTexts(client.messagesFor(u"general"_s)).contains(u"while you were away"_s); },
        5000));
    EXPECT_EQ(chatTexts(client.messagesFor(direct)), QStringList{u"written offline"_s});
}

TEST_F(ConversationsClientTest, DirectMessagesMissedWhileAwayNotifyOnceWhenBack)
{
    auto bob = peer(u"Bob"_s);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.members()->rowCount() == 2; }, 5000));
    client.openDirect(bob->id());
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.currentIsDirect(); }, 5000));
    const QString direct = client.currentConversation();
    client.setCurrentConversation(u"general"_s);
    client.disconnectFromRoom();

    for (int i = 1; i <= 3; ++i) {
        bob->send({{u"type"_s, u"chat"_s},
                   {u"conversation"_s, direct},
                   {u"text"_s, u"are you there %1"_s.arg(i)},
                   {u"clientId"_s, u"b%1"_s.arg(i)}});
    }
    bob->sendChat(u"just chatter in general"_s, u"g1"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->received(u"ack"_s).size() == 4; }, 5000));

    QSignalSpy notified(&client, &ChatClient::chatReceived);
    client.connectToRoom(url);
    ASSERT_TRUE(QTest::qWaitFor([&] { return chatTexts(client.messagesFor(direct)).size() == 3; }, 5000));
    ASSERT_EQ(notified.size(), 1); // one for the direct conversation, not one per message, none for chatter
    EXPECT_TRUE(notified.at(0).at(3).toBool());
    EXPECT_EQ(notified.at(0).at(5).toString(), direct);
    EXPECT_EQ(client.conversations()->find(direct)->unread, 3);
}

TEST(ConversationListModel, SortsBySectionCountsWhatIsUnreadAndFindsByName)
{
    using Protocol::Conversation;
    ConversationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Conversation general{u"general"_s, Conversation::Kind::Channel, u"general"_s};
    Conversation homework{u"c-1"_s, Conversation::Kind::Channel, u"homework"_s};
    Conversation games{u"c-2"_s, Conversation::Kind::Channel, u"home games"_s};
    games.joined = false;
    Conversation bob{u"d:a:b"_s, Conversation::Kind::Direct};
    bob.with = {u"b"_s, u"Bob"_s};
    model.reset({games, bob, homework, general});
    QStringList order;
    for (int row = 0; row < model.rowCount(); ++row)
        order.append(model.idAt(row));
    EXPECT_EQ(order, (QStringList{u"general"_s, u"c-1"_s, u"d:a:b"_s, u"c-2"_s}));

    // Ctrl+K: those one is in first, a channel to join last.
    EXPECT_EQ(model.search(u"#HOME"_s), (QStringList{u"c-1"_s, u"c-2"_s}));
    EXPECT_EQ(model.neighbour(u"d:a:b"_s, 1), u"general"_s); // wraps, skipping the channel to join

    QSignalSpy total(&model, &ConversationListModel::totalUnreadChanged);
    model.addUnread(u"c-1"_s, 10, true);
    model.addUnread(u"d:a:b"_s, 11, false);
    model.addUnread(u"c-2"_s, 12, false); // not one's own to read: not counted
    EXPECT_EQ(model.totalUnread(), 2);
    EXPECT_EQ(model.find(u"c-1"_s)->mentions, 1);
    EXPECT_TRUE(model.markRead(u"c-1"_s, 10));
    EXPECT_FALSE(model.markRead(u"c-1"_s, 10)); // nothing new
    EXPECT_EQ(model.totalUnread(), 1);
    EXPECT_GE(total.size(), 2);

    model.markLeft(u"c-1"_s); // a channel left stays, to join again
    EXPECT_FALSE(model.isJoined(u"c-1"_s));
    model.markLeft(u"d:a:b"_s);
    EXPECT_FALSE(model.find(u"d:a:b"_s));
    model.renameMember(u"b"_s, u"Robert"_s);
    EXPECT_EQ(model.rowCount(), 3);
}

TEST_F(ConversationsClientTest, EditsAndDeletionsMadeWhileAwayArriveOnceWithTheResume)
{
    auto bob = peer(u"Bob"_s);
    ASSERT_TRUE(connectClient(u"Alice"_s));
    client.setReconnectDelays(20ms, 50ms);
    QList<qint64> seqs;
    for (const QString &text : {u"typo here"_s, u"regret this"_s, u"unchanged"_s}) {
        bob->sendChat(text, text);
        const auto ack =
            bob->waitFor(u"ack"_s, [&](const QJsonObject &a) { return a[u"clientId"_s] == text; });
        ASSERT_TRUE(ack);
        seqs.append((*ack)[u"seq"_s].toInteger());
    }
    MessageListModel *general = client.messagesFor(u"general"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return general->containsChat(seqs.last()); }, 5000));
    const int rows = general->rowCount();

    // The room restarts; while Alice is away, Bob fixes one message and deletes another.
    bob.reset();
    restartRoom();
    bob = peer(u"Bob"_s);
    bob->send({{u"type"_s, u"edit"_s},
               {u"conversation"_s, u"general"_s},
               {u"seq"_s, seqs[0]},
               {u"text"_s, u"fixed"_s}});
    bob->send({{u"type"_s, u"delete"_s}, {u"conversation"_s, u"general"_s}, {u"seq"_s, seqs[1]}});
    ASSERT_TRUE(bob->waitFor(u"changed"_s, [&](const QJsonObject &c) { return c[u"seq"_s] == seqs[1]; }));

    const auto at = [&](qint64 seq, int role) { return row(general, general->rowOfSeq(seq), role); };
    ASSERT_TRUE(QTest::qWaitFor([&] { return at(seqs[0], MessageListModel::TextRole) == u"fixed"_s; }, 5000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return at(seqs[1], MessageListModel::TextRole) == u""_s; }, 5000));
    EXPECT_TRUE(at(seqs[0], MessageListModel::EditedRole).toBool());
    EXPECT_EQ(at(seqs[1], MessageListModel::DeletedRole).value<MessageListModel::Deletion>(),
              MessageListModel::Deletion::ByAuthor);
    EXPECT_EQ(at(seqs[2], MessageListModel::TextRole), u"unchanged"_s);
    // Changed in place: no row added, none twice (the "Reconnected" notice aside).
    int chats = 0;
    for (int i = 0; i < general->rowCount(); ++i)
        chats += row(general, i, MessageListModel::KindRole).value<MessageListModel::Kind>() ==
                 MessageListModel::Kind::Chat;
    EXPECT_EQ(chats, 3);
    EXPECT_LE(general->rowCount(), rows + 1);

    // Live, too: an edit on screen changes the row where it is.
    bob->send({{u"type"_s, u"edit"_s},
               {u"conversation"_s, u"general"_s},
               {u"seq"_s, seqs[2]},
               {u"text"_s, u"changed live"_s}});
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return at(seqs[2], MessageListModel::TextRole) == u"changed live"_s; }, 5000));
}

TEST_F(ConversationsClientTest, ATranscriptHasTheWholeConversationFromItsFirstMessage)
{
    auto bob = peer(u"Bob"_s);
    for (int i = 1; i <= 450; ++i) // more than the first page and two of the largest older ones
        bob->sendChat(u"line %1"_s.arg(i), u"t%1"_s.arg(i));
    bob->sendChat(u"<b>not bold</b> & \"quoted\"\nsecond line"_s, u"t-html"_s);
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->received(u"ack"_s).size() == 451; }, 15000));
    ASSERT_TRUE(connectClient(u"Alice"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.messages()->rowCount() > 1; }, 5000));

    QTemporaryDir out;
    QSignalSpy saved(&client, &ChatClient::transcriptSaved);
    client.saveTranscript(QUrl::fromLocalFile(out.filePath(u"general.html"_s)));
    ASSERT_TRUE(saved.wait(10000));
    QFile html(out.filePath(u"general.html"_s));
    ASSERT_TRUE(html.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(html.readAll());
    EXPECT_TRUE(page.contains(u"<title>%1 — #general</title>"_s.arg(client.roomName())));
    EXPECT_TRUE(page.contains(u"line 1</p>"_s)); // from the very first
    EXPECT_TRUE(page.contains(u"line 450</p>"_s));
    EXPECT_EQ(page.count(u"class=\"from\">Bob</span>"_s), 451);
    EXPECT_TRUE(page.contains(u"&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;\nsecond line"_s));
    EXPECT_FALSE(page.contains(u"<b>not bold"_s));

    // Everything is loaded now: written at once.
    client.saveTranscript(QUrl::fromLocalFile(out.filePath(u"general.txt"_s)));
    ASSERT_TRUE(QTest::qWaitFor([&] { return saved.count() == 2; }, 5000));
    QFile text(out.filePath(u"general.txt"_s));
    ASSERT_TRUE(text.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(text.readAll()).split(u'\n');
    EXPECT_EQ(lines.first(), client.roomName() + u" — #general"_s);
    EXPECT_TRUE(lines.at(2).endsWith(u"] Bob: line 1"_s)) << lines.at(2).toStdString();
    EXPECT_EQ(lines.at(lines.size() - 2), u"    second line"_s); // a message's next lines, indented

    QSignalSpy failed(&client, &ChatClient::transcriptFailed);
    client.saveTranscript(QUrl::fromLocalFile(out.filePath(u"no-such-folder/x.txt"_s)));
    ASSERT_TRUE(QTest::qWaitFor([&] { return failed.count() == 1; }, 5000));
    EXPECT_TRUE(failed.constFirst().at(0).toString().contains(u"no-such-folder"_s));
}

TEST_F(ConversationsClientTest, AModeratorActsFromTheAppAndAMutedMemberIsToldAndCannotPost)
{
    ServerConfig config = gateway->config();
    gateway.reset();
    config.moderatorTokens = {u"token-of-Host-0123456789"_s};
    config.port = 0;
    gateway = std::make_unique<ChatGateway>(config);
    ASSERT_TRUE(gateway->listen());
    url = QUrl(u"ws://127.0.0.1:%1/"_s.arg(gateway->port()));

    // The app as the host: a moderator.
    ChatClient host;
    host.setIdentityToken(u"token-of-Host-0123456789"_s);
    host.setDisplayName(u"Host"_s);
    host.connectToRoom(url);
    ASSERT_TRUE(QTest::qWaitFor([&] { return host.state() == ChatClient::State::Connected; }, 5000));
    EXPECT_TRUE(host.isModerator());
    // Anyone's message may be deleted by it, also in a conversation it shows later.
    MessageListModel *later = host.messagesFor(u"d:a:b"_s);
    later->insertChat(
        Protocol::ChatMessage{5, 1764150000000, Protocol::Member{u"x"_s, u"X"_s}, u"hi"_s, u"d:a:b"_s});
    EXPECT_TRUE(row(later, 0, MessageListModel::CanDeleteRole).toBool());
    // The app as a member.
    ASSERT_TRUE(connectClient(u"Alice"_s));
    EXPECT_FALSE(client.isModerator());
    EXPECT_FALSE(client.canBecomeModerator()); // no moderator password in this room

    QSignalSpy told(&client, &ChatClient::sanctioned);
    host.moderateMember(u"mute"_s, client.selfId(), 10, u"calm down"_s);
    ASSERT_TRUE(told.wait(5000));
    EXPECT_TRUE(told.constFirst().at(0).toString().contains(u"Host (a moderator) muted you until"_s));
    EXPECT_TRUE(told.constFirst().at(0).toString().contains(u"calm down"_s));
    EXPECT_EQ(client.textProblem(u"hello"_s), u"A moderator muted you: you cannot post just now."_s);
    EXPECT_FALSE(client.sendMessage(u"hello"_s));

    host.setSlowMode(30);
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.slowModeSeconds() == 30; }, 5000));
    host.setRoomLocked(true);
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.roomLocked(); }, 5000));
    host.moderateMember(u"unmute"_s, client.selfId());
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.textProblem(u"hello"_s).isEmpty(); }, 5000));

    host.loadAuditLog();
    ASSERT_TRUE(QTest::qWaitFor([&] { return host.auditLog()->rowCount() == 4; }, 5000));
    EXPECT_EQ(row(host.auditLog(), 0, AuditLogModel::DescriptionRole), u"unmuted Alice"_s);
    EXPECT_EQ(row(host.auditLog(), 3, AuditLogModel::DescriptionRole), u"muted Alice (10 min · calm down)"_s);

    // Removed: the app stops, says why, and does not come back by itself.
    host.moderateMember(u"kick"_s, client.selfId());
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.state() == ChatClient::State::Closed; }, 5000));
    EXPECT_EQ(client.errorString(), u"A moderator removed you from the room."_s);
    // The others read that it was a moderator's doing.
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return notices(host.messages()).contains(u"A moderator removed Alice"_s); }, 5000))
        << notices(host.messages()).join(u'|').toStdString();
}
