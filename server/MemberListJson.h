#pragma once

#include "Messages.h"

#include <QByteArray>

/// The room's member list as the JSON array every welcome carries, kept encoded. Encoding the
/// whole list anew for each joiner made a join storm quadratic in JSON work; here a join appends
/// one member, and only a leave or rename (rare next to joins in a storm) rebuilds it.
class MemberListJson
{
public:
    /// Adds a member that joined (no-op while a rebuild is pending).
    void append(const Protocol::Member &member);
    /// Forgets the encoding: the next bytes() rebuilds it.
    void invalidate() { m_json.clear(); }
    /// The encoded array of members, rebuilt from members if needed.
    const QByteArray &bytes(const QList<Protocol::Member> &members);

private:
    QByteArray m_json;
};
