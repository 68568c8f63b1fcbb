#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>

#include <chrono>
#include <optional>
#include <variant>

/// Finding rooms on the local network: the datagrams hosts and browsers exchange over UDP
/// (docs/PROTOCOL.md, "Discovery"). Everything received is untrusted: decode() accepts only
/// small, well-formed packets and says nothing about why it refused the rest.
namespace Discovery {

/// Where rooms are announced and queried: an organisation-local multicast group (RFC 2365),
/// with each subnet's broadcast address as the fallback for networks that drop multicast.
inline constexpr quint16 DefaultPort = 47801;
inline const QHostAddress MulticastGroup{QStringLiteral("239.255.78.80")};

/// Larger datagrams are ignored unread; a real announcement is about 150 bytes.
inline constexpr qsizetype MaxPacketBytes = 1024;
inline constexpr qsizetype MaxInstanceIdLength = 64;

/// A host repeats its announcement this often; a browser forgets a room not heard for
/// ExpiryTime (three announcements lost in a row, or a host that was killed).
inline constexpr std::chrono::milliseconds AnnounceInterval{2000};
inline constexpr std::chrono::milliseconds ExpiryTime{7000};

/// "A room is here": sent by a host periodically, on changes and in answer to a Query.
struct Announcement
{
    /// Stable across restarts of the same room; tells two rooms with one name apart.
    QString instanceId;
    QString name;
    quint16 port = 0;
    /// The room's wire protocol version (Protocol::Version of the host).
    int protocolVersion = 0;
    bool passwordRequired = false;
    bool tls = false;
    int members = 0;

    bool operator==(const Announcement &) const = default;
};

/// "Which rooms are here?": sent by a browser when it starts, so it need not wait a period.
struct Query
{
    bool operator==(const Query &) const = default;
};

/// "This room has closed": sent by a host that stops cleanly.
struct Goodbye
{
    QString instanceId;

    bool operator==(const Goodbye &) const = default;
};

using Packet = std::variant<Announcement, Query, Goodbye>;

QByteArray encode(const Packet &packet);
/// The packet, or nothing for anything malformed, oversized or of an unknown kind.
std::optional<Packet> decode(QByteArrayView datagram);

} // namespace Discovery
