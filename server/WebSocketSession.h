#pragma once

#include "ServerConfig.h"
#include "Session.h"

#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

class DirectWriteSocket;
class QWebSocket;
class Room;

/// A member connected over a native WebSocket speaking protocol v1 (JSON text frames).
/// Decodes frames into the Room and delivers the Room's messages as JSON. Refused frames get
/// an error frame; the connection stays open.
class WebSocketSession
    : public QObject
    , public Session
{
    Q_OBJECT

public:
    /// Takes ownership of socket. tcpSocket, if known, is the connection under it: broadcasts are
    /// then written to it as ready-made frames (see deliver()).
    /// clientAddress is who the peer is (its address, or the client a trusted proxy named).
    WebSocketSession(QWebSocket *socket, QTcpSocket *tcpSocket, const QString &clientAddress, Room *room,
                     const ServerConfig &config, QObject *parent = nullptr);
    ~WebSocketSession() override;

    void deliver(const OutgoingMessage &message) override;
    void deliver(const OutgoingBatch &batch) override;
    void closeConnection(int closeCode, const QString &reason) override;
    /// Closes it (1008) because its backlog is too big; it resumes when it comes back.
    void closeAsSlowReader();
    bool isClosing() const { return m_closing; }
    QString peerAddress() const override;
    bool hasUnreadInput() const override;
    void abort();
    QString peer() const;
    /// Heartbeat: drops the connection if the peer has been silent for longer than the idle
    /// timeout (no frame, no pong), and pings it otherwise.
    void checkAlive();
    /// Whether broadcasts are written as ready-made frames straight to the TCP socket (the fast
    /// path), rather than through QWebSocket::sendTextMessage.
    bool writesFramesDirectly() const { return m_tcpSocket != nullptr; }
    /// Bytes written to the connection that the kernel has not taken yet.
    qint64 bytesQueued() const override;

Q_SIGNALS:
    /// The connection is gone; the session has left the room and may be deleted.
    void closed();

private:
    void onBytesWritten();
    void onTextMessage(const QString &text);
    void onBinaryMessage(const QByteArray &data);
    void onDisconnected();
    void refuse(const Protocol::ProtocolError &error, const QString &clientId = {});
    /// False once the connection is closing, or closes it when the peer has stopped reading.
    bool acceptsMore();

    QWebSocket *m_socket;
    /// The connection under m_socket (ws:// rooms), or null.
    QPointer<QTcpSocket> m_tcpSocket;           // plain connections only: ready-made frames go here
    QPointer<QSslSocket> m_tlsSocket;           // TLS connections: for their backlog
    QPointer<DirectWriteSocket> m_directSocket; // m_tcpSocket, when it is one (ws:// rooms on Unix)
    QString m_clientAddress;
    Room *m_room;
    const ServerConfig &m_config;
    QElapsedTimer m_lastHeard;
    bool m_closing = false; // our close frame is on its way: nothing more is queued
};
