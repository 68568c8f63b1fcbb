#pragma once

#include "Messages.h"

#include <QString>

/// A server message on its way to one or many sessions. It is encoded at most once, on first
/// use, and the encoding (implicitly shared) is reused for every recipient of a broadcast.
class OutgoingMessage
{
public:
    explicit OutgoingMessage(Protocol::ServerMessage message);

    const Protocol::ServerMessage &message() const { return m_message; }
    /// The JSON text frame of protocol v1.
    const QString &jsonText() const;

private:
    Protocol::ServerMessage m_message;
    mutable QString m_jsonText;
};
