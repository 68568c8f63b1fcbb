#include "SocketIoSession.h"

#include "HttpConnection.h"
#include "Logging.h"
#include "OutgoingMessage.h"
#include "Room.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QWebSocket>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr QChar RecordSeparator = QChar(0x1e); // between packets in a polling payload

QString randomClientId()
{
    // Unique per chat, also across reconnects with the same identity (the room keeps each
    // clientId of a member once).
    return u"sio-"_s + QString::number(QRandomGenerator::global()->generate64(), 36);
}

} // namespace

SocketIoSession::SocketIoSession(QString sid, QString clientAddress, Room *room, const ServerConfig &config,
                                 QObject *parent)
    : QObject(parent)
    , m_sid(std::move(sid))
    , m_clientAddress(std::move(clientAddress))
    , m_room(room)
    , m_config(config)
    , m_heartbeat(this)
{
    m_lastHeard.start();
    m_heartbeat.setInterval(config.socketIoPingInterval);
    connect(&m_heartbeat, &QTimer::timeout, this, &SocketIoSession::onHeartbeat);
    m_heartbeat.start();
}

SocketIoSession::~SocketIoSession()
{
    if (m_room)
        m_room->remove(this);
    if (m_poll)
        m_poll->answerPoll("1"); // the socket is closed: the client stops polling
    if (m_webSocket)             // goes with this session, after what it was sent (see DirectWriteSocket)
        m_webSocket->disconnect(this); // its disconnected() would close this half-destroyed session
}

QByteArray SocketIoSession::openPacket(bool canUpgrade) const
{
    const QJsonObject open{
        {u"sid"_s, m_sid},
        {u"upgrades"_s, canUpgrade ? QJsonArray{u"websocket"_s} : QJsonArray{}},
        {u"pingInterval"_s, qint64(m_config.socketIoPingInterval.count())},
        {u"pingTimeout"_s, qint64(m_config.socketIoPingTimeout.count())},
        {u"maxPayload"_s, MaxPayloadBytes},
    };
    return '0' + QJsonDocument(open).toJson(QJsonDocument::Compact);
}

// --- transports ------------------------------------------------------------------------------

bool SocketIoSession::poll(HttpConnection *connection)
{
    if (m_poll || m_upgraded)
        return false;
    m_lastHeard.start();
    m_poll = connection;
    flush();
    // A poll sent while the client moves to its WebSocket ends at once: the client pauses
    // polling before it says "5", and would otherwise wait for the next ping (Engine.IO's own
    // server sends noops for this too).
    if (m_poll && m_probed)
        std::exchange(m_poll, nullptr)->answerPoll("6");
    return true;
}

QString SocketIoSession::receivePolled(const QByteArray &payload)
{
    if (m_upgraded)
        return u"this socket has moved to its WebSocket"_s;
    m_lastHeard.start();
    const QString text = QString::fromUtf8(payload);
    for (const QStringView packet : QStringView(text).split(RecordSeparator)) {
        if (m_closed)
            break;
        onEnginePacket(packet);
    }
    return {};
}

void SocketIoSession::attachWebSocket(QWebSocket *socket, bool fromStart)
{
    if (m_webSocket) { // one upgrade per socket
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"this socket has a WebSocket already"_s);
        return;
    }
    m_webSocket = socket;
    socket->setParent(this);
    socket->setMaxAllowedIncomingFrameSize(m_config.limits.maxMessageBytes);
    socket->setMaxAllowedIncomingMessageSize(m_config.limits.maxMessageBytes);
    connect(socket, &QWebSocket::textMessageReceived, this, &SocketIoSession::onWebSocketText);
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this] { close(u"binary messages are not taken here"_s); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        if (m_upgraded)
            close(u"the WebSocket closed"_s);
        else if (m_webSocket == socket) { // a probe that failed: polling goes on
            m_probed = false;
            m_webSocket->deleteLater();
        }
    });
    if (fromStart) {
        m_upgraded = true;
        socket->sendTextMessage(QString::fromUtf8(openPacket(false)));
    }
}

void SocketIoSession::onWebSocketText(const QString &text)
{
    m_lastHeard.start();
    if (m_upgraded) {
        onEnginePacket(text);
        return;
    }
    // The upgrade: the client probes the WebSocket, then says it moves over ("5").
    if (text == u"2probe") {
        m_probed = true;
        m_webSocket->sendTextMessage(u"3probe"_s);
        // A client that probes and never moves over would have its polls answered at once for
        // good: its probe ends after a while, as Engine.IO's upgradeTimeout does.
        QTimer::singleShot(UpgradeTimeout, m_webSocket, [this] {
            if (!m_upgraded && m_webSocket)
                m_webSocket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                   u"the upgrade took too long"_s);
        });
        if (m_poll) // a held poll ends, so that the client can pause polling
            std::exchange(m_poll, nullptr)->answerPoll("6");
    } else if (text == u"5") {
        m_upgraded = true;
        if (m_poll)
            std::exchange(m_poll, nullptr)->answerPoll("6");
        flush();
    } else {
        close(u"a WebSocket being upgraded takes a probe, then the upgrade"_s);
    }
}

void SocketIoSession::sendEngine(const QString &packet)
{
    if (m_closed)
        return;
    m_queue.append(packet);
    m_queuedBytes += packet.size();
    if (m_queuedBytes > m_config.maxQueuedBytes) {
        qCInfo(lcServer) << "closing Socket.IO socket" << m_sid << ": it does not read what it is sent";
        close(u"too much waiting to be read"_s);
        return;
    }
    flush();
}

void SocketIoSession::flush()
{
    if (m_queue.isEmpty())
        return;
    if (m_upgraded && m_webSocket) {
        for (const QString &packet : std::as_const(m_queue))
            m_webSocket->sendTextMessage(packet);
    } else if (m_poll) {
        std::exchange(m_poll, nullptr)->answerPoll(m_queue.join(RecordSeparator).toUtf8());
    } else {
        return; // until the next poll
    }
    m_queue.clear();
    m_queuedBytes = 0;
}

void SocketIoSession::onHeartbeat()
{
    // Engine.IO 4: the server pings; a client that answers nothing (nor polls) within the
    // timeout after a ping is gone.
    if (m_lastHeard.elapsed() > (m_config.socketIoPingInterval + m_config.socketIoPingTimeout).count()) {
        close(u"no answer to ping"_s);
        return;
    }
    sendEngine(u"2"_s);
}

void SocketIoSession::close(const QString &why)
{
    if (m_closed)
        return;
    m_closed = true;
    qCDebug(lcServer).noquote() << "Socket.IO socket" << m_sid << "closes:" << why;
    m_heartbeat.stop();
    if (m_room) {
        m_room->remove(this);
        m_room = nullptr;
    }
    if (m_poll)
        std::exchange(m_poll, nullptr)->answerPoll("1");
    if (m_webSocket) {
        if (m_upgraded && m_webSocket->state() == QAbstractSocket::ConnectedState)
            m_webSocket->sendTextMessage(u"1"_s);
        m_webSocket->close();
    }
    Q_EMIT closed();
}

void SocketIoSession::closeConnection(int closeCode, const QString &reason)
{
    // Socket.IO has no close codes: a refused connect says why; a member told to stay away (a
    // newer connection took its place, the room is closed for good) is disconnected, which
    // socket.io-client does not undo; anything else (a restart) it reconnects from.
    if (!m_connected)
        sendSocketIo({SocketIoPacket::ConnectError, u"/"_s, {}, QJsonObject{{u"message"_s, reason}}});
    else if (closeCode == CloseCodeReplaced || closeCode == CloseCodeRoomClosed)
        sendSocketIo({SocketIoPacket::Disconnect, u"/"_s, {}, {}});
    flush();
    close(reason);
}

// --- Engine.IO and Socket.IO packets -----------------------------------------------------------

void SocketIoSession::onEnginePacket(QStringView packet)
{
    if (packet.isEmpty())
        return close(u"an empty Engine.IO packet"_s);
    switch (packet[0].unicode()) {
    case u'2': // a client's ping (Engine.IO 3 style): answered
        return sendEngine(u"3"_s + packet.mid(1));
    case u'3': // pong
    case u'6': // noop
        return;
    case u'4':
        return onSocketIoPacket(packet.mid(1));
    case u'1':
        return close(u"the client closed it"_s);
    default:
        return close(u"an Engine.IO packet of an unknown type"_s);
    }
}

void SocketIoSession::onSocketIoPacket(QStringView text)
{
    QString problem;
    const auto packet = SocketIoPacket::decode(text, &problem);
    if (!packet) {
        if (m_room)
            m_room->noteRefusal(ErrorCode::BadJson);
        emitEvent(u"error"_s, QJsonObject{{u"code"_s, u"bad_json"_s}, {u"message"_s, problem}});
        return;
    }
    if (packet->nameSpace != u"/") {
        sendSocketIo({SocketIoPacket::ConnectError,
                      packet->nameSpace,
                      {},
                      QJsonObject{{u"message"_s, u"this room has only the main namespace, /"_s}}});
        return;
    }
    switch (packet->type) {
    case SocketIoPacket::Connect: {
        if (m_room == nullptr || hasJoined() || m_connected)
            return;
        // A member like any other: a guest unless the app names itself (auth: {name, token,
        // password}); the room answers with its welcome, which completes the connect.
        const QJsonObject auth = packet->data.toObject();
        Hello hello{auth.value(u"name"_s).toString(), auth.value(u"token"_s).toString()};
        hello.password = auth.value(u"password"_s).toString();
        hello.guest = hello.name.isEmpty();
        m_room->admit(this);
        m_room->handle(this, hello);
        return;
    }
    case SocketIoPacket::Disconnect:
        return close(u"the client disconnected"_s);
    case SocketIoPacket::Event:
        if (!hasJoined())
            return emitEvent(u"error"_s, QJsonObject{{u"code"_s, u"not_connected"_s},
                                                     {u"message"_s, u"connect before sending events"_s}});
        if (m_room->allowFrame(this))
            onEvent(*packet);
        return;
    default:
        return; // acks of events this server never asked to be acked, and the like
    }
}

void SocketIoSession::onEvent(const SocketIoPacket &packet)
{
    const QJsonArray arguments = packet.data.toArray();
    const QString event = arguments.first().toString();
    const auto refuse = [&](ErrorCode code, const QString &message) {
        m_room->noteRefusal(code);
        const QJsonObject error{{u"code"_s, errorCodeName(code)}, {u"message"_s, message}};
        if (packet.ackId)
            sendSocketIo(
                {SocketIoPacket::Ack, u"/"_s, packet.ackId, QJsonArray{QJsonObject{{u"error"_s, error}}}});
        else
            emitEvent(u"error"_s, error);
    };
    if (event == u"chat") {
        if (arguments.size() < 2 || !arguments.at(1).isString())
            return refuse(ErrorCode::BadField, u"chat takes the message's text, a string"_s);
        const QString clientId = randomClientId();
        if (packet.ackId)
            m_acksWanted.insert(clientId, *packet.ackId);
        m_room->handle(this, SendChat{arguments.at(1).toString(), clientId});
    } else if (event == u"typing") {
        m_room->handle(this, StartTyping{});
    } else {
        refuse(ErrorCode::UnknownType, u"this room takes the events chat and typing, not %1"_s.arg(event));
    }
}

std::optional<qint64> SocketIoSession::takeAckId(const QString &clientId)
{
    const auto found = m_acksWanted.constFind(clientId);
    if (clientId.isEmpty() || found == m_acksWanted.cend())
        return std::nullopt;
    const qint64 id = *found;
    m_acksWanted.erase(found);
    return id;
}

void SocketIoSession::sendSocketIo(const SocketIoPacket &packet)
{
    sendEngine(u'4' + packet.encode());
}

void SocketIoSession::emitEvent(const QString &name, const QJsonValue &value)
{
    sendSocketIo({SocketIoPacket::Event, u"/"_s, {}, QJsonArray{name, value}});
}

void SocketIoSession::deliver(const OutgoingMessage &message)
{
    // What the seed gateway said: chat (the text) and users (the count). The rest of the room's
    // protocol has no event there.
    std::visit(
        Overloaded{
            [&](const Welcome &) {
                if (!std::exchange(m_connected, true))
                    sendSocketIo({SocketIoPacket::Connect, u"/"_s, {}, QJsonObject{{u"sid"_s, m_sid}}});
            },
            [&](const ChatMessage &chat) { emitEvent(u"chat"_s, chat.textForVersion1()); },
            [&](const UserCount &count) { emitEvent(u"users"_s, count.count); },
            [&](const Ack &ack) {
                if (const auto id = takeAckId(ack.clientId))
                    sendSocketIo({SocketIoPacket::Ack, u"/"_s, id, QJsonArray{}});
            },
            [&](const ServerError &error) {
                const QJsonObject details{{u"code"_s, errorCodeName(error.error.code)},
                                          {u"message"_s, error.error.message}};
                if (error.error.code == ErrorCode::BadPassword && !m_connected)
                    return; // the close that follows says it (CONNECT_ERROR)
                if (const auto id = takeAckId(error.clientId))
                    sendSocketIo(
                        {SocketIoPacket::Ack, u"/"_s, id, QJsonArray{QJsonObject{{u"error"_s, details}}}});
                else
                    emitEvent(u"error"_s, details);
            },
            [](const auto &) {},
        },
        message.message());
}
