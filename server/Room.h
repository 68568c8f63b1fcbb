#pragma once

#include "Messages.h"
#include "ServerConfig.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <vector>

class OutgoingMessage;
class Session;

/// The chat room itself: who is in it, what they say, and who hears it. It knows nothing
/// about sockets or wire formats, so every transport and codec shares one behaviour.
///
/// A session is admitted first and joins on its hello (or as a guest when the hello does not
/// come in time, or when it sends anything else first). Chats are acked to the sender and
/// broadcast to every other member. Presence deltas and user counts are coalesced to one
/// frame per presenceInterval, so a join storm costs each member a few frames, not one per
/// joiner.
class Room : public QObject
{
    Q_OBJECT

public:
    explicit Room(const ServerConfig &config, QObject *parent = nullptr);
    ~Room() override;

    QString name() const { return m_config.roomName; }
    int memberCount() const { return int(m_members.size()); }
    QList<Protocol::Member> members() const;
    qint64 lastSeq() const { return m_lastSeq; }

    /// Starts the hello grace period for a new connection.
    void admit(Session *session);
    /// Handles one decoded frame from the session (joining it first if need be).
    void handle(Session *session, const Protocol::ClientMessage &message);
    /// Removes the session, whether it had joined or was still being admitted.
    void remove(Session *session);

Q_SIGNALS:
    void memberJoined(const Protocol::Member &member);
    void memberLeft(const Protocol::Member &member);
    void chatPosted(const Protocol::ChatMessage &chat);
    void memberCountChanged(int count);

private:
    struct Admission
    {
        Session *session;
        QElapsedTimer waiting;
    };

    void join(Session *session, const QString &name);
    void handleMember(Session *session, const Protocol::ClientMessage &message);
    void rename(Session *session, const QString &name);
    void postChat(Session *sender, const Protocol::SendChat &chat);
    void relayTyping(Session *session);
    void joinOverdueAdmissions();

    void broadcast(const OutgoingMessage &message, const Session *except = nullptr) const;
    void schedulePresenceFlush();
    void flushPresence();
    QString nextGuestName();

    ServerConfig m_config;
    std::vector<Session *> m_members;
    std::deque<Admission> m_admissions; // oldest first: all wait the same helloTimeout
    QTimer m_admissionTimer;            // children, so moveToThread() takes them along

    Protocol::PresenceDelta m_pendingPresence;
    std::vector<Session *> m_newcomers; // joined since the last flush: owed a user count
    int m_announcedCount = 0;
    QTimer m_presenceTimer;
    QElapsedTimer m_sinceFlush;

    qint64 m_lastSeq = 0;
    quint64 m_guestCounter = 0;
};
