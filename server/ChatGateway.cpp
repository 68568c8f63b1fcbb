#include "ChatGateway.h"

#include "DirectWriteServer.h"
#include "HttpConnection.h"
#include "HttpRequest.h"
#include "Logging.h"
#include "PrometheusText.h"
#include "SocketIoServer.h"
#include "TlsSettings.h"
#include "WebSocketSession.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;

ChatGateway::ChatGateway(const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_room(new Room(config, this))
    , m_socketIo(new SocketIoServer(m_room, m_config, this))
    // Non-secure even for wss://: TLS is done on the connections before they are handed over,
    // so that every connection is checked the same way, before the costly handshake.
    , m_server(new QWebSocketServer(u"Parley"_s, QWebSocketServer::NonSecureMode, this))
    , m_heartbeat(new QTimer(this))
    , m_backlogCheck(new QTimer(this))
{
    m_server->setHandshakeTimeout(config.handshakeTimeout);
    m_heartbeat->setInterval(config.pingInterval);
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        const auto sessions = m_sessions; // a check may drop one
        for (WebSocketSession *session : sessions)
            session->checkAlive();
    });
    // Each connection's backlog is capped where it grows; all of them together, here.
    m_backlogCheck->setInterval(BacklogCheckInterval);
    connect(m_backlogCheck, &QTimer::timeout, this, &ChatGateway::limitTotalBacklog);
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
    delete m_socketIo;
    qDeleteAll(
        findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly)); // they write to the room's uploads
}

bool ChatGateway::listen()
{
    if (m_config.usesTls() && !TlsSettings::keyMatches(m_config.tlsCertificate, m_config.tlsKey)) {
        m_errorString = u"the TLS key is not the certificate's key: every connection would fail"_s;
        return false;
    }
    // The port first: a room that cannot listen (the port is taken) leaves no history file
    // behind. Nothing is accepted before the history is open: no event loop runs in between.
    m_tcpServer = new DirectWriteServer(this);
    if (m_config.usesTls())
        m_tcpServer->setTlsConfiguration(
            TlsSettings::serverConfiguration(m_config.tlsCertificate, m_config.tlsKey));
    connect(m_tcpServer, &QTcpServer::newConnection, this, &ChatGateway::onTcpConnection);
    if (!m_tcpServer->listen(m_config.bindAddress, m_config.port)) {
        m_errorString = u"cannot listen on %1:%2: %3"_s.arg(m_config.bindAddress.toString())
                            .arg(m_config.port)
                            .arg(m_tcpServer->errorString());
        return false;
    }
    if (!m_room->open()) {
        m_errorString = m_room->errorString();
        m_tcpServer->close();
        return false;
    }
    m_heartbeat->start();
    m_backlogCheck->start();
    return true;
}

bool ChatGateway::isListening() const
{
    return m_tcpServer && m_tcpServer->isListening();
}

quint16 ChatGateway::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

QUrl ChatGateway::url() const
{
    QUrl url;
    url.setScheme(m_config.usesTls() ? u"wss"_s : u"ws"_s);
    QHostAddress address = m_tcpServer ? m_tcpServer->serverAddress() : QHostAddress();
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
        // Behind a trusted reverse proxy, who the client is is known from the request only.
        const bool proxied = m_config.trustedProxies.contains(socket->peerAddress());
        if (!proxied && !admit(socket, clientKey(socket->peerAddress())))
            continue; // answered cheaply, before reading anything
        Upgrading &upgrading = m_upgrading[key];
        upgrading.socket = socket;
        upgrading.clientAddress = proxied ? QString() : clientKey(socket->peerAddress());
        // Until it is handed to QWebSocketServer, a socket whose peer gives up is ours to delete.
        upgrading.dropped = connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, key, socket] {
            if (m_upgrading.value(key).socket == socket)
                m_upgrading.remove(key);
        });
        // From accept to the end of the request, TLS handshake included.
        QTimer::singleShot(m_config.handshakeTimeout, socket, [this, key, socket] {
            const auto it = m_upgrading.constFind(key);
            if (it == m_upgrading.cend() || it->socket != socket || it->handedOver)
                return;
            qCInfo(lcServer) << "dropping" << socket->peerAddress() << ": no WebSocket handshake in time";
            m_upgrading.erase(it);
            socket->abort();
            socket->deleteLater();
        });
        if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
            connect(tls, &QSslSocket::encrypted, this, [this, socket, key] { readRequest(socket, key); });
            connect(tls, &QAbstractSocket::errorOccurred, this, [tls] {
                if (!tls->isEncrypted())
                    qCInfo(lcServer) << "TLS handshake with" << tls->peerAddress()
                                     << "failed:" << tls->errorString();
            });
            tls->startServerEncryption();
        } else {
            readRequest(socket, key);
        }
    }
}

void ChatGateway::readRequest(QTcpSocket *socket, const std::pair<QHostAddress, quint16> &key)
{
    // The request is read (peeked: QWebSocketServer or HttpConnection reads it again) before
    // anything else.
    auto request = std::make_shared<HttpRequest>();
    auto reading = std::make_shared<QMetaObject::Connection>();
    const auto check = [this, socket, request, reading, key] {
        const QByteArray head = socket->peek(HttpRequest::MaxHeaderBytes + 1);
        if (request->parse(head) == HttpRequest::Progress::Incomplete)
            return;
        disconnect(*reading);
        onRequest(socket, *request, key);
    };
    *reading = connect(socket, &QIODevice::readyRead, socket, check);
    if (socket->bytesAvailable() > 0)
        check();
}

void ChatGateway::onRequest(QTcpSocket *socket, HttpRequest request,
                            const std::pair<QHostAddress, quint16> &key)
{
    if (request.status() == 0 && request.wantsUpgrade())
        request.checkUpgrade();
    if (request.status() != 0) {
        qCInfo(lcServer).noquote() << "refusing" << socket->peerAddress().toString() << "with HTTP"
                                   << request.status() << ":" << request.reason();
        countRefusedConnection("bad_request");
        m_upgrading.remove(key);
        answerAndClose(socket,
                       HttpRequest::response(request.status(), request.reason(), request.extraHeaders()));
        return;
    }
    Upgrading &upgrading = m_upgrading[key];
    if (upgrading.clientAddress.isEmpty()) { // from a trusted proxy: now we know who it is
        const QHostAddress client = request.forwardedFor();
        upgrading.clientAddress = clientKey(client.isNull() ? socket->peerAddress() : client);
        if (!admit(socket, upgrading.clientAddress)) {
            m_upgrading.remove(key);
            return;
        }
    }
    if (!request.wantsUpgrade()) {     // files, pages, Socket.IO polling: plain HTTP
        disconnect(upgrading.dropped); // the HttpConnection deletes it
        const QString clientAddress = m_upgrading.take(key).clientAddress;
        if (m_stopping) {
            answerAndClose(socket, HttpRequest::response(503, u"the room is closing"_s));
            return;
        }
        new HttpConnection(socket, clientAddress, *this, *m_room, m_config, this);
        return;
    }
    if (const QByteArray origin = request.header("origin");
        !origin.isEmpty() && !request.originAllowed(m_config.allowedOrigins)) {
        qCInfo(lcServer).noquote() << "refused a connection from origin" << origin;
        countRefusedConnection("origin");
        m_upgrading.remove(key);
        answerAndClose(socket, HttpRequest::response(
                                   403, u"pages of %1 may not join this room (parleyd --allow-origin)"_s.arg(
                                            QString::fromUtf8(origin))));
        return;
    }
    upgrading.handedOver = true;
    disconnect(upgrading.dropped); // QWebSocketServer deletes a socket whose handshake fails
    m_server->handleConnection(socket);
}

RateLimiter &ChatGateway::connectionLimiter(const QString &address)
{
    auto limiter = m_connectionLimiters.find(address);
    if (limiter != m_connectionLimiters.end())
        return *limiter;
    if (m_connectionLimiters.size() >= MaxTrackedAddresses) {
        // Bounded: first forget addresses whose bucket has refilled (a new one is the same);
        // then, if addresses keep flooding in, the tenth with the most tokens left. Never all:
        // that would give every address a fresh budget, the flooder's included.
        m_connectionLimiters.removeIf([](const auto &entry) { return entry.value().isFull(); });
        if (m_connectionLimiters.size() >= MaxTrackedAddresses) {
            std::vector<std::pair<double, QString>> byTokens;
            byTokens.reserve(size_t(m_connectionLimiters.size()));
            for (auto it = m_connectionLimiters.cbegin(); it != m_connectionLimiters.cend(); ++it)
                byTokens.emplace_back(it->tokens(), it.key());
            const auto cut = byTokens.begin() + qsizetype(byTokens.size() / 10 + 1);
            std::nth_element(byTokens.begin(), cut, byTokens.end(),
                             [](const auto &a, const auto &b) { return a.first > b.first; });
            for (auto it = byTokens.begin(); it != cut; ++it)
                m_connectionLimiters.remove(it->second);
        }
    }
    return *m_connectionLimiters.insert(address,
                                        RateLimiter(m_config.connectionsPerSecond, m_config.connectionBurst));
}

QString ChatGateway::clientKey(const QHostAddress &address)
{
    // One IPv6 host usually has a whole /64 to pick addresses from: it counts as one client,
    // or a flooder would get a fresh budget with every address it makes up.
    bool isIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIPv4); // also an IPv4-mapped IPv6 address
    if (isIPv4)
        return QHostAddress(ipv4).toString();
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address.toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), 0);
    return QHostAddress(bytes).toString() + u"/64"_s;
}

bool ChatGateway::admit(QTcpSocket *socket, const QString &address)
{
    // Checked before the WebSocket handshake, so a flood of refused connections costs little.
    QString refusal;
    const bool flooding = !connectionLimiter(address).tryTake();
    if (flooding)
        refusal = u"too many connections from your address; try again later"_s;
    else if (m_connectionsFrom.value(address) >= m_config.maxConnectionsPerAddress)
        refusal =
            u"too many connections from your address (%1 at most)"_s.arg(m_config.maxConnectionsPerAddress);
    if (!refusal.isEmpty()) {
        qCInfo(lcServer).noquote() << "refusing" << address << "with HTTP 429:" << refusal;
        countRefusedConnection(flooding ? "connection_rate" : "per_address");
        const auto *tls = qobject_cast<QSslSocket *>(socket);
        if (flooding && tls && !tls->isEncrypted()) {
            // An answer would need the TLS handshake that this limit is there to save.
            socket->abort();
            socket->deleteLater();
            return false;
        }
        answerAndClose(socket, HttpRequest::response(429, refusal, "Retry-After: 5\r\n"));
        return false;
    }
    ++m_connectionsFrom[address];
    // Counted out when the socket goes. Not through its own destroyed(): QWebSocket drops every
    // connection to the socket's signals when it lets go of it; a child object's survive.
    auto *tracker = new QObject(socket);
    connect(tracker, &QObject::destroyed, this, [this, address] {
        if (--m_connectionsFrom[address] <= 0)
            m_connectionsFrom.remove(address);
    });
    return true;
}

void ChatGateway::answerAndClose(QTcpSocket *socket, const QByteArray &response)
{
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    auto *tls = qobject_cast<QSslSocket *>(socket);
    if (!tls) {
        socket->write(response);
        socket->close(); // after what is written (and gracefully: see DirectWriteSocket)
        return;
    }
    // A TLS peer is answered once the handshake is done, and not waited for longer than one.
    QTimer::singleShot(m_config.handshakeTimeout, tls, [tls] {
        tls->abort();
        tls->deleteLater();
    });
    const auto answer = [tls, response] {
        tls->write(response);
        tls->disconnectFromHost(); // after what is written
    };
    if (tls->isEncrypted()) {
        answer();
    } else {
        connect(tls, &QSslSocket::encrypted, tls, answer);
        tls->startServerEncryption();
    }
}

void ChatGateway::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        if (m_stopping) {
            refuse(socket, QWebSocketProtocol::CloseCodeGoingAway, u"server is shutting down"_s);
            continue;
        }
        const Upgrading upgraded = m_upgrading.take({socket->peerAddress(), socket->peerPort()});
        const QString address = upgraded.socket ? upgraded.clientAddress : clientKey(socket->peerAddress());
        if (socket->requestUrl().path().startsWith(u"/socket.io"_s)) {
            m_socketIo->takeWebSocket(socket, address);
            continue;
        }
        if (int(m_sessions.size()) >= m_config.maxClients) {
            qCInfo(lcServer) << "refusing" << address << ": the room is full";
            countRefusedConnection("room_full");
            refuse(socket, QWebSocketProtocol::CloseCode(Protocol::CloseCodeTryAgainLater),
                   u"the room is full (%1 people)"_s.arg(m_config.maxClients));
            continue;
        }
        // The last seats are kept for people not in the room yet: one address cannot fill it.
        const int reserved = m_config.maxClients >= 10 ? m_config.maxClients / 10 : 0;
        // (This connection counts as one from its address: another means it is in already.)
        if (int(m_sessions.size()) >= m_config.maxClients - reserved &&
            m_connectionsFrom.value(address) > 1) {
            qCInfo(lcServer) << "refusing" << address << ": the last seats are kept for others";
            countRefusedConnection("room_full");
            refuse(socket, QWebSocketProtocol::CloseCode(Protocol::CloseCodeTryAgainLater),
                   u"the room is nearly full; its last seats are kept for people not in it yet"_s);
            continue;
        }
        auto *session = new WebSocketSession(socket, upgraded.socket, address, m_room, m_config, this);
        qCDebug(lcServer) << "connection from" << session->peer();
        m_sessions.insert(session);
        connect(session, &WebSocketSession::closed, this, [this, session] { onSessionClosed(session); });
    }
}

void ChatGateway::limitTotalBacklog()
{
    std::vector<std::pair<qint64, WebSocketSession *>> backlogs;
    qint64 total = 0;
    for (WebSocketSession *session : m_sessions) {
        if (session->isClosing())
            continue; // its backlog goes with it shortly
        const qint64 queued = session->bytesQueued();
        total += queued;
        if (queued > 0)
            backlogs.emplace_back(queued, session);
    }
    if (total <= m_config.maxTotalQueuedBytes)
        return;
    // The biggest backlogs first: they belong to those reading least.
    std::sort(backlogs.begin(), backlogs.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[queued, session] : backlogs) {
        if (total <= m_config.maxTotalQueuedBytes)
            break;
        session->closeAsSlowReader();
        total -= queued;
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

QByteArray ChatGateway::metricsText() const
{
    PrometheusText metrics;
    const Room::Counters &counters = m_room->counters();
    metrics.gauge("parley_members", "People in the room now.", m_room->memberCount());
    qint64 queued = m_socketIo->bytesQueued();
    for (const WebSocketSession *session : m_sessions)
        queued += session->bytesQueued();
    metrics.gauge("parley_connections", "Open connections by transport.", "transport",
                  {{"websocket", double(m_sessions.size())},
                   {"socketio", double(m_socketIo->sessionCount())},
                   {"http", double(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly).size())}});
    metrics.gauge("parley_bytes_queued", "Bytes sent to members that they have not taken yet.",
                  double(queued));
    metrics.counter("parley_messages_total", "Chats posted.", double(counters.messages));
    metrics.counter("parley_deliveries_total", "Chats sent live to members other than their sender.",
                    double(counters.deliveries));
    metrics.counter("parley_pruned_messages_total",
                    "Messages removed by retention (--keep-days, --keep-messages).", double(counters.pruned));
    QList<std::pair<QByteArray, double>> refusals;
    for (const auto &[code, count] : counters.refusals)
        refusals.append({Protocol::errorCodeName(code).toLatin1(), double(count)});
    metrics.counter("parley_refusals_total", "Frames refused with an error, by its code.", "reason",
                    refusals);
    QList<std::pair<QByteArray, double>> connections;
    for (const auto &[reason, count] : m_refusedConnections)
        connections.append({reason, double(count)});
    metrics.counter("parley_connections_refused_total", "Connections turned away before joining, by why.",
                    "reason", connections);
    metrics.histogram("parley_store_commit_seconds", "Time to store a batch of chats in the history.",
                      counters.commits);
    metrics.gauge("parley_files_bytes", "Bytes of files stored.", double(m_room->uploadsUsedBytes()));
    return metrics.text();
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
    m_backlogCheck->stop();
    m_room->flush(); // acks for everything accepted go out before the close frames
    m_socketIo->closeAll(reason);
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
