#pragma once

#include "Messages.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

/// What the room's moderators decided, kept in the history database (schema 7) and mirrored in
/// memory so that every join and every post is checked without a read: who is a moderator,
/// bans (a member id and the address it used) and mutes with when they end, the room's lock and
/// slow mode, the members the room has seen (a locked room takes only those), and the audit log.
///
/// Uses the MessageStore's connection, so it lives and is used on the room's thread only.
class Moderation
{
public:
    /// connectionName: the open MessageStore's (MessageStore::connectionName()).
    explicit Moderation(QString connectionName = {});

    /// Reads everything kept; false if the database could not be read (logged).
    bool load(const QString &connectionName);

    bool isModerator(const QString &memberId) const { return m_moderators.contains(memberId); }
    /// Makes a member a moderator for good (kept in the database).
    bool addModerator(const QString &memberId);
    /// Moderators for as long as this room runs (the host of a desktop room), not kept.
    void addConfiguredModerator(const QString &memberId) { m_moderators.insert(memberId); }

    enum class Kind { Ban, Mute };
    struct Sanction
    {
        Kind kind = Kind::Ban;
        QString memberId;
        QString address;  ///< a ban's: the address the member used (empty: the id only)
        qint64 until = 0; ///< ms since the epoch; 0: until lifted
        QString reason;
        Protocol::Member by;
    };
    /// The ban in force now on this member or on this address, if any.
    std::optional<Sanction> banOn(const QString &memberId, const QString &address, qint64 now) const;
    /// The mute in force now on this member, if any.
    std::optional<Sanction> muteOn(const QString &memberId, qint64 now) const;
    /// Imposes a ban or a mute (replacing one of that kind on that member); kept.
    bool impose(const Sanction &sanction);
    /// Lifts a member's ban or mute; false if the database refused (nothing in force is fine).
    bool lift(Kind kind, const QString &memberId);

    Protocol::RoomState state() const { return m_state; }
    bool setState(const Protocol::RoomState &state);
    /// Under slow mode: the seconds this member must still wait before posting (0: it may post
    /// now, and this post starts its next wait). Moderators never wait.
    int slowModeWait(const QString &memberId, qint64 now);

    bool isKnown(const QString &memberId) const { return m_known.contains(memberId); }
    /// The name a known member last joined with (empty if it never joined since schema 7).
    QString nameOf(const QString &memberId) const { return m_known.value(memberId); }
    /// A member joined under this name: known from now on (kept with saveKnown()).
    void noteKnown(const QString &memberId, const QString &name);
    /// Stores the members noted since the last call, in one transaction.
    bool saveKnown();

    /// Keeps one moderator action (its id and time are given here).
    bool record(Protocol::AuditEntry entry);
    /// Up to limit entries with an id below before (0: the newest), newest first.
    std::optional<Protocol::AuditLog> auditLog(qint64 before, int limit) const;

private:
    QString m_connectionName;
    QSet<QString> m_moderators;
    QList<Sanction> m_sanctions; // in force or expired; few, and checked at joins and posts
    Protocol::RoomState m_state;
    QHash<QString, qint64> m_lastPost; // slow mode: when each member last posted
    QHash<QString, QString> m_known;   // member id -> the name it last joined with
    QSet<QString> m_unsavedKnown;
};
