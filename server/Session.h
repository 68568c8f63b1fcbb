#pragma once

#include "Limits.h"
#include "Messages.h"
#include "RateLimiter.h"

#include <QElapsedTimer>

#include <map>
#include <optional>

class OutgoingBatch;
class OutgoingMessage;

/// One connection as the Room sees it, whatever its transport or wire codec. A subclass
/// delivers messages in its own encoding; the Room keeps the member identity and bookkeeping
/// here so that it needs no lookups on the hot path.
class Session
{
public:
    Session() = default;
    virtual ~Session();
    Q_DISABLE_COPY_MOVE(Session)

    /// Who this session is in the room; empty until it has joined.
    const Protocol::Member &member() const { return m_member; }
    bool hasJoined() const { return m_index >= 0; }
    /// The protocol version the session speaks, as its hello asked (1 until it has joined).
    int protocolVersion() const { return m_protocol; }

    virtual void deliver(const OutgoingMessage &message) = 0;
    /// Delivers messages that belong together, in order, in one write where the transport can.
    virtual void deliver(const OutgoingBatch &batch);
    /// Ends the connection with a WebSocket close code (the Room uses it when a newer
    /// connection with the same identity takes this one's place).
    virtual void closeConnection(int closeCode, const QString &reason) = 0;
    /// Where the connection comes from (an IP address), to slow down password guessing.
    virtual QString peerAddress() const = 0;
    /// Bytes delivered that the peer has not taken yet. The Room sends history a page at a time,
    /// each once this is low (and the transport tells it so through Room::sessionDrained()).
    virtual qint64 bytesQueued() const { return 0; }
    /// Whether the peer has sent bytes the session has not read yet (a busy room may not have
    /// got to a hello that came in time).
    virtual bool hasUnreadInput() const { return false; }

private:
    friend class Room;
    Protocol::Member m_member;
    qsizetype m_index = -1; ///< position in the Room's member list, -1 if not a member
    int m_protocol = Protocol::Version;
    QElapsedTimer m_lastTypingRelay;
    std::optional<RateLimiter> m_rateLimiter; // set on admission
    bool m_refused = false;                   // turned away (wrong password): ignore it
    bool m_removed = false;                   // a moderator removed or banned it: others are told
    bool m_checkingPassword = false;          // its hello waits for the password check
    bool m_helloRefused = false;              // sent a hello the room refused: no guest seat
    bool m_helloDeferred = false;             // its time ran out with its input unread, once
    bool m_joinedWithoutHello = false;        // a guest because no hello came in time
    /// Catching up after a resume: the last seq sent. Live chats are not sent meanwhile; they
    /// are stored, and the pages bring them in order.
    std::optional<qint64> m_catchUpAfter;
    /// Older pages asked for while it was busy, by conversation (they wait for the backlog).
    std::map<QString, Protocol::HistoryRequest> m_pendingOlder;
};
