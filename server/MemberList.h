#pragma once

#include "Messages.h"

#include <QByteArray>
#include <QList>

/// The room's member list as every welcome carries it, kept current instead of rebuilt per
/// joiner: the list itself (implicitly shared, so a welcome takes it without copying) and its
/// JSON array. Building either anew for each joiner made a join storm quadratic; here a join
/// appends one member, and only a leave or rename (rare next to joins in a storm) rebuilds it.
class MemberList
{
public:
    /// Adds a member that joined (no-op while a rebuild is pending).
    void append(const Protocol::Member &member);
    /// Forgets the list: it must be assigned again before it is used.
    void invalidate();
    bool isValid() const { return m_valid; }
    void assign(const QList<Protocol::Member> &members);

    const QList<Protocol::Member> &members() const { return m_members; }
    /// members() as the JSON array of protocol v1.
    const QByteArray &json() const { return m_json; }

private:
    QList<Protocol::Member> m_members;
    QByteArray m_json = "[]";
    bool m_valid = true;
};
