#pragma once

#include "DiscoveryPacket.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

namespace Discovery {

class DiscoverySocket;

/// A room heard on the network, and where it was heard from.
struct DiscoveredRoom
{
    Announcement announcement;
    QHostAddress address;

    /// ws://ADDR:PORT/ (wss:// for a room that requires TLS).
    QUrl url() const;
};

/// Keeps the list of rooms announced on the local network: asks once when started, then
/// listens. A room is lost when its host says goodbye or has not been heard for expiryTime.
///
/// Announcements are untrusted: the list holds at most MaxRooms rooms, and at most
/// MaxRoomsPerAddress from one sender, so a flood of fake rooms cannot exhaust memory or push
/// out the real ones heard from other machines.
class RoomBrowser : public QObject
{
    Q_OBJECT

public:
    explicit RoomBrowser(QObject *parent = nullptr);
    ~RoomBrowser() override;

    static constexpr int MaxRooms = 256;
    static constexpr int MaxRoomsPerAddress = 16;

    /// Starts listening on discoveryPort and asks the hosts there to announce themselves.
    bool start(quint16 discoveryPort = DefaultPort);
    /// Stops listening and forgets every room (roomLost() for each).
    void stop();
    bool isRunning() const { return m_socket != nullptr; }
    QString errorString() const { return m_errorString; }
    quint16 port() const;

    /// How long a silent room stays listed (default ExpiryTime; shorter in tests).
    void setExpiryTime(std::chrono::milliseconds expiry) { m_expiryTime = expiry; }
    QList<DiscoveredRoom> rooms() const;

    /// Asks every host to announce now (also done by start()).
    void query();

Q_SIGNALS:
    void roomFound(const Discovery::DiscoveredRoom &room);
    void roomChanged(const Discovery::DiscoveredRoom &room);
    void roomLost(const QString &instanceId);

private:
    struct Entry
    {
        DiscoveredRoom room;
        QElapsedTimer lastHeard;
    };

    void onPacket(const Packet &packet, const QHostAddress &sender);
    void onAnnouncement(const Announcement &announcement, const QHostAddress &sender);
    void forget(const QString &instanceId);
    void expire();

    DiscoverySocket *m_socket = nullptr;
    QString m_errorString;
    QHash<QString, Entry> m_rooms;
    QHash<QHostAddress, int> m_roomsPerAddress;
    std::chrono::milliseconds m_expiryTime = ExpiryTime;
    QTimer m_expiryTimer;
    QTimer m_requery;
};

} // namespace Discovery

Q_DECLARE_METATYPE(Discovery::DiscoveredRoom)
