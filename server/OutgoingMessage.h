#pragma once

#include "Limits.h"
#include "Messages.h"

#include <QString>

#include <array>

/// A server message on its way to one or many sessions. It is encoded at most once per
/// protocol version, on first use, and the encoding (implicitly shared) is reused for every
/// recipient of a broadcast: as JSON text, or as the complete WebSocket frame WebSocketSession
/// writes to every socket. Messages that read the same in every version are encoded once.
class OutgoingMessage
{
public:
    explicit OutgoingMessage(Protocol::ServerMessage message);
    /// A welcome whose member list is spliced in already encoded (see MemberList), for a
    /// session speaking version.
    static OutgoingMessage welcome(Protocol::Welcome welcome, const QByteArray &membersJson,
                                   int version = Protocol::Version);

    const Protocol::ServerMessage &message() const { return m_message; }
    /// The JSON text for a peer speaking version.
    const QString &jsonText(int version = Protocol::Version) const;
    /// The same as one complete, unmasked WebSocket text frame (RFC 6455), as a server sends it.
    const QByteArray &frame(int version = Protocol::Version) const;

private:
    OutgoingMessage(Protocol::ServerMessage message, QByteArray utf8, int version);
    /// Where a version's encoding is kept: all versions share one unless the message differs.
    size_t slot(int version) const;
    const QByteArray &utf8(int version) const;

    Protocol::ServerMessage m_message;
    bool m_dependsOnVersion;
    mutable std::array<QByteArray, 2> m_utf8;
    mutable std::array<QString, 2> m_jsonText;
    mutable std::array<QByteArray, 2> m_frame;
};
