#include "AuditLogModel.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

AuditLogModel::AuditLogModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Protocol::AuditEntry &entry = m_entries.at(index.row());
    switch (role) {
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(entry.ts);
    case ModeratorNameRole:
        return entry.moderator.name;
    case Qt::DisplayRole:
    case DescriptionRole:
        return describe(entry);
    case ActionRole:
        return entry.action;
    case TargetIdRole:
        return entry.target.id;
    default:
        return {};
    }
}

QHash<int, QByteArray> AuditLogModel::roleNames() const
{
    return {{TimestampRole, "timestamp"},
            {ModeratorNameRole, "moderatorName"},
            {DescriptionRole, "description"},
            {ActionRole, "entryAction"},
            {TargetIdRole, "targetId"}};
}

void AuditLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

void AuditLogModel::add(const Protocol::AuditLog &log, bool newest)
{
    if (newest) {
        beginResetModel();
        m_entries = log.entries;
        endResetModel();
    } else if (!log.entries.isEmpty()) {
        beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + log.entries.size() - 1));
        m_entries.append(log.entries);
        endInsertRows();
    }
    if (m_hasMore != log.hasMore) {
        m_hasMore = log.hasMore;
        Q_EMIT hasMoreChanged();
    }
}

QString AuditLogModel::describe(const Protocol::AuditEntry &entry)
{
    // The detail is the server's: a duration ("60 min", "30 s") and the reason after " · ".
    const QString target = entry.target.name;
    const QString detail = entry.detail.isEmpty() ? QString() : u" (%1)"_s.arg(entry.detail);
    if (entry.action == u"kick")
        return tr("removed %1 from the room").arg(target) + detail;
    if (entry.action == u"ban")
        return tr("banned %1").arg(target) + detail;
    if (entry.action == u"unban")
        return tr("lifted the ban on %1").arg(target) + detail;
    if (entry.action == u"mute")
        return tr("muted %1").arg(target) + detail;
    if (entry.action == u"unmute")
        return tr("unmuted %1").arg(target) + detail;
    if (entry.action == u"slow_mode")
        return tr("set slow mode") + detail;
    if (entry.action == u"lock")
        return tr("locked the room against new members") + detail;
    if (entry.action == u"unlock")
        return tr("unlocked the room") + detail;
    if (entry.action == u"delete")
        return tr("deleted a message by %1").arg(target) + detail;
    if (entry.action == u"moderator")
        return tr("became a moderator");
    return entry.action + u' ' + target + detail;
}
