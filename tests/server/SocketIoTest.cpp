// Socket.IO at /socket.io/ as a plain HTTP peer speaks it (Engine.IO 4 long-polling), beside
// native WebSocket members; and the packet codec. Unmodified socket.io-client is driven in
// tests/e2e/socketio.test.mjs.
#include "GatewayTest.h"
#include "HttpExchange.h"
#include "SocketIoPacket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

namespace {

class SocketIoTest : public ChatGatewayTest
{
protected:
    void SetUp() override
    {
        ServerConfig config;
        config.socketIoPingInterval = std::chrono::milliseconds(300);
        config.socketIoPingTimeout = std::chrono::milliseconds(300);
        startGateway(config);
    }

    HttpExchange request(const QByteArray &method, const QByteArray &query, const QByteArray &body = {},
                         const QByteArray &headers = {})
    {
        return HttpExchange::run(gateway->port(), method, "/socket.io/?EIO=4&transport=polling" + query,
                                 headers, body);
    }

    /// Opens a polling socket and connects it to the main namespace; returns its sid.
    QByteArray connectedSocket(const QByteArray &auth = {})
    {
        const HttpExchange open = request("GET", {});
        EXPECT_EQ(open.status, 200);
        EXPECT_TRUE(open.body.startsWith('0')) << open.body.constData();
        const QJsonObject handshake = QJsonDocument::fromJson(open.body.mid(1)).object();
        EXPECT_EQ(handshake[u"pingInterval"_s].toInt(), 300);
        EXPECT_EQ(handshake[u"upgrades"_s].toArray(), QJsonArray{u"websocket"_s});
        const QByteArray sid = handshake[u"sid"_s].toString().toLatin1();
        EXPECT_EQ(request("POST", "&sid=" + sid, "40" + auth).body, "ok");
        return sid;
    }

    /// Polls until a packet that starts with start comes (answering pings meanwhile).
    bool pollFor(const QByteArray &sid, const QByteArray &start)
    {
        for (int i = 0; i < 20; ++i) {
            const HttpExchange poll = request("GET", "&sid=" + sid);
            if (poll.status != 200)
                return false;
            const QList<QByteArray> packets = poll.body.split('\x1e');
            if (std::any_of(packets.begin(), packets.end(),
                            [&](const QByteArray &p) { return p.startsWith(start); }))
                return true;
            if (packets.contains("2"))
                request("POST", "&sid=" + sid, "3");
        }
        return false;
    }
};

} // namespace

TEST_F(SocketIoTest, APollingSocketJoinsChatsAndHearsTheRoom)
{
    TestClient *native = joined(u"Native"_s);
    const QByteArray sid = connectedSocket(R"({"name":"Ana"})");
    EXPECT_TRUE(pollFor(sid, "40{\"sid\":\"" + sid + "\"}")) << "no connect answer";
    EXPECT_TRUE(native->waitForCount(2));
    EXPECT_TRUE(native->waitFor(u"presence"_s, [](const QJsonObject &p) {
        return p[u"joined"_s].toArray().contains(
            QJsonObject{{u"id"_s, p[u"joined"_s][0][u"id"_s]}, {u"name"_s, u"Ana"_s}});
    }));

    native->sendChat(u"hi, Ana"_s, u"n-1"_s);
    EXPECT_TRUE(pollFor(sid, R"(42["chat","hi, Ana"])"));
    EXPECT_EQ(request("POST", "&sid=" + sid, R"(421["chat","hi, Native"])").body, "ok");
    EXPECT_TRUE(
        native->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"hi, Native"_s; }));
    EXPECT_TRUE(pollFor(sid, "431[]")); // the ack it asked for

    // A chat the room refuses: the ack says why; an event nobody knows: an error event.
    const QByteArray tooLong =
        QJsonDocument(QJsonArray{u"chat"_s, QString(5000, u'x')}).toJson(QJsonDocument::Compact);
    request("POST", "&sid=" + sid, "422" + tooLong);
    EXPECT_TRUE(pollFor(sid, R"(432[{"error":{"code":"too_long")"));
    request("POST", "&sid=" + sid, R"(42["dance"])");
    EXPECT_TRUE(pollFor(sid, R"(42["error",{"code":"unknown_type")"));
    request("POST", "&sid=" + sid, R"(42["chat",)");
    EXPECT_TRUE(pollFor(sid, R"(42["error",{"code":"bad_json")"));

    // Leaving: the count goes back for everyone.
    EXPECT_EQ(request("POST", "&sid=" + sid, "41").body, "ok");
    EXPECT_TRUE(native->waitForCount(1));
    EXPECT_EQ(request("GET", "&sid=" + sid).status, 400); // gone
}

TEST_F(SocketIoTest, ASilentSocketIsDroppedAfterThePingTimeout)
{
    TestClient *native = joined(u"Native"_s);
    connectedSocket();
    EXPECT_TRUE(native->waitForCount(2));
    // Nobody polls or answers the pings: gone after the interval and the timeout.
    EXPECT_TRUE(native->waitForCount(1, std::chrono::milliseconds(3000)));
}

TEST_F(SocketIoTest, AnsweringPingsKeepsASocketIn)
{
    TestClient *native = joined(u"Native"_s);
    const QByteArray sid = connectedSocket();
    EXPECT_TRUE(native->waitForCount(2));
    QElapsedTimer alive;
    alive.start();
    while (alive.elapsed() < 1500) { // five ping intervals
        const HttpExchange poll = request("GET", "&sid=" + sid);
        ASSERT_EQ(poll.status, 200);
        if (poll.body.split('\x1e').contains("2"))
            request("POST", "&sid=" + sid, "3");
    }
    EXPECT_EQ(request("GET", "&sid=" + sid).status, 200);
    EXPECT_EQ(native->lastCount(), 2);
}

TEST_F(SocketIoTest, BadRequestsGetEngineIoAnswers)
{
    EXPECT_EQ(request("GET", "&sid=nosuchsocket").status, 400);
    EXPECT_TRUE(request("GET", "&sid=nosuchsocket").body.contains("Session ID unknown"));
    EXPECT_TRUE(HttpExchange::run(gateway->port(), "GET", "/socket.io/?EIO=3&transport=polling")
                    .body.contains("Unsupported protocol version"));
    EXPECT_EQ(HttpExchange::run(gateway->port(), "GET", "/socket.io/?EIO=4&transport=carrier-pigeon").status,
              400);
    const QByteArray sid = connectedSocket();
    EXPECT_EQ(request("POST", "&sid=" + sid, QByteArray(1000001, 'x')).status, 413);
    EXPECT_EQ(request("PUT", "&sid=" + sid, "x").status, 405);
    // Another site's page may not poll its way in; the room's own page may.
    EXPECT_EQ(request("GET", {}, {}, "Origin: http://evil.example\r\n").status, 403);
    const QByteArray own = "http://127.0.0.1:" + QByteArray::number(gateway->port());
    const HttpExchange page =
        request("GET", {}, {},
                "Host: 127.0.0.1:" + QByteArray::number(gateway->port()) + "\r\nOrigin: " + own + "\r\n");
    EXPECT_EQ(page.status, 200) << page.head.constData();
}

TEST_F(SocketIoTest, TwoPollsAtOnceEndTheSocket)
{
    TestClient *native = joined(u"Native"_s);
    const QByteArray sid = connectedSocket();
    ASSERT_TRUE(pollFor(sid, "40{")); // connected; nothing waits now
    ASSERT_TRUE(native->waitForCount(2));
    QTcpSocket held;
    held.connectToHost(QHostAddress::LocalHost, gateway->port());
    ASSERT_TRUE(held.waitForConnected(5000));
    held.write("GET /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(request("GET", "&sid=" + sid).status, 400);
    EXPECT_TRUE(QTest::qWaitFor([&] { return held.readAll().contains("\r\n\r\n1"); }, 5000)); // closed
    EXPECT_TRUE(native->waitForCount(1));
}

TEST_F(SocketIoTest, APollSentDuringTheUpgradeEndsAtOnceAndTheWebSocketCarriesOn)
{
    TestClient *native = joined(u"Native"_s);
    const QByteArray sid = connectedSocket();
    ASSERT_TRUE(pollFor(sid, "40{"));
    ASSERT_TRUE(native->waitForCount(2));

    QWebSocket probe;
    QSignalSpy heard(&probe, &QWebSocket::textMessageReceived);
    probe.open(QUrl(u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket&sid=%2"_s.arg(gateway->port())
                        .arg(QString::fromLatin1(sid))));
    // Once it carries everything, the WebSocket answers the server's pings, as a client does.
    QObject::connect(&probe, &QWebSocket::textMessageReceived, [&probe](const QString &text) {
        if (text == u"2"_s)
            probe.sendTextMessage(u"3"_s);
    });
    QSignalSpy opened(&probe, &QWebSocket::connected);
    ASSERT_TRUE(opened.wait(5000));
    probe.sendTextMessage(u"2probe"_s);
    ASSERT_TRUE(heard.wait(5000));
    EXPECT_EQ(heard.takeFirst().at(0).toString(), u"3probe"_s);

    // A client that polled again before it heard "3probe" must be able to pause polling: its poll
    // ends with a noop, not with the next ping (which would hold its upgrade and everything it
    // sends meanwhile for a ping interval).
    EXPECT_TRUE(pollFor(sid, "6"));

    probe.sendTextMessage(u"5"_s);
    probe.sendTextMessage(uR"(42["chat","over the WebSocket"])"_s);
    EXPECT_TRUE(native->waitFor(
        u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"over the WebSocket"_s; }));
    native->sendChat(u"hi back"_s, u"n-1"_s);
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            for (const QList<QVariant> &message : std::as_const(heard)) {
                if (message.at(0).toString() == uR"(42["chat","hi back"])"_s)
                    return true;
            }
            return false;
        },
        5000));
    EXPECT_EQ(native->lastCount(), 2);
}

TEST(SocketIoPacketTest, ReadsAndWritesWhatSocketIoClientsSend)
{
    QString error;
    const auto event = SocketIoPacket::decode(u"221[\"chat\",\"hi\"]", &error);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->type, SocketIoPacket::Event);
    EXPECT_EQ(event->ackId, 21);
    EXPECT_EQ(event->data.toArray(), (QJsonArray{u"chat"_s, u"hi"_s}));
    EXPECT_EQ(event->encode(), u"221[\"chat\",\"hi\"]"_s);

    const auto connect = SocketIoPacket::decode(u"0/admin,{\"token\":\"x\"}", &error);
    ASSERT_TRUE(connect);
    EXPECT_EQ(connect->nameSpace, u"/admin"_s);
    EXPECT_EQ(connect->data.toObject()[u"token"_s], u"x"_s);
    EXPECT_TRUE(SocketIoPacket::decode(u"1", &error));

    for (const QString &bad :
         {u""_s, u"9"_s, u"2"_s, u"2[]"_s, u"2[1]"_s, u"2{\"a\":1}"_s, u"3{}"_s, u"0[]"_s, u"2[\"chat\""_s,
          u"51-[\"chat\",{\"_placeholder\":true,\"num\":0}]"_s}) {
        error.clear();
        EXPECT_FALSE(SocketIoPacket::decode(bad, &error)) << bad.toStdString();
        EXPECT_FALSE(error.isEmpty()) << bad.toStdString();
    }
}
