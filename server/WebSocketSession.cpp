#include "WebSocketSession.h"

#include "JsonCodec.h"
#include "Logging.h"
#include "OutgoingMessage.h"
#include "Room.h"

#include <QWebSocket>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

WebSocketSession::WebSocketSession(QWebSocket *socket, Room *room, const Limits &limits, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_room(room)
    , m_limits(limits)
{
    m_socket->setParent(this);
    // Qt would accept ~2 GiB per message; anything larger than this is closed with 1009.
    m_socket->setMaxAllowedIncomingFrameSize(limits.maxMessageBytes);
    m_socket->setMaxAllowedIncomingMessageSize(limits.maxMessageBytes);
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
    m_socket->sendTextMessage(message.jsonText());
}

void WebSocketSession::closeConnection(int closeCode, const QString &reason)
{
    m_socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
}

void WebSocketSession::abort()
{
    m_socket->abort();
}

QString WebSocketSession::peer() const
{
    return u"%1:%2"_s.arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort());
}

void WebSocketSession::onTextMessage(const QString &text)
{
    auto decoded = JsonCodec::decodeClientMessage(text.toUtf8(), m_limits);
    if (auto *error = std::get_if<ProtocolError>(&decoded)) {
        refuse(*error);
        return;
    }
    m_room->handle(this, std::get<ClientMessage>(decoded));
}

void WebSocketSession::onBinaryMessage(const QByteArray &)
{
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
