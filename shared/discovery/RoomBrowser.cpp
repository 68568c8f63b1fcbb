#include "RoomBrowser.h"

#include "DiscoveryLogging.h"
#include "DiscoverySocket.h"

using namespace Qt::Literals::StringLiterals;

namespace Discovery {

QUrl DiscoveredRoom::url() const
{
    QUrl url;
    url.setScheme(announcement.tls ? u"wss"_s : u"ws"_s);
    url.setHost(address.toString());
    url.setPort(announcement.port);
    url.setPath(u"/"_s);
    return url;
}

RoomBrowser::RoomBrowser(QObject *parent)
    : QObject(parent)
{
    m_expiryTimer.setInterval(std::chrono::milliseconds(250));
    connect(&m_expiryTimer, &QTimer::timeout, this, &RoomBrowser::expire);
    // One query can be lost like any datagram; a second one a moment later costs nothing.
    m_requery.setSingleShot(true);
    m_requery.setInterval(std::chrono::milliseconds(700));
    connect(&m_requery, &QTimer::timeout, this, &RoomBrowser::query);
}

RoomBrowser::~RoomBrowser() = default;

bool RoomBrowser::start(quint16 discoveryPort)
{
    stop();
    auto *socket = new DiscoverySocket(this);
    if (!socket->bind(discoveryPort)) {
        m_errorString = socket->errorString();
        qCWarning(lcDiscovery).noquote() << m_errorString;
        delete socket;
        return false;
    }
    m_errorString.clear();
    m_socket = socket;
    connect(m_socket, &DiscoverySocket::packetReceived, this, &RoomBrowser::onPacket);
    m_expiryTimer.start();
    query();
    m_requery.start();
    return true;
}

void RoomBrowser::stop()
{
    if (!m_socket)
        return;
    delete std::exchange(m_socket, nullptr);
    m_expiryTimer.stop();
    m_requery.stop();
    const QStringList ids = m_rooms.keys();
    for (const QString &id : ids)
        forget(id);
}

quint16 RoomBrowser::port() const
{
    return m_socket ? m_socket->port() : 0;
}

QList<DiscoveredRoom> RoomBrowser::rooms() const
{
    QList<DiscoveredRoom> rooms;
    rooms.reserve(m_rooms.size());
    for (const Entry &entry : m_rooms)
        rooms.append(entry.room);
    return rooms;
}

void RoomBrowser::query()
{
    if (m_socket)
        m_socket->send(Query{});
}

void RoomBrowser::onPacket(const Packet &packet, const QHostAddress &sender)
{
    if (const auto *announcement = std::get_if<Announcement>(&packet)) {
        onAnnouncement(*announcement, sender);
    } else if (const auto *goodbye = std::get_if<Goodbye>(&packet)) {
        // Only the address that announced a room may close it.
        const auto it = m_rooms.constFind(goodbye->instanceId);
        if (it != m_rooms.cend() && it->room.address == sender)
            forget(goodbye->instanceId);
    }
}

void RoomBrowser::onAnnouncement(const Announcement &announcement, const QHostAddress &sender)
{
    auto it = m_rooms.find(announcement.instanceId);
    if (it == m_rooms.end()) {
        int &fromSender = m_roomsPerAddress[sender];
        if (m_rooms.size() >= MaxRooms || fromSender >= MaxRoomsPerAddress) {
            qCDebug(lcDiscovery) << "room list full; ignored" << announcement.name << "from" << sender;
            if (fromSender == 0)
                m_roomsPerAddress.remove(sender);
            return;
        }
        ++fromSender;
        it = m_rooms.insert(announcement.instanceId, Entry{{announcement, sender}, {}});
        it->lastHeard.start();
        qCDebug(lcDiscovery) << "found" << announcement.name << "at" << it->room.url();
        Q_EMIT roomFound(it->room);
        return;
    }
    // A multi-homed host is heard on several addresses; the first one stays (a room whose
    // address flipped every announcement would be hard to join).
    if (it->room.address != sender)
        return;
    it->lastHeard.start();
    if (it->room.announcement == announcement)
        return;
    it->room.announcement = announcement;
    Q_EMIT roomChanged(it->room);
}

void RoomBrowser::forget(const QString &instanceId)
{
    const auto it = m_rooms.constFind(instanceId);
    if (it == m_rooms.cend())
        return;
    const QHostAddress address = it->room.address;
    m_rooms.erase(it);
    if (--m_roomsPerAddress[address] <= 0)
        m_roomsPerAddress.remove(address);
    qCDebug(lcDiscovery) << "lost" << instanceId;
    Q_EMIT roomLost(instanceId);
}

void RoomBrowser::expire()
{
    QStringList silent;
    for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
        if (it->lastHeard.hasExpired(m_expiryTime.count()))
            silent.append(it.key());
    }
    for (const QString &id : std::as_const(silent))
        forget(id);
}

} // namespace Discovery
