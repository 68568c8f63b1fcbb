#include "DiscoverySocket.h"

#include "DiscoveryLogging.h"

#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QUdpSocket>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace Discovery {
namespace {

bool isUsable(const QNetworkInterface &interface)
{
    const auto flags = interface.flags();
    return flags.testFlag(QNetworkInterface::IsUp) && flags.testFlag(QNetworkInterface::IsRunning) &&
           !flags.testFlag(QNetworkInterface::IsLoopBack);
}

} // namespace

DiscoverySocket::DiscoverySocket(QObject *parent)
    : QObject(parent)
    , m_socket(new QUdpSocket(this))
{
    connect(m_socket, &QUdpSocket::readyRead, this, &DiscoverySocket::readPending);
}

bool DiscoverySocket::bind(quint16 port)
{
    if (!m_socket->bind(QHostAddress::AnyIPv4, port,
                        QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint)) {
        m_errorString =
            tr("Cannot listen for rooms on UDP port %1: %2").arg(port).arg(m_socket->errorString());
        return false;
    }
    // Hear our own packets too: a room hosted in this app is listed like any other.
    m_socket->setSocketOption(QAbstractSocket::MulticastLoopbackOption, QVariant(1));
    joinNewInterfaces(QNetworkInterface::allInterfaces());
    return true;
}

quint16 DiscoverySocket::port() const
{
    return m_socket->localPort();
}

void DiscoverySocket::joinNewInterfaces(const QList<QNetworkInterface> &interfaces)
{
    for (const QNetworkInterface &interface : interfaces) {
        if (!isUsable(interface) || !interface.flags().testFlag(QNetworkInterface::CanMulticast) ||
            m_joinedInterfaces.contains(interface.index()))
            continue;
        if (m_socket->joinMulticastGroup(MulticastGroup, interface))
            m_joinedInterfaces.insert(interface.index());
        else
            qCDebug(lcDiscovery) << "cannot join" << MulticastGroup << "on" << interface.name() << ':'
                                 << m_socket->errorString();
    }
}

void DiscoverySocket::send(const Packet &packet)
{
    if (m_socket->state() != QAbstractSocket::BoundState)
        return;
    // Listed once per send: the same list joins new interfaces and sends on all of them.
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    joinNewInterfaces(interfaces);
    const QByteArray datagram = encode(packet);
    const quint16 port = m_socket->localPort();
    for (const QNetworkInterface &interface : interfaces) {
        if (!isUsable(interface))
            continue;
        if (interface.flags().testFlag(QNetworkInterface::CanMulticast)) {
            m_socket->setMulticastInterface(interface);
            if (m_socket->writeDatagram(datagram, MulticastGroup, port) < 0)
                qCDebug(lcDiscovery) << "multicast on" << interface.name()
                                     << "failed:" << m_socket->errorString();
        }
        if (!interface.flags().testFlag(QNetworkInterface::CanBroadcast))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            if (entry.broadcast().isNull() || entry.ip().protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            if (m_socket->writeDatagram(datagram, entry.broadcast(), port) < 0)
                qCDebug(lcDiscovery) << "broadcast to" << entry.broadcast()
                                     << "failed:" << m_socket->errorString();
        }
    }
}

void DiscoverySocket::sendTo(const Packet &packet, const QHostAddress &address, quint16 port)
{
    m_socket->writeDatagram(encode(packet), address, port);
}

void DiscoverySocket::readPending()
{
    while (m_socket->hasPendingDatagrams()) {
        // Reading at most one byte more than a packet may have tells "too big" from "fits".
        const QNetworkDatagram datagram = m_socket->receiveDatagram(MaxPacketBytes + 1);
        if (const auto packet = decode(datagram.data()))
            Q_EMIT packetReceived(*packet, datagram.senderAddress());
        else
            qCDebug(lcDiscovery) << "ignored a malformed datagram from" << datagram.senderAddress();
    }
}

} // namespace Discovery
