// DirectWriteSocket: the first write of an event-loop turn is in the kernel when write() returns,
// the rest of the turn waits in the socket's own queue, and a connection that is only sent a
// little never uses Qt's buffer at all.
#include "DirectWriteSocket.h"

#include "DirectWriteServer.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

namespace {

class DirectWriteSocketTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(server.listen(QHostAddress::LocalHost, 0)); }

    /// Connects client and returns the server's side of it (null if it never came).
    DirectWriteSocket *accept(QTcpSocket &client)
    {
        QSignalSpy accepted(&server, &QTcpServer::newConnection);
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!accepted.wait(5000))
            return nullptr;
        return qobject_cast<DirectWriteSocket *>(server.nextPendingConnection());
    }

    DirectWriteServer server;
};

} // namespace

TEST_F(DirectWriteSocketTest, TheFirstWriteOfATurnGoesStraightToTheKernelTheRestWaitForTheTurnsEnd)
{
    QTcpSocket client;
    DirectWriteSocket *socket = accept(client);
    ASSERT_NE(socket, nullptr);
    QSignalSpy bytesWritten(socket, &QTcpSocket::bytesWritten);

    EXPECT_EQ(socket->write("one,"), 4);
    EXPECT_EQ(socket->bytesToWrite(), 0) << "the first write of the turn waited";
    EXPECT_EQ(socket->write("two,"), 4);
    EXPECT_EQ(socket->bytesToWrite(), 4) << "the second write of the turn did not wait for its end";

    QByteArray received;
    ASSERT_TRUE(QTest::qWaitFor([&] { return (received += client.readAll()).size() == 8; }, 5000))
        << received.toStdString();
    EXPECT_EQ(received.toStdString(), "one,two,");
    EXPECT_EQ(bytesWritten.size(), 1); // only the buffered write passes through Qt

    // Receiving took turns of the event loop: the next write is the first of its turn.
    EXPECT_EQ(socket->write("three"), 5);
    EXPECT_EQ(socket->bytesToWrite(), 0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return (received += client.readAll()).size() == 13; }, 5000))
        << received.toStdString();
    EXPECT_EQ(received.toStdString(), "one,two,three");
}

// Qt allocates a socket's 32 KiB write buffer on its first buffered write and keeps it for the
// socket's life: an idle member's connection (a handshake response, a welcome) never needs it.
TEST_F(DirectWriteSocketTest, AWebSocketHandshakeGoesOutWithoutQtsBuffer)
{
    QWebSocketServer upgrader(u"test"_s, QWebSocketServer::NonSecureMode);
    QTcpSocket *tcpSocket = nullptr;
    std::unique_ptr<QSignalSpy> bytesWritten;
    QObject::connect(&server, &QTcpServer::newConnection, [&] {
        tcpSocket = server.nextPendingConnection();
        bytesWritten = std::make_unique<QSignalSpy>(tcpSocket, &QTcpSocket::bytesWritten);
        upgrader.handleConnection(tcpSocket);
    });
    QSignalSpy upgraded(&upgrader, &QWebSocketServer::newConnection);
    QWebSocket client;
    QSignalSpy connected(&client, &QWebSocket::connected);
    client.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(server.serverPort())));
    ASSERT_TRUE(upgraded.wait(5000));
    ASSERT_TRUE(connected.size() == 1 || connected.wait(5000));
    std::unique_ptr<QWebSocket> serverSide(upgrader.nextPendingConnection());
    EXPECT_EQ(bytesWritten->size(), 0);
    EXPECT_EQ(tcpSocket->bytesToWrite(), 0);
}

// A broadcast's path (writeFrame, backlog) keeps the same order and knows the backlog: nothing
// while the queue is empty, what waits while it holds something, nothing again once it drained.
// And nothing overtakes the queue once the socket is closing.
TEST_F(DirectWriteSocketTest, FramesOfABroadcastKeepTheirOrderAndTheBacklogIsKnown)
{
    QTcpSocket client;
    DirectWriteSocket *socket = accept(client);
    ASSERT_NE(socket, nullptr);

    socket->writeFrame("one,"_ba);
    EXPECT_EQ(socket->backlog(), 0);
    socket->writeFrame("two,"_ba);
    EXPECT_EQ(socket->backlog(), 4) << "the turn's second frame did not wait";
    EXPECT_EQ(socket->bytesToWrite(), 4);
    QByteArray received;
    ASSERT_TRUE(QTest::qWaitFor([&] { return (received += client.readAll()).size() == 8; }, 5000));
    EXPECT_EQ(socket->backlog(), 0) << "the drained queue still counts";

    // The next turn, with the buffer drained: straight to the kernel again, after what was queued.
    socket->writeFrame("three,"_ba);
    EXPECT_EQ(socket->bytesToWrite(), 0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return (received += client.readAll()).size() == 14; }, 5000));
    EXPECT_EQ(received.toStdString(), "one,two,three,");

    // Closing with frames still queued: what comes after them never goes around them.
    QTest::qWait(0);                // a new turn
    socket->writeFrame("four,"_ba); // the turn's first: to the kernel
    socket->writeFrame("five,"_ba); // queued
    socket->disconnectFromHost();   // closing once the queue is out
    socket->writeFrame("late"_ba);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            received += client.readAll();
            return client.state() == QAbstractSocket::UnconnectedState;
        },
        5000));
    received += client.readAll();
    EXPECT_EQ(received.toStdString(), "one,two,three,four,five,"); // and nothing after the close
}

// A backlog bigger than the kernel takes waits in the socket's own queue; close() (as an HTTP
// answer with "Connection: close" ends) sends all of it first, abort() none of it.
TEST_F(DirectWriteSocketTest, CloseSendsTheWholeBacklogFirstAbortDropsIt)
{
    const QByteArray big(16 * 1024 * 1024, 'x');
    for (const bool abort : {false, true}) {
        QTcpSocket client;
        DirectWriteSocket *socket = accept(client);
        ASSERT_NE(socket, nullptr);
        QSignalSpy bytesWritten(socket, &QTcpSocket::bytesWritten);
        socket->writeFrame(big);
        socket->writeFrame("end"_ba);
        ASSERT_GT(socket->backlog(), 0) << "the kernel took 16 MiB at once";
        EXPECT_EQ(socket->bytesToWrite(), socket->backlog());
        if (abort)
            socket->abort();
        else
            socket->close();
        QByteArray received;
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                received += client.readAll();
                return client.state() == QAbstractSocket::UnconnectedState;
            },
            10000));
        received += client.readAll();
        if (abort) {
            EXPECT_LT(received.size(), big.size() + 3);
            EXPECT_EQ(bytesWritten.size(), 0);
        } else {
            EXPECT_EQ(received.size(), big.size() + 3);
            EXPECT_TRUE(received.endsWith("xend"));
            EXPECT_GT(bytesWritten.size(), 0);
        }
        EXPECT_EQ(socket->backlog(), 0);
    }
}

// The peer goes while a backlog waits: the socket hears it, drops the backlog and is gone (the
// descriptor's number must not be written to again: it may soon be another connection's).
TEST_F(DirectWriteSocketTest, APeerThatGoesWhileABacklogWaitsDisconnectsTheSocket)
{
    QTcpSocket client;
    DirectWriteSocket *socket = accept(client);
    ASSERT_NE(socket, nullptr);
    QSignalSpy disconnected(socket, &QAbstractSocket::disconnected);
    socket->writeFrame(QByteArray(16 * 1024 * 1024, 'x'));
    ASSERT_GT(socket->backlog(), 0);
    socket->disconnectFromHost(); // waits for the backlog, which the peer will never read
    client.abort();
    EXPECT_TRUE(disconnected.wait(5000));
    EXPECT_EQ(socket->backlog(), 0);
    EXPECT_EQ(socket->state(), QAbstractSocket::UnconnectedState);
}
