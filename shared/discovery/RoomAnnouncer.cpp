#include "RoomAnnouncer.h"

#include "DiscoveryLogging.h"
#include "DiscoverySocket.h"

namespace Discovery {

RoomAnnouncer::RoomAnnouncer(QObject *parent)
    : QObject(parent)
{
    m_periodic.setInterval(AnnounceInterval);
    connect(&m_periodic, &QTimer::timeout, this, &RoomAnnouncer::announce);
    m_soon.setSingleShot(true);
    connect(&m_soon, &QTimer::timeout, this, &RoomAnnouncer::announce);
}

RoomAnnouncer::~RoomAnnouncer()
{
    stop();
}

bool RoomAnnouncer::start(const Announcement &room, quint16 discoveryPort)
{
    stop();
    auto *socket = new DiscoverySocket(this);
    if (!socket->bind(discoveryPort)) {
        m_errorString = socket->errorString();
        delete socket;
        return false;
    }
    m_socket = socket;
    m_room = room;
    connect(m_socket, &DiscoverySocket::packetReceived, this, [this](const Packet &packet) {
        if (std::holds_alternative<Query>(packet))
            announceSoon();
    });
    qCDebug(lcDiscovery) << "announcing" << m_room.name << "on UDP port" << m_socket->port();
    announce();
    m_periodic.start();
    return true;
}

void RoomAnnouncer::stop()
{
    if (!m_socket)
        return;
    send(Goodbye{m_room.instanceId});
    m_periodic.stop();
    m_soon.stop();
    delete std::exchange(m_socket, nullptr);
}

quint16 RoomAnnouncer::port() const
{
    return m_socket ? m_socket->port() : 0;
}

void RoomAnnouncer::setMembers(int members)
{
    Announcement room = m_room;
    room.members = members;
    update(room);
}

void RoomAnnouncer::setName(const QString &name)
{
    Announcement room = m_room;
    room.name = name;
    update(room);
}

void RoomAnnouncer::update(const Announcement &room)
{
    if (room == m_room)
        return;
    m_room = room;
    announceSoon();
}

void RoomAnnouncer::announceSoon()
{
    if (!m_socket || m_soon.isActive())
        return;
    const auto elapsed =
        std::chrono::milliseconds(m_sinceLast.isValid() ? m_sinceLast.elapsed() : MinGap.count());
    m_soon.start(std::max(std::chrono::milliseconds(0), MinGap - elapsed));
}

void RoomAnnouncer::announce()
{
    if (!m_socket)
        return;
    m_soon.stop();
    send(m_room);
    m_sinceLast.start();
}

void RoomAnnouncer::addTarget(const QHostAddress &address, quint16 port)
{
    m_targets.append({address, port});
}

void RoomAnnouncer::send(const Packet &packet)
{
    m_socket->send(packet);
    for (const auto &[address, port] : std::as_const(m_targets))
        m_socket->sendTo(packet, address, port);
}

} // namespace Discovery
