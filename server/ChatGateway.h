#pragma once

#include "HttpRequest.h"
#include "Messages.h"
#include "RateLimiter.h"
#include "Room.h"
#include "ServerConfig.h"

#include <QObject>
#include <QUrl>
#include <QWebSocketProtocol>

#include <unordered_set>

class DirectWriteServer;
class QTcpSocket;
class QTimer;
class QWebSocket;
class QWebSocketServer;
class SocketIoServer;
class WebSocketSession;

/// The room server: a QWebSocketServer in front of one Room. Accepts native WebSocket clients
/// on ws://ADDR:PORT/, gives each a WebSocketSession and reports what happens in the room.
///
/// Thread-affine like any QObject: create it on the thread that should run it (RoomHost moves
/// it to a worker thread so hosting never stalls a GUI).
class ChatGateway : public QObject
{
    Q_OBJECT

public:
    explicit ChatGateway(const ServerConfig &config, QObject *parent = nullptr);
    ~ChatGateway() override;

    /// Opens the room's history and starts listening on the configured address and port
    /// (0 picks a free port). On the thread that will run the gateway.
    bool listen();
    QString errorString() const { return m_errorString; }
    bool isListening() const;
    quint16 port() const;
    /// The address clients use, e.g. ws://127.0.0.1:47800/ (the wildcard address shown as is).
    QUrl url() const;

    /// Who a connection counts as for every per-address rule: an IPv4 address, or an IPv6
    /// host's /64 ("2001:db8:1:2::/64").
    static QString clientKey(const QHostAddress &address);

    const ServerConfig &config() const { return m_config; }
    int userCount() const { return m_room->memberCount(); }
    const Room &room() const { return *m_room; }
    SocketIoServer &socketIo() { return *m_socketIo; }
    /// What GET /metrics answers: Prometheus' text format.
    QByteArray metricsText() const;

    /// Stops accepting, closes every client with closeCode and emits stopped() once all are gone
    /// (or after closeTimeout, aborting the ones that did not answer).
    /// Closes every connection with closeCode and reason, then emits stopped(). 1001 (going
    /// away) tells clients to come back later; CloseCodeRoomClosed that the room is gone.
    void shutdown(QWebSocketProtocol::CloseCode closeCode = QWebSocketProtocol::CloseCodeGoingAway,
                  const QString &reason = QStringLiteral("server is shutting down"));

Q_SIGNALS:
    void clientConnected(const Protocol::Member &member);
    void clientDisconnected(const Protocol::Member &member);
    void messageReceived(const Protocol::ChatMessage &chat);
    void userCountChanged(int count);
    void stopped();

private:
    void onTcpConnection();
    void readRequest(QTcpSocket *socket, const std::pair<QHostAddress, quint16> &key);
    /// A request's head is in: a WebSocket handshake goes to m_server, a file request to an
    /// HttpConnection, a bad one is answered with why.
    void onRequest(QTcpSocket *socket, HttpRequest request, const std::pair<QHostAddress, quint16> &key);
    /// Whether a new connection from address may go on to the handshake; if not, it is answered
    /// with HTTP 429 and closed.
    bool admit(QTcpSocket *socket, const QString &address);
    void answerAndClose(QTcpSocket *socket, const QByteArray &response);
    /// The connection-rate bucket of an address (made on first use; the table stays bounded).
    RateLimiter &connectionLimiter(const QString &address);
    static constexpr qsizetype MaxTrackedAddresses = 10000;
    void limitTotalBacklog();
    void onNewConnection();
    void refuse(QWebSocket *socket, QWebSocketProtocol::CloseCode code, const QString &reason);
    void onSessionClosed(WebSocketSession *session);

    ServerConfig m_config;
    Room *m_room;               // a child, so moveToThread() takes it along
    SocketIoServer *m_socketIo; // Socket.IO apps' sockets, on the same port
    QWebSocketServer *m_server;
    /// The listener whose sockets m_server upgrades once they are admitted (and, for wss://,
    /// encrypted), so every connection is checked alike and a ws:// session gets its TCP socket
    /// for the broadcast fast path (see WebSocketSession).
    DirectWriteServer *m_tcpServer = nullptr;
    /// Sockets in the WebSocket handshake, by peer address and port, with the client's address
    /// (a trusted proxy's client, once its request has said who; empty until then).
    struct Upgrading
    {
        QTcpSocket *socket = nullptr;
        QString clientAddress;
        QMetaObject::Connection dropped; // deletes it if the peer goes before the handover
        bool handedOver = false;         // to m_server, which then owns it
    };
    QHash<std::pair<QHostAddress, quint16>, Upgrading> m_upgrading;
    QHash<QString, int> m_connectionsFrom; // open connections by client address
    QTimer *m_heartbeat;
    QTimer *m_backlogCheck;
    static constexpr std::chrono::milliseconds BacklogCheckInterval{250};
    std::unordered_set<WebSocketSession *> m_sessions;
    QHash<QString, RateLimiter> m_connectionLimiters; // by peer address
    /// Connections turned away before they were sessions, by reason (for GET /metrics).
    void countRefusedConnection(const char *reason) { ++m_refusedConnections[reason]; }
    std::map<QByteArray, qint64> m_refusedConnections;
    QString m_errorString;
    bool m_stopping = false;
};
