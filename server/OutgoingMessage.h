#pragma once

#include "Messages.h"

#include <QString>

/// A server message on its way to one or many sessions. It is encoded at most once, on first
/// use, and the encoding (implicitly shared) is reused for every recipient of a broadcast: as
/// JSON text, or as the complete WebSocket frame WebSocketSession writes to every socket.
class OutgoingMessage
{
public:
    explicit OutgoingMessage(Protocol::ServerMessage message);
    /// A welcome whose member list is spliced in already encoded (see MemberList).
    static OutgoingMessage welcome(Protocol::Welcome welcome, const QByteArray &membersJson);

    const Protocol::ServerMessage &message() const { return m_message; }
    /// The JSON text of protocol v1.
    const QString &jsonText() const;
    /// The same as one complete, unmasked WebSocket text frame (RFC 6455), as a server sends it.
    const QByteArray &frame() const;

private:
    OutgoingMessage(Protocol::ServerMessage message, QByteArray utf8);
    const QByteArray &utf8() const;

    Protocol::ServerMessage m_message;
    mutable QByteArray m_utf8;
    mutable QString m_jsonText;
    mutable QByteArray m_frame;
};
