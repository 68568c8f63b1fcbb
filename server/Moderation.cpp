#include "Moderation.h"

#include "Logging.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

QString kindName(Moderation::Kind kind)
{
    return kind == Moderation::Kind::Ban ? u"ban"_s : u"mute"_s;
}

/// A text column's value: never NULL (a null QString binds as NULL).
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(u""_s)) : QVariant(value);
}

bool inForce(const Moderation::Sanction &sanction, qint64 now)
{
    return sanction.until == 0 || sanction.until > now;
}

/// Runs a prepared statement with these values; logs why it failed.
bool run(QSqlQuery &query, const QVariantList &values, const char *what)
{
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec())
        return true;
    qCWarning(lcStore) << "moderation: cannot" << what << query.lastError().text();
    return false;
}

} // namespace

Moderation::Moderation(QString connectionName)
    : m_connectionName(std::move(connectionName))
{}

bool Moderation::load(const QString &connectionName)
{
    m_connectionName = connectionName;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const auto read = [&](const QString &sql) {
        if (query.exec(sql))
            return true;
        qCWarning(lcStore) << "moderation: cannot read" << sql << query.lastError().text();
        return false;
    };
    if (!read(u"SELECT member_id FROM moderators"_s))
        return false;
    while (query.next())
        m_moderators.insert(query.value(0).toString());
    if (!read(u"SELECT kind, member_id, address, until_ts, reason, by_id, by_name FROM sanctions"_s))
        return false;
    while (query.next()) {
        m_sanctions.append({query.value(0).toString() == u"mute" ? Kind::Mute : Kind::Ban,
                            query.value(1).toString(), query.value(2).toString(), query.value(3).toLongLong(),
                            query.value(4).toString(),
                            Member{query.value(5).toString(), query.value(6).toString()}});
    }
    if (!read(u"SELECT member_id, name FROM known_members"_s))
        return false;
    while (query.next())
        m_known.insert(query.value(0).toString(), query.value(1).toString());
    if (!read(u"SELECT value FROM meta WHERE key = 'room_state'"_s))
        return false;
    if (query.next()) {
        const QStringList parts = query.value(0).toString().split(u' ');
        m_state.locked = parts.value(0) == u"1";
        m_state.slowModeSeconds = parts.value(1).toInt();
    }
    return !query.lastError().isValid();
}

bool Moderation::addModerator(const QString &memberId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"INSERT OR IGNORE INTO moderators (member_id, since_ts) VALUES (?, ?)"_s);
    if (!run(query, {memberId, QDateTime::currentMSecsSinceEpoch()}, "keep a moderator"))
        return false;
    m_moderators.insert(memberId);
    return true;
}

std::optional<Moderation::Sanction> Moderation::banOn(const QString &memberId, const QString &address,
                                                      qint64 now) const
{
    for (const Sanction &sanction : m_sanctions) {
        if (sanction.kind == Kind::Ban && inForce(sanction, now) &&
            (sanction.memberId == memberId || (!address.isEmpty() && sanction.address == address)))
            return sanction;
    }
    return std::nullopt;
}

std::optional<Moderation::Sanction> Moderation::muteOn(const QString &memberId, qint64 now) const
{
    for (const Sanction &sanction : m_sanctions) {
        if (sanction.kind == Kind::Mute && sanction.memberId == memberId && inForce(sanction, now))
            return sanction;
    }
    return std::nullopt;
}

bool Moderation::impose(const Sanction &sanction)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(
        u"INSERT OR REPLACE INTO sanctions (kind, member_id, address, until_ts, reason, by_id, by_name) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    if (!run(query,
             {kindName(sanction.kind), sanction.memberId, text(sanction.address), sanction.until,
              text(sanction.reason), sanction.by.id, text(sanction.by.name)},
             "keep a sanction"))
        return false;
    m_sanctions.removeIf(
        [&](const Sanction &s) { return s.kind == sanction.kind && s.memberId == sanction.memberId; });
    m_sanctions.append(sanction);
    return true;
}

bool Moderation::lift(Kind kind, const QString &memberId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"DELETE FROM sanctions WHERE kind = ? AND member_id = ?"_s);
    if (!run(query, {kindName(kind), memberId}, "lift a sanction"))
        return false;
    m_sanctions.removeIf([&](const Sanction &s) { return s.kind == kind && s.memberId == memberId; });
    return true;
}

bool Moderation::setState(const RoomState &state)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"INSERT OR REPLACE INTO meta (key, value) VALUES ('room_state', ?)"_s);
    if (!run(query, {u"%1 %2"_s.arg(state.locked ? 1 : 0).arg(state.slowModeSeconds)},
             "keep the room's state"))
        return false;
    m_state = state;
    if (state.slowModeSeconds == 0)
        m_lastPost.clear();
    return true;
}

int Moderation::slowModeWait(const QString &memberId, qint64 now)
{
    if (m_state.slowModeSeconds <= 0 || isModerator(memberId))
        return 0;
    const qint64 interval = qint64(m_state.slowModeSeconds) * 1000;
    const auto last = m_lastPost.constFind(memberId);
    if (last != m_lastPost.cend() && now - *last < interval)
        return int((interval - (now - *last) + 999) / 1000);
    m_lastPost.insert(memberId, now);
    return 0;
}

void Moderation::noteKnown(const QString &memberId, const QString &name)
{
    const auto known = m_known.constFind(memberId);
    if (known == m_known.cend() || *known != name) {
        m_known.insert(memberId, name);
        m_unsavedKnown.insert(memberId);
    }
}

bool Moderation::saveKnown()
{
    if (m_unsavedKnown.isEmpty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO known_members (member_id, name) VALUES (?, ?) "
                  "ON CONFLICT DO UPDATE SET name = excluded.name"_s);
    bool stored = db.transaction();
    for (const QString &memberId : std::as_const(m_unsavedKnown)) {
        if (stored)
            stored = run(query, {memberId, text(m_known.value(memberId))}, "keep a member");
    }
    if (!stored || !db.commit()) {
        db.rollback();
        return false; // kept in memory and tried again with the next ones
    }
    m_unsavedKnown.clear();
    return true;
}

bool Moderation::record(AuditEntry entry)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(
        u"INSERT INTO audit (ts, moderator_id, moderator_name, action, target_id, target_name, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    return run(query,
               {QDateTime::currentMSecsSinceEpoch(), entry.moderator.id, text(entry.moderator.name),
                entry.action, text(entry.target.id), text(entry.target.name), text(entry.detail)},
               "keep an audit entry");
}

std::optional<AuditLog> Moderation::auditLog(qint64 before, int limit) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT id, ts, moderator_id, moderator_name, action, target_id, target_name, detail FROM audit "
        "WHERE id < ? ORDER BY id DESC LIMIT ?"_s);
    if (!run(query, {before > 0 ? before : std::numeric_limits<qint64>::max(), limit + 1},
             "read the audit log"))
        return std::nullopt;
    AuditLog log;
    while (query.next()) {
        log.entries.append(
            {query.value(0).toLongLong(), query.value(1).toLongLong(),
             Member{query.value(2).toString(), query.value(3).toString()}, query.value(4).toString(),
             Member{query.value(5).toString(), query.value(6).toString()}, query.value(7).toString()});
    }
    if (query.lastError().isValid())
        return std::nullopt;
    log.hasMore = log.entries.size() > limit;
    if (log.hasMore)
        log.entries.resize(limit);
    return log;
}
