#include "SocketIoServer.h"

#include "HttpConnection.h"
#include "HttpRequest.h"
#include "Logging.h"
#include "Room.h"
#include "SocketIoSession.h"

#include <QRandomGenerator>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::Literals::StringLiterals;

namespace {

/// Engine.IO's own error answers: {"code":N,"message":"…"} with HTTP 400.
QByteArray engineError(int code, const char *message)
{
    return "{\"code\":" + QByteArray::number(code) + ",\"message\":\"" + message + "\"}";
}

QString newSid()
{
    QByteArray bytes(15, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace

SocketIoServer::SocketIoServer(Room *room, const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_room(room)
    , m_config(config)
{}

SocketIoServer::~SocketIoServer()
{
    qDeleteAll(std::exchange(m_sessions, {})); // they leave the room as they go
}

SocketIoSession *SocketIoServer::open(const QString &clientAddress, QString *refusal)
{
    // The same limits as WebSocket connections: a polling socket is a member without a
    // connection of its own, so it is counted here.
    if (m_sessionsFrom.value(clientAddress) >= m_config.maxConnectionsPerAddress) {
        *refusal = u"too many Socket.IO connections from this address"_s;
        return nullptr;
    }
    if (m_room->memberCount() + m_sessions.size() >= m_config.maxClients) {
        *refusal = u"the room is full (%1 people)"_s.arg(m_config.maxClients);
        return nullptr;
    }
    QString sid = newSid();
    auto *session = new SocketIoSession(sid, clientAddress, m_room, m_config, this);
    m_sessions.insert(sid, session);
    ++m_sessionsFrom[clientAddress];
    connect(session, &SocketIoSession::closed, this, [this, session, sid, clientAddress] {
        m_sessions.remove(sid);
        if (--m_sessionsFrom[clientAddress] <= 0)
            m_sessionsFrom.remove(clientAddress);
        session->deleteLater();
    });
    return session;
}

void SocketIoServer::handlePolling(HttpConnection *connection, const HttpRequest &request,
                                   const QByteArray &body, const QString &clientAddress)
{
    const QUrlQuery query = request.query();
    if (query.queryItemValue(u"EIO"_s) != u"4")
        return connection->answer(400, engineError(5, "Unsupported protocol version"), "application/json");
    if (query.queryItemValue(u"transport"_s) != u"polling")
        return connection->answer(400, engineError(0, "Transport unknown"), "application/json");
    const QString sid = query.queryItemValue(u"sid"_s);
    if (sid.isEmpty()) {
        if (request.method() != "GET")
            return connection->answer(400, engineError(2, "Bad handshake method"), "application/json");
        QString refusal;
        SocketIoSession *session = open(clientAddress, &refusal);
        if (!session) {
            qCInfo(lcServer).noquote()
                << "refusing a Socket.IO connection from" << clientAddress << ":" << refusal;
            return connection->answer(429, refusal.toUtf8() + '\n');
        }
        return connection->answer(200, session->openPacket(true));
    }
    SocketIoSession *session = m_sessions.value(sid);
    if (!session || session->peerAddress() != clientAddress)
        return connection->answer(400, engineError(1, "Session ID unknown"), "application/json");
    if (request.method() == "POST") {
        const QString refusal = session->receivePolled(body);
        return connection->answer(refusal.isEmpty() ? 200 : 400, refusal.isEmpty() ? "ok" : refusal.toUtf8());
    }
    // A second poll while one is held means a broken client: the socket ends, as Engine.IO's does.
    if (!session->poll(connection)) {
        connection->answer(400, engineError(3, "Bad request"), "application/json");
        session->closeConnection(QWebSocketProtocol::CloseCodeProtocolError, u"two polls at once"_s);
    }
}

void SocketIoServer::takeWebSocket(QWebSocket *socket, const QString &clientAddress)
{
    const QUrlQuery query(socket->requestUrl());
    if (query.queryItemValue(u"EIO"_s) != u"4" || query.queryItemValue(u"transport"_s) != u"websocket") {
        socket->close(QWebSocketProtocol::CloseCodeProtocolError, u"Engine.IO 4 over websocket only"_s);
        socket->deleteLater();
        return;
    }
    const QString sid = query.queryItemValue(u"sid"_s);
    if (sid.isEmpty()) {
        QString refusal;
        SocketIoSession *session = open(clientAddress, &refusal);
        if (!session) {
            socket->close(QWebSocketProtocol::CloseCode(Protocol::CloseCodeTryAgainLater), refusal);
            socket->deleteLater();
            return;
        }
        session->attachWebSocket(socket, true);
        return;
    }
    SocketIoSession *session = m_sessions.value(sid);
    if (!session || session->peerAddress() != clientAddress || !session->isPolling()) {
        socket->close(QWebSocketProtocol::CloseCodeProtocolError, u"Session ID unknown"_s);
        socket->deleteLater();
        return;
    }
    session->attachWebSocket(socket, false);
}

qint64 SocketIoServer::bytesQueued() const
{
    qint64 queued = 0;
    for (const SocketIoSession *session : m_sessions)
        queued += session->bytesQueued();
    return queued;
}

void SocketIoServer::closeAll(const QString &reason)
{
    const auto sessions = m_sessions;
    for (SocketIoSession *session : sessions)
        session->closeConnection(QWebSocketProtocol::CloseCodeGoingAway, reason);
}
