#include "GatewayAnnouncer.h"

#include "ChatGateway.h"

GatewayAnnouncer::GatewayAnnouncer(ChatGateway *gateway)
    : QObject(gateway)
    , m_gateway(gateway)
{
    connect(m_gateway, &ChatGateway::userCountChanged, &m_announcer, &Discovery::RoomAnnouncer::setMembers);
    // Browsers drop the room at once instead of listing it until it expires.
    connect(m_gateway, &ChatGateway::stopped, &m_announcer, &Discovery::RoomAnnouncer::stop);
}

bool GatewayAnnouncer::start(quint16 discoveryPort)
{
    const ServerConfig &config = m_gateway->config();
    Discovery::Announcement room;
    room.instanceId = m_gateway->room().instanceId();
    room.name = m_gateway->room().name();
    room.port = m_gateway->port();
    room.protocolVersion = Protocol::Version;
    room.passwordRequired = config.password.isSet();
    room.tls = config.usesTls();
    room.members = m_gateway->userCount();
    return m_announcer.start(room, discoveryPort);
}
