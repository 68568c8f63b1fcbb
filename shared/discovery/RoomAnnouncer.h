#pragma once

#include "DiscoveryPacket.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace Discovery {

class DiscoverySocket;

/// Makes a room findable: announces it every AnnounceInterval, soon after anything shown in
/// the Join list changes, and soon after a browser asks. Says goodbye when stopped.
///
/// "Soon" is coalesced: however many queries or member changes arrive, at most one extra
/// announcement goes out per MinGap, so a flood of queries cannot make a host flood the LAN.
class RoomAnnouncer : public QObject
{
    Q_OBJECT

public:
    explicit RoomAnnouncer(QObject *parent = nullptr);
    ~RoomAnnouncer() override;

    /// Starts announcing room on discoveryPort; false with errorString() if the port is unusable.
    bool start(const Announcement &room, quint16 discoveryPort = DefaultPort);
    /// Sends a goodbye so browsers drop the room at once, and stops.
    void stop();
    bool isRunning() const { return m_socket != nullptr; }
    QString errorString() const { return m_errorString; }
    /// The UDP port queries are heard on (0 when stopped).
    quint16 port() const;

    /// Also announces to this address: a machine or a subnet's broadcast address beyond the
    /// local network (another subnet, a VPN), where multicast and broadcast do not reach.
    void addTarget(const QHostAddress &address, quint16 port = DefaultPort);

    const Announcement &announcement() const { return m_room; }
    void setMembers(int members);
    void setName(const QString &name);

    static constexpr std::chrono::milliseconds MinGap{250};

private:
    void update(const Announcement &room);
    void announceSoon();
    void announce();
    void send(const Packet &packet);

    DiscoverySocket *m_socket = nullptr;
    Announcement m_room;
    QList<std::pair<QHostAddress, quint16>> m_targets;
    QString m_errorString;
    QTimer m_periodic;
    QTimer m_soon;
    QElapsedTimer m_sinceLast;
};

} // namespace Discovery
