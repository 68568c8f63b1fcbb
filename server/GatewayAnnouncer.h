#pragma once

#include "RoomAnnouncer.h"

#include <QObject>

class ChatGateway;

/// Announces a listening ChatGateway's room on the local network and keeps the announcement
/// true: member count as people come and go, a goodbye when the gateway stops. Used by
/// parleyd --announce and by rooms hosted in the app (unless hosted privately).
class GatewayAnnouncer : public QObject
{
    Q_OBJECT

public:
    /// A child of gateway, so it lives on the gateway's thread and dies with it.
    explicit GatewayAnnouncer(ChatGateway *gateway);

    /// Starts announcing on discoveryPort; false with errorString() if that port is unusable.
    bool start(quint16 discoveryPort = Discovery::DefaultPort);
    QString errorString() const { return m_announcer.errorString(); }
    /// See Discovery::RoomAnnouncer::addTarget().
    void addTarget(const QHostAddress &address, quint16 port) { m_announcer.addTarget(address, port); }

private:
    ChatGateway *m_gateway;
    Discovery::RoomAnnouncer m_announcer;
};
