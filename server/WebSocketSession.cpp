#include "WebSocketSession.h"

#include "EventLoopTurns.h"
#include "JsonCodec.h"
#include "Logging.h"
#include "OutgoingMessage.h"
#include "Room.h"

#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

WebSocketSession::WebSocketSession(QWebSocket *socket, QTcpSocket *tcpSocket, Room *room,
                                   const ServerConfig &config, const EventLoopTurns &turns, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_tcpSocket(tcpSocket)
    , m_room(room)
    , m_config(config)
    , m_turns(turns)
{
    m_socket->setParent(this);
    // Qt would accept ~2 GiB per message; anything larger than this is closed with 1009.
    m_socket->setMaxAllowedIncomingFrameSize(config.limits.maxMessageBytes);
    m_socket->setMaxAllowedIncomingMessageSize(config.limits.maxMessageBytes);
    m_lastHeard.start();
    connect(m_socket, &QWebSocket::pong, this, [this] { m_lastHeard.start(); });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &WebSocketSession::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &WebSocketSession::onBinaryMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketSession::onDisconnected);
    m_room->admit(this);
}

WebSocketSession::~WebSocketSession()
{
    if (m_room)
        m_room->remove(this);
}

void WebSocketSession::deliver(const OutgoingMessage &message)
{
    if (m_closing)
        return;
    const qint64 backlog = bytesQueued();
    if (backlog > m_config.maxQueuedBytes) {
        // The peer stopped reading: its backlog must not grow without bound. It catches up by
        // resuming when it reconnects.
        qCInfo(lcServer) << "closing" << peer() << "which stopped reading;" << backlog << "bytes queued";
        m_closing = true;
        m_socket->close(QWebSocketProtocol::CloseCode(CloseCodePolicyViolation),
                        u"not reading fast enough"_s);
        QTimer::singleShot(m_config.closeTimeout, m_socket, &QWebSocket::abort);
        return;
    }
    // The fast path: QWebSocket::sendTextMessage converts and frames the text again for every
    // recipient. Server frames are not masked, so a broadcast's frame is the same bytes for
    // everyone: OutgoingMessage makes it once and it goes straight into the TCP socket under the
    // QWebSocket.
    if (m_tcpSocket)
        writeFrame(message.frame(), backlog);
    else
        m_socket->sendTextMessage(message.jsonText());
}

void WebSocketSession::writeFrame(const QByteArray &frame, qint64 backlog)
{
    // The first frame of an event-loop turn goes to the kernel at once. In a room of people
    // chatting, each chat is a turn of its own, and Qt's buffer would cost every recipient a
    // copy, a write notifier and a second pass through the event loop before the same write().
    // Later frames of the turn go into Qt's buffer, which writes them together once the turn is
    // over: in a busy room one write() carries dozens of frames. Nothing overtakes Qt's buffer
    // (QWebSocket's pongs and close frames wait there too): only an empty one is bypassed.
#ifdef MSG_NOSIGNAL
    if (backlog == 0 && m_lastDirectWriteTurn != m_turns.current()) {
        m_lastDirectWriteTurn = m_turns.current();
        const auto sent = ::send(int(m_tcpSocket->socketDescriptor()), frame.constData(),
                                 size_t(frame.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent == frame.size())
            return;
        if (sent > 0) {
            m_tcpSocket->write(frame.constData() + sent, frame.size() - sent);
            return;
        }
        // The kernel's buffer is full, or the connection failed: Qt's buffer queues the frame, or
        // reports the error, as it does for any write.
    }
#else
    Q_UNUSED(backlog)
#endif
    m_tcpSocket->write(frame);
}

void WebSocketSession::checkAlive()
{
    if (m_lastHeard.hasExpired(m_config.idleTimeout.count())) {
        qCInfo(lcServer) << "dropping" << peer() << "silent for" << m_lastHeard.elapsed() << "ms";
        m_socket->abort();
        return;
    }
    m_socket->ping();
}

void WebSocketSession::closeConnection(int closeCode, const QString &reason)
{
    m_closing = true;
    m_socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
}

void WebSocketSession::abort()
{
    m_socket->abort();
}

qint64 WebSocketSession::bytesQueued() const
{
    return m_socket->bytesToWrite();
}

QString WebSocketSession::peerAddress() const
{
    return m_socket->peerAddress().toString();
}

QString WebSocketSession::peer() const
{
    return u"%1:%2"_s.arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort());
}

void WebSocketSession::onTextMessage(const QString &text)
{
    m_lastHeard.start();
    if (!m_room->allowFrame(this))
        return;
    auto decoded = JsonCodec::decodeClientMessage(text.toUtf8(), m_config.limits);
    if (auto *error = std::get_if<ProtocolError>(&decoded)) {
        refuse(*error);
        return;
    }
    m_room->handle(this, std::get<ClientMessage>(decoded));
}

void WebSocketSession::onBinaryMessage(const QByteArray &)
{
    m_lastHeard.start();
    if (!m_room->allowFrame(this))
        return;
    refuse({ErrorCode::BinaryFrame, u"binary frames are not part of the protocol; send JSON text frames"_s});
}

void WebSocketSession::refuse(const ProtocolError &error)
{
    qCDebug(lcRoom) << "refused a frame from" << peer() << errorCodeName(error.code) << error.message;
    deliver(OutgoingMessage(ServerError{error, {}}));
}

void WebSocketSession::onDisconnected()
{
    if (m_room) {
        m_room->remove(this);
        m_room = nullptr;
    }
    Q_EMIT closed();
}
