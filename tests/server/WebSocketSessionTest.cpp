// A session's fast path: broadcasts written as ready-made frames to the TCP socket under the
// QWebSocket (a DirectWriteSocket: the first of each event-loop turn straight to the kernel, the
// rest through Qt's buffer), which ChatGateway hands over as here (its own DirectWriteServer,
// upgraded by QWebSocketServer::handleConnection). The client is a real QWebSocket: it accepts only
// well-formed frames.
#include "WebSocketSession.h"

#include "DirectWriteServer.h"
#include "EventLoopTurns.h"
#include "OutgoingBatch.h"
#include "OutgoingMessage.h"
#include "Room.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <gtest/gtest.h>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace Protocol;

namespace {

ServerConfig sessionConfig()
{
    ServerConfig config;
    // The client never says hello: on a slow machine the room would join it as a guest midway
    // and send it frames the tests do not expect.
    config.helloTimeout = std::chrono::hours(1);
    return config;
}

class WebSocketSessionTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(room.open());
        ASSERT_TRUE(listener.listen(QHostAddress::LocalHost, 0));
        QTcpSocket *tcpSocket = nullptr;
        QObject::connect(&listener, &QTcpServer::newConnection, [&] {
            tcpSocket = listener.nextPendingConnection();
            server.handleConnection(tcpSocket);
        });
        QSignalSpy upgraded(&server, &QWebSocketServer::newConnection);
        client.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(listener.serverPort())));
        ASSERT_TRUE(upgraded.wait(5000));
        session = std::make_unique<WebSocketSession>(server.nextPendingConnection(), tcpSocket, QString(),
                                                     &room, config);
    }

    ServerConfig config = sessionConfig();
    Room room{config};
    DirectWriteServer listener;
    QWebSocketServer server{u"test"_s, QWebSocketServer::NonSecureMode};
    QWebSocket client;
    EventLoopTurns turns; // ticks with the listener's own count: the same thread's turns
    std::unique_ptr<WebSocketSession> session;
};

} // namespace

TEST_F(WebSocketSessionTest, FramesOfEveryLengthEncodingArriveIntact)
{
    ASSERT_TRUE(session->writesFramesDirectly());
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    // 7-bit, 16-bit and 64-bit payload lengths (RFC 6455 5.2), with text that is not ASCII.
    const QList<qsizetype> lengths{10, 125, 126, 65535, 65536, 200000};
    for (const qsizetype length : lengths) {
        const QString text = QString(length, u'é');
        session->deliver(OutgoingMessage(ChatMessage{1, 2, {u"id"_s, u"Ann"_s}, text}));
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return received.size() == lengths.size(); }, 10000)) << received.size();
    for (qsizetype i = 0; i < lengths.size(); ++i) {
        const QString frame = received.at(i).at(0).toString();
        EXPECT_TRUE(frame.contains(QString(lengths.at(i), u'é'))) << "frame " << i;
        EXPECT_TRUE(frame.startsWith(u"{"_s) && frame.endsWith(u"}"_s)) << "frame " << i;
    }
}

TEST_F(WebSocketSessionTest, QWebSocketsOwnFramesAndReadyMadeOnesDoNotInterleave)
{
    ASSERT_TRUE(session->writesFramesDirectly());
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    QSignalSpy pongs(&client, &QWebSocket::pong);
    for (int i = 0; i < 200; ++i) {
        session->deliver(OutgoingMessage(ChatMessage{i + 1, 2, {u"id"_s, u"Ann"_s}, QString(3000, u'x')}));
        if (i % 20 == 0)
            client.ping(); // the server's QWebSocket answers with a pong of its own
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return received.size() == 200 && pongs.size() == 10; }, 10000))
        << received.size() << " chats, " << pongs.size() << " pongs";
}

// More than the kernel's socket buffer takes at once: the rest waits in the QTcpSocket and
// follows when the client reads, in order and intact.
TEST_F(WebSocketSessionTest, ATurnLargerThanTheSocketBufferArrivesWholeAndInOrder)
{
    config.maxQueuedBytes = 64 * 1024 * 1024;
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    constexpr int count = 120;
    for (int i = 0; i < count; ++i)
        session->deliver(OutgoingMessage(
            ChatMessage{i + 1, 2, {u"id"_s, u"Ann"_s}, QString(100000, QChar(u'a' + i % 26))}));
    ASSERT_TRUE(QTest::qWaitFor([&] { return received.size() == count; }, 20000)) << received.size();
    for (int i = 0; i < count; ++i) {
        const QString frame = received.at(i).at(0).toString();
        EXPECT_TRUE(frame.contains(u"\"seq\":%1,"_s.arg(i + 1))) << "frame " << i;
        EXPECT_TRUE(frame.contains(QString(100000, QChar(u'a' + i % 26)))) << "frame " << i;
    }
}

// The first frame of a turn goes to the kernel, which may take only part of it; Qt's buffer
// holds the rest, and a frame of the next turn must queue behind it rather than go first.
TEST_F(WebSocketSessionTest, AFrameTheKernelTookInPartGoesOutWholeBeforeTheNextTurnsFrame)
{
    config.maxQueuedBytes = 64 * 1024 * 1024;
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    const QString big(8 * 1024 * 1024, u'b');
    session->deliver(OutgoingMessage(ChatMessage{1, 2, {u"id"_s, u"Ann"_s}, big}));
    ASSERT_GT(session->bytesQueued(), 0) << "the kernel took all 8 MiB at once: nothing was tested";
    const quint64 turn = turns.current();
    ASSERT_TRUE(QTest::qWaitFor([&] { return turns.current() != turn; }, 5000));
    session->deliver(OutgoingMessage(ChatMessage{2, 2, {u"id"_s, u"Ann"_s}, u"small"_s}));
    ASSERT_TRUE(QTest::qWaitFor([&] { return received.size() == 2; }, 20000)) << received.size();
    EXPECT_TRUE(received.at(0).at(0).toString().contains(big));
    EXPECT_TRUE(received.at(1).at(0).toString().contains(u"\"text\":\"small\""_s));
}

// What the room says last before closing a connection (why it closes) reaches the peer before
// the close frame: QWebSocket's close frame and the ready-made frames share one buffer.
TEST_F(WebSocketSessionTest, FramesWaitingForTheTurnGoOutBeforeTheCloseFrame)
{
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    QSignalSpy disconnected(&client, &QWebSocket::disconnected);
    session->deliver(OutgoingMessage(ServerError{{ErrorCode::BadPassword, u"wrong password"_s}, {}}));
    session->closeConnection(CloseCodeWrongPassword, u"wrong password"_s);
    ASSERT_TRUE(disconnected.wait(10000));
    ASSERT_EQ(received.size(), 1);
    EXPECT_TRUE(received.at(0).at(0).toString().contains(u"wrong password"_s));
    EXPECT_EQ(int(client.closeCode()), CloseCodeWrongPassword);
}

// Messages that go out together (a welcome and its history; presence and the count) leave in
// one write and arrive as their frames, whole and in order.
TEST_F(WebSocketSessionTest, ABatchArrivesAsItsMessagesInOrder)
{
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    OutgoingBatch batch;
    batch.append(OutgoingMessage(UserCount{3}));
    batch.append(OutgoingMessage(ChatMessage{1, 2, {u"id"_s, u"Ann"_s}, QString(70000, u'x')}));
    batch.append(OutgoingMessage(UserCount{4}));
    session->deliver(batch);
    ASSERT_TRUE(QTest::qWaitFor([&] { return received.size() == 3; }, 10000)) << received.size();
    EXPECT_TRUE(received.at(0).at(0).toString().contains(u"\"count\":3"_s));
    EXPECT_TRUE(received.at(1).at(0).toString().contains(QString(70000, u'x')));
    EXPECT_TRUE(received.at(2).at(0).toString().contains(u"\"count\":4"_s));

    // Receiving took turns of the event loop: a small batch now is the turn's first write, one
    // write, all in the kernel when deliver() returns (message by message, all but the first
    // would wait in Qt's buffer for the turn to end).
    OutgoingBatch presence;
    presence.append(OutgoingMessage(PresenceDelta{{{u"id2"_s, u"Bo"_s}}, {}, {}}));
    presence.append(OutgoingMessage(UserCount{5}));
    session->deliver(presence);
    EXPECT_EQ(session->bytesQueued(), 0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return received.size() == 5; }, 10000)) << received.size();
    EXPECT_TRUE(received.at(3).at(0).toString().contains(u"\"Bo\""_s));
    EXPECT_TRUE(received.at(4).at(0).toString().contains(u"\"count\":5"_s));
}
