#include "ChatGateway.h"

#include "DirectWriteServer.h"
#include "Logging.h"
#include "WebSocketSession.h"

#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

using namespace Qt::Literals::StringLiterals;

ChatGateway::ChatGateway(const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_room(new Room(config, this))
    , m_server(new QWebSocketServer(
          u"Parley"_s, config.usesTls() ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode,
          this))
    , m_heartbeat(new QTimer(this))
{
    if (config.usesTls()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(config.tlsCertificate);
        tls.setPrivateKey(config.tlsKey);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
        m_server->setSslConfiguration(tls);
    }
    m_server->setHandshakeTimeout(config.handshakeTimeout);
    connect(m_server, &QWebSocketServer::originAuthenticationRequired, this, &ChatGateway::onOriginCheck);
    m_heartbeat->setInterval(config.pingInterval);
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        const auto sessions = m_sessions; // a check may drop one
        for (WebSocketSession *session : sessions)
            session->checkAlive();
    });
    connect(m_server, &QWebSocketServer::newConnection, this, &ChatGateway::onNewConnection);
    connect(m_room, &Room::memberJoined, this, &ChatGateway::clientConnected);
    connect(m_room, &Room::memberLeft, this, &ChatGateway::clientDisconnected);
    connect(m_room, &Room::chatPosted, this, &ChatGateway::messageReceived);
    connect(m_room, &Room::memberCountChanged, this, &ChatGateway::userCountChanged);
}

ChatGateway::~ChatGateway()
{
    // Sessions leave the room as they go, so they must go before the room does (including
    // closed ones still waiting for their deleteLater).
    m_sessions.clear();
    qDeleteAll(findChildren<WebSocketSession *>(Qt::FindDirectChildrenOnly));
}

bool ChatGateway::listen()
{
    // The port first: a room that cannot listen (the port is taken) leaves no history file
    // behind. Nothing is accepted before the history is open: no event loop runs in between.
    bool listening = false;
    QString error;
    if (m_config.usesTls()) {
        listening = m_server->listen(m_config.bindAddress, m_config.port);
        error = m_server->errorString();
    } else {
        m_tcpServer = new DirectWriteServer(this);
        connect(m_tcpServer, &QTcpServer::newConnection, this, &ChatGateway::onTcpConnection);
        listening = m_tcpServer->listen(m_config.bindAddress, m_config.port);
        error = m_tcpServer->errorString();
    }
    if (!listening) {
        m_errorString = u"cannot listen on %1:%2: %3"_s.arg(m_config.bindAddress.toString())
                            .arg(m_config.port)
                            .arg(error);
        return false;
    }
    if (!m_room->open()) {
        m_errorString = m_room->errorString();
        if (m_tcpServer)
            m_tcpServer->close();
        m_server->close();
        return false;
    }
    m_heartbeat->start();
    return true;
}

bool ChatGateway::isListening() const
{
    return m_tcpServer ? m_tcpServer->isListening() : m_server->isListening();
}

quint16 ChatGateway::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : m_server->serverPort();
}

QUrl ChatGateway::url() const
{
    QUrl url;
    url.setScheme(m_config.usesTls() ? u"wss"_s : u"ws"_s);
    QHostAddress address = m_tcpServer ? m_tcpServer->serverAddress() : m_server->serverAddress();
    if (address == QHostAddress::AnyIPv6 || address == QHostAddress::Any)
        address = QHostAddress::AnyIPv4;
    url.setHost(address.toString());
    url.setPort(port());
    url.setPath(u"/"_s);
    return url;
}

void ChatGateway::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        // Writes are already batched per event-loop turn; Nagle's algorithm would only hold a
        // chat back until the previous one is acked, which a receiver delays by up to 40 ms.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        const std::pair key{socket->peerAddress(), socket->peerPort()};
        m_upgrading.insert(key, socket);
        // A failed or timed-out handshake deletes the socket.
        connect(socket, &QObject::destroyed, this, [this, key, socket] {
            if (m_upgrading.value(key) == socket)
                m_upgrading.remove(key);
        });
        // QWebSocketServer times out handshakes only on connections it accepted itself.
        QTimer::singleShot(m_config.handshakeTimeout, socket, [this, key, socket] {
            if (m_upgrading.value(key) != socket)
                return; // upgraded (or gone)
            qCInfo(lcServer) << "dropping" << socket->peerAddress() << ": no WebSocket handshake in time";
            m_upgrading.remove(key);
            socket->abort();
        });
        m_server->handleConnection(socket);
    }
}

void ChatGateway::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        if (m_stopping) {
            refuse(socket, QWebSocketProtocol::CloseCodeGoingAway, u"server is shutting down"_s);
            continue;
        }
        const QString address = socket->peerAddress().toString();
        if (m_connectionLimiters.size() > 10000) // bounded: forget everyone rather than grow
            m_connectionLimiters.clear();
        auto limiter = m_connectionLimiters.find(address);
        if (limiter == m_connectionLimiters.end())
            limiter = m_connectionLimiters.insert(
                address, RateLimiter(m_config.connectionsPerSecond, m_config.connectionBurst));
        if (!limiter->tryTake()) {
            qCInfo(lcServer) << "refusing" << address << ": connecting too often";
            refuse(socket, QWebSocketProtocol::CloseCode(Protocol::CloseCodeTryAgainLater),
                   u"too many connections from your address; try again later"_s);
            continue;
        }
        if (int(m_sessions.size()) >= m_config.maxClients) {
            qCInfo(lcServer) << "refusing" << socket->peerAddress() << ": the room is full";
            refuse(socket, QWebSocketProtocol::CloseCode(Protocol::CloseCodeTryAgainLater),
                   u"the room is full (%1 people)"_s.arg(m_config.maxClients));
            continue;
        }
        QTcpSocket *tcpSocket = m_upgrading.take({socket->peerAddress(), socket->peerPort()});
        auto *session = new WebSocketSession(socket, tcpSocket, m_room, m_config, this);
        qCDebug(lcServer) << "connection from" << session->peer();
        m_sessions.insert(session);
        connect(session, &WebSocketSession::closed, this, [this, session] { onSessionClosed(session); });
    }
}

void ChatGateway::refuse(QWebSocket *socket, QWebSocketProtocol::CloseCode code, const QString &reason)
{
    // Owned by the gateway until the peer has had the close frame (or the close timeout passed).
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    socket->close(code, reason);
    QTimer::singleShot(m_config.closeTimeout, socket, &QWebSocket::abort);
}

void ChatGateway::onOriginCheck(QWebSocketCorsAuthenticator *authenticator) const
{
    // Native clients send no Origin; a browser always does, and only listed sites may connect
    // (otherwise any web page could join the room from a visitor's browser).
    const QString origin = authenticator->origin();
    authenticator->setAllowed(origin.isEmpty() || m_config.allowedOrigins.contains(origin));
    if (!authenticator->allowed())
        qCInfo(lcServer) << "refused a connection from origin" << origin;
}

void ChatGateway::onSessionClosed(WebSocketSession *session)
{
    if (m_sessions.erase(session) == 0)
        return;
    session->deleteLater();
    if (m_stopping && m_sessions.empty())
        Q_EMIT stopped();
}

void ChatGateway::shutdown(QWebSocketProtocol::CloseCode closeCode, const QString &reason)
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_server->close();
    if (m_tcpServer)
        m_tcpServer->close();
    m_heartbeat->stop();
    m_room->flush(); // acks for everything accepted go out before the close frames
    qCInfo(lcServer) << "shutting down," << m_sessions.size() << "connections to close";
    if (m_sessions.empty()) {
        QTimer::singleShot(0, this, &ChatGateway::stopped);
        return;
    }
    const auto closing = m_sessions; // a close may finish (and erase) at once
    for (WebSocketSession *session : closing)
        session->closeConnection(closeCode, reason);
    QTimer::singleShot(m_config.closeTimeout, this, [this] {
        // Peers that never answered the close handshake: drop them.
        const auto stragglers = m_sessions;
        for (WebSocketSession *session : stragglers)
            session->abort();
        if (!m_sessions.empty()) {
            for (WebSocketSession *session : std::exchange(m_sessions, {}))
                session->deleteLater();
            Q_EMIT stopped();
        }
    });
}
