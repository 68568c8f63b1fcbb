#pragma once

#include "Messages.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

/// The room's audit log as a moderator reads it: who did what to whom, newest first, each action
/// in the reader's words.
class AuditLogModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatClient")

    /// Older entries can be fetched (ChatClient::loadAuditLog(true)).
    Q_PROPERTY(bool hasMore READ hasMore NOTIFY hasMoreChanged)

public:
    enum Role {
        TimestampRole = Qt::UserRole + 1,
        ModeratorNameRole,
        DescriptionRole, ///< "banned Bob (1440 min · spam)", translated
        ActionRole,      ///< the action's wire name ("ban")
        TargetIdRole,    ///< the member acted on, if any
    };
    Q_ENUM(Role)

    explicit AuditLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool hasMore() const { return m_hasMore; }
    /// The id below which the next page starts (0: from the newest).
    qint64 oldestId() const { return m_entries.isEmpty() ? 0 : m_entries.constLast().id; }

    void clear();
    /// A page; replaces the entries if it is the newest page.
    void add(const Protocol::AuditLog &log, bool newest);

    /// What an entry says happened, in the reader's words.
    static QString describe(const Protocol::AuditEntry &entry);

Q_SIGNALS:
    void hasMoreChanged();

private:
    QList<Protocol::AuditEntry> m_entries;
    bool m_hasMore = false;
};
