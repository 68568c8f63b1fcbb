#pragma once

#include "DiscoveryPacket.h"

#include <QHostAddress>
#include <QNetworkInterface>
#include <QObject>
#include <QSet>

class QUdpSocket;

namespace Discovery {

/// The UDP endpoint hosts and browsers share: bound to the discovery port on every IPv4
/// interface (shared, so a host and a browser in one app, or several apps on one machine, all
/// hear every packet), a member of the multicast group on every interface that can multicast.
///
/// send() goes out on every interface that is up, not just the one with the default route:
/// a machine on Wi-Fi and a VPN, or on two subnets, is found on both.
class DiscoverySocket : public QObject
{
    Q_OBJECT

public:
    explicit DiscoverySocket(QObject *parent = nullptr);

    /// Binds to port (0 picks a free one, for tests). False with errorString() if it cannot.
    bool bind(quint16 port);
    quint16 port() const;
    QString errorString() const { return m_errorString; }

    /// Multicasts packet on each interface and broadcasts it on each subnet, to port().
    /// Interfaces that came up since the last send are joined first.
    void send(const Packet &packet);
    /// Sends packet to one address only (tests, and hosts on other subnets in future).
    void sendTo(const Packet &packet, const QHostAddress &address, quint16 port);

Q_SIGNALS:
    /// A well-formed packet arrived from sender (garbage is dropped before this).
    void packetReceived(const Discovery::Packet &packet, const QHostAddress &sender);

private:
    void readPending();
    void joinNewInterfaces(const QList<QNetworkInterface> &interfaces);

    QUdpSocket *m_socket;
    QString m_errorString;
    QSet<int> m_joinedInterfaces;
};

} // namespace Discovery
