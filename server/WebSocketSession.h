#pragma once

#include "Limits.h"
#include "Session.h"

#include <QObject>

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
    /// Takes ownership of socket.
    WebSocketSession(QWebSocket *socket, Room *room, const Protocol::Limits &limits,
                     QObject *parent = nullptr);
    ~WebSocketSession() override;

    void deliver(const OutgoingMessage &message) override;
    void closeConnection(int closeCode, const QString &reason) override;
    void abort();
    QString peer() const;

Q_SIGNALS:
    /// The connection is gone; the session has left the room and may be deleted.
    void closed();

private:
    void onTextMessage(const QString &text);
    void onBinaryMessage(const QByteArray &data);
    void onDisconnected();
    void refuse(const Protocol::ProtocolError &error);

    QWebSocket *m_socket;
    Room *m_room;
    Protocol::Limits m_limits;
};
