#include "WebSocketSession.h"

#include "DirectWriteSocket.h"
#include "JsonCodec.h"
#include "Logging.h"
#include "OutgoingBatch.h"
#include "Room.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

WebSocketSession::WebSocketSession(QWebSocket *socket, QTcpSocket *tcpSocket, const QString &clientAddress,
                                   Room *room, const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    // Frames go straight to a plain TCP socket; TLS must encrypt every byte (QWebSocket's path).
    , m_tcpSocket(qobject_cast<QSslSocket *>(tcpSocket) ? nullptr : tcpSocket)
    , m_tlsSocket(qobject_cast<QSslSocket *>(tcpSocket))
    , m_directSocket(qobject_cast<DirectWriteSocket *>(tcpSocket))
    , m_clientAddress(clientAddress.isEmpty() ? socket->peerAddress().toString() : clientAddress)
    , m_room(room)
    , m_config(config)
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
    // History goes a page at a time: the next once the previous has left (see Room).
    if (m_tcpSocket)
        connect(m_tcpSocket, &QIODevice::bytesWritten, this, &WebSocketSession::onBytesWritten);
    else
        connect(m_socket, &QWebSocket::bytesWritten, this, &WebSocketSession::onBytesWritten);
    // QWebSocket closes by itself on oversized or malformed frames: nothing more goes either way.
    connect(m_socket, &QWebSocket::aboutToClose, this, [this] { m_closing = true; });
    m_room->admit(this);
}

WebSocketSession::~WebSocketSession()
{
    if (m_room)
        m_room->remove(this);
}

void WebSocketSession::deliver(const OutgoingMessage &message)
{
    // Every member's share of a broadcast: the socket knows its backlog without asking Qt.
    if (DirectWriteSocket *direct = m_directSocket.data()) {
        if (m_closing)
            return;
        if (direct->backlog() > m_config.maxQueuedBytes) {
            closeAsSlowReader();
            return;
        }
        direct->writeFrame(message.frame(protocolVersion()));
        return;
    }
    if (!acceptsMore())
        return;
    // The fast path: QWebSocket::sendTextMessage converts and frames the text again for every
    // recipient. Server frames are not masked, so a broadcast's frame is the same bytes for
    // everyone: OutgoingMessage makes it once and it goes straight into the TCP socket under the
    // QWebSocket (a DirectWriteSocket: the first frame of a turn on to the kernel at once).
    if (m_tcpSocket)
        m_tcpSocket->write(message.frame(protocolVersion()));
    else
        m_socket->sendTextMessage(message.jsonText(protocolVersion()));
}

void WebSocketSession::deliver(const OutgoingBatch &batch)
{
    if (!m_tcpSocket) {
        Session::deliver(batch);
        return;
    }
    if (!acceptsMore())
        return;
    if (DirectWriteSocket *direct = m_directSocket.data())
        direct->writeFrame(batch.frames(protocolVersion())); // shared, if it has to wait
    else
        m_tcpSocket->write(batch.frames(protocolVersion()));
}

bool WebSocketSession::acceptsMore()
{
    if (m_closing)
        return false;
    const qint64 backlog = bytesQueued();
    if (backlog <= m_config.maxQueuedBytes)
        return true;
    // The peer stopped reading: its backlog must not grow without bound. It catches up by
    // resuming when it reconnects.
    closeAsSlowReader();
    return false;
}

void WebSocketSession::closeAsSlowReader()
{
    if (m_closing)
        return;
    qCInfo(lcServer) << "closing" << peer() << "which is not reading;" << bytesQueued() << "bytes queued";
    m_closing = true;
    m_socket->close(QWebSocketProtocol::CloseCode(CloseCodePolicyViolation), u"not reading fast enough"_s);
    QTimer::singleShot(m_config.closeTimeout, m_socket, &QWebSocket::abort); // its backlog goes then
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
    // A peer that neither reads nor answers the close (a flooder) is not waited for.
    QTimer::singleShot(m_config.closeTimeout, m_socket, &QWebSocket::abort);
}

void WebSocketSession::abort()
{
    m_socket->abort();
}

qint64 WebSocketSession::bytesQueued() const
{
    if (const DirectWriteSocket *direct = m_directSocket.data())
        return direct->backlog();
    // What QWebSocket would report, without touching it on the broadcast path. Over TLS, Qt's
    // count is only what waits to be encrypted: what waits encrypted counts as much.
    if (m_tlsSocket)
        return m_tlsSocket->bytesToWrite() + m_tlsSocket->encryptedBytesToWrite();
    return m_tcpSocket ? m_tcpSocket->bytesToWrite() : m_socket->bytesToWrite();
}

bool WebSocketSession::hasUnreadInput() const
{
    if (m_tlsSocket)
        return m_tlsSocket->bytesAvailable() > 0 || m_tlsSocket->encryptedBytesAvailable() > 0;
    return m_tcpSocket && m_tcpSocket->bytesAvailable() > 0;
}

QString WebSocketSession::peerAddress() const
{
    return m_clientAddress;
}

QString WebSocketSession::peer() const
{
    return u"%1:%2"_s.arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort());
}

void WebSocketSession::onBytesWritten()
{
    if (m_room && !m_closing)
        m_room->sessionDrained(this);
}

void WebSocketSession::onTextMessage(const QString &text)
{
    if (m_closing)
        return; // what a closed connection still sends is dropped, unread (and keeps nothing alive)
    m_lastHeard.start();
    if (!m_room->allowFrame(this))
        return;
    const QByteArray utf8 = text.toUtf8();
    auto decoded = JsonCodec::decodeClientMessage(utf8, m_config.limits);
    if (auto *error = std::get_if<ProtocolError>(&decoded)) {
        // A refused chat is named by its clientId even when that is what is wrong with it, so
        // the sender can mark that message failed.
        refuse(*error, JsonCodec::clientIdOf(utf8));
        if (m_room && JsonCodec::typeOf(utf8) == u"hello")
            m_room->helloRefused(this);
        return;
    }
    m_room->handle(this, std::get<ClientMessage>(decoded));
}

void WebSocketSession::onBinaryMessage(const QByteArray &)
{
    if (m_closing)
        return; // as for text: dropped, and keeps nothing alive
    m_lastHeard.start();
    if (!m_room->allowFrame(this))
        return;
    refuse({ErrorCode::BinaryFrame, u"binary frames are not part of the protocol; send JSON text frames"_s});
}

void WebSocketSession::refuse(const ProtocolError &error, const QString &clientId)
{
    qCDebug(lcRoom) << "refused a frame from" << peer() << errorCodeName(error.code) << error.message;
    if (m_room)
        m_room->noteRefusal(error.code);
    deliver(OutgoingMessage(ServerError{error, clientId}));
}

void WebSocketSession::onDisconnected()
{
    if (m_room) {
        m_room->remove(this);
        m_room = nullptr;
    }
    Q_EMIT closed();
}
