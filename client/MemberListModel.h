#pragma once

#include "Messages.h"

#include <QAbstractListModel>
#include <QHash>
#include <QtQml/qqmlregistration.h>

/// Who is online, sorted by name (case-insensitively), kept current from the welcome's full
/// list and the presence deltas that follow. Lookups by id are O(1) and updates O(log n) plus
/// the row move, so a room of thousands stays cheap.
class MemberListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatClient")

public:
    enum Role {
        MemberIdRole = Qt::UserRole + 1, ///< the server-assigned member id
        NameRole,                        ///< display name
        IsSelfRole,                      ///< true for this client's own member
        TagRole, ///< "#k3j9" when another member's name looks alike (Protocol::nameSkeleton), else empty
        LastRole // Keep this last
    };
    Q_ENUM(Role)

    explicit MemberListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void reset(const QList<Protocol::Member> &members, const QString &selfId);
    /// Applies a presence delta in the documented order: left, then joined, then renamed.
    void apply(const Protocol::PresenceDelta &delta);
    void clear();

    /// The name of a member, or an empty string if not online.
    QString nameOf(const QString &id) const;
    /// The tag that tells this member apart from others whose names look alike, or empty.
    QString tagOf(const QString &id) const;
    /// Members whose names look like someone else's: id → tag (for the message list too).
    const QHash<QString, QString> &tags() const { return m_tags; }
    bool contains(const QString &id) const { return m_names.contains(id); }

Q_SIGNALS:
    void tagsChanged();

private:
    void insert(const Protocol::Member &member);
    void updateTags();
    void removeId(const QString &id);
    qsizetype lowerBound(const Protocol::Member &member) const;
    qsizetype rowOf(const QString &id) const;

    QList<Protocol::Member> m_rows;  // sorted by (folded name, id)
    QHash<QString, QString> m_names; // id → name
    QHash<QString, QString> m_tags;  // id → tag, for names that look alike
    QString m_selfId;
};
