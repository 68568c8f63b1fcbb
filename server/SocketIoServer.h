#pragma once

#include "ServerConfig.h"

#include <QHash>
#include <QObject>

class HttpConnection;
class HttpRequest;
class QWebSocket;
class Room;
class SocketIoSession;

/// Socket.IO at /socket.io/ on the room's port (docs/PROTOCOL.md, "Browsers and Socket.IO"):
/// Engine.IO 4's handshake and long-polling requests (which HttpConnection hands over) and its
/// WebSockets (which ChatGateway hands over), each for the SocketIoSession its sid names.
class SocketIoServer : public QObject
{
    Q_OBJECT

public:
    SocketIoServer(Room *room, const ServerConfig &config, QObject *parent = nullptr);
    ~SocketIoServer() override;

    /// A polling request: GET without a sid opens a socket, GET with one polls, POST sends
    /// (body: its payload). The answer goes to connection, at once or (a poll) later.
    void handlePolling(HttpConnection *connection, const HttpRequest &request, const QByteArray &body,
                       const QString &clientAddress);
    /// A WebSocket upgraded at /socket.io/: the upgrade of a polling socket (sid in its URL), or a
    /// socket of its own.
    void takeWebSocket(QWebSocket *socket, const QString &clientAddress);
    /// Closes every socket (the room stops).
    void closeAll(const QString &reason);
    qsizetype sessionCount() const { return m_sessions.size(); }
    /// Bytes waiting for polls, in all sockets.
    qint64 bytesQueued() const;

private:
    SocketIoSession *open(const QString &clientAddress, QString *refusal);

    Room *m_room;
    const ServerConfig &m_config;
    QHash<QString, SocketIoSession *> m_sessions; // by sid
    QHash<QString, int> m_sessionsFrom;           // by client address
};
