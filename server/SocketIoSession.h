#pragma once

#include "ServerConfig.h"
#include "Session.h"
#include "SocketIoPacket.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class HttpConnection;
class QWebSocket;
class Room;

/// A member connected with Socket.IO (an app written for the seed's NestJS gateway): one
/// Engine.IO 4 socket, carried by HTTP long-polling, a WebSocket, or polling then a WebSocket
/// (the upgrade), speaking Socket.IO 5 on the main namespace. It is a v1 member of #general:
/// its `chat` events (a string) are posted there, and it hears `chat` (the text) and `users`
/// (the count), as from the seed gateway; a refused chat gets its ack with an error, or an
/// `error` event. SocketIoServer makes it and hands it its transports.
class SocketIoSession
    : public QObject
    , public Session
{
    Q_OBJECT

public:
    SocketIoSession(QString sid, QString clientAddress, Room *room, const ServerConfig &config,
                    QObject *parent = nullptr);
    ~SocketIoSession() override;

    QString sid() const { return m_sid; }
    /// The Engine.IO open packet's data (sid, upgrades, ping interval and timeout, maxPayload).
    QByteArray openPacket(bool canUpgrade) const;

    // Session
    void deliver(const OutgoingMessage &message) override;
    void closeConnection(int closeCode, const QString &reason) override;
    QString peerAddress() const override { return m_clientAddress; }
    qint64 bytesQueued() const override { return m_queuedBytes; }

    /// A polling GET: answered at once with the packets waiting, or held until some come (a
    /// ping comes every pingInterval). False if one is held already (the client is broken).
    bool poll(HttpConnection *connection);
    /// A polling POST's body: Engine.IO packets separated by 0x1e. Empty, or why it is refused.
    QString receivePolled(const QByteArray &payload);
    /// The WebSocket of this socket: an upgrade from polling (probe, then "5"), or the only
    /// transport from the start (the open packet then goes over it).
    void attachWebSocket(QWebSocket *socket, bool fromStart);

    /// Whether polling is the transport now (not upgraded to a WebSocket).
    bool isPolling() const { return !m_upgraded; }

    static constexpr qint64 MaxPayloadBytes = 1000000;
    static constexpr std::chrono::milliseconds UpgradeTimeout{10000}; // Engine.IO's default

Q_SIGNALS:
    /// The socket is gone (closed by either side, or silent too long); it has left the room.
    void closed();

private:
    void onEnginePacket(QStringView packet);
    void onSocketIoPacket(QStringView text);
    void onEvent(const SocketIoPacket &packet);
    void onWebSocketText(const QString &text);
    /// The ack id the event that became this chat asked for, if it asked.
    std::optional<qint64> takeAckId(const QString &clientId);
    void sendSocketIo(const SocketIoPacket &packet);
    void emitEvent(const QString &name, const QJsonValue &value);
    /// Queues an Engine.IO packet for the transport in use, and sends what it can.
    void sendEngine(const QString &packet);
    void flush();
    void onHeartbeat();
    void close(const QString &why);

    QString m_sid;
    QString m_clientAddress;
    Room *m_room;
    const ServerConfig &m_config;
    QStringList m_queue; // Engine.IO packets not sent yet
    qint64 m_queuedBytes = 0;
    QPointer<HttpConnection> m_poll; // a held polling GET
    QPointer<QWebSocket> m_webSocket;
    bool m_probed = false;    // the client probed its WebSocket and is moving over
    bool m_upgraded = false;  // the WebSocket carries everything
    bool m_connected = false; // Socket.IO's connect was answered: the member is in the room
    bool m_closed = false;
    QTimer m_heartbeat;
    QElapsedTimer m_lastHeard; // any packet, a pong or a poll
    bool m_awaitingPong = false;
    QHash<QString, qint64> m_acksWanted; // a chat's clientId -> the ack id its event asked for
};
