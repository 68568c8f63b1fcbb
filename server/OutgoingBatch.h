#pragma once

#include "OutgoingMessage.h"

#include <QList>

/// Server messages that go out together and in order (a welcome and the history after it; a
/// presence delta and the count), in one write where the transport can. Like OutgoingMessage,
/// the frames are joined once and shared by every recipient.
class OutgoingBatch
{
public:
    OutgoingBatch() = default;

    void append(OutgoingMessage message) { m_messages.append(std::move(message)); }
    bool isEmpty() const { return m_messages.isEmpty(); }
    const QList<OutgoingMessage> &messages() const { return m_messages; }
    /// Every message's WebSocket frame (OutgoingMessage::frame()) for version, back to back.
    const QByteArray &frames(int version = Protocol::Version) const;

private:
    QList<OutgoingMessage> m_messages;
    mutable std::array<QByteArray, 2> m_frames; // by version: 1, 2
};
