#include "MemberListModel.h"

#include "Validation.h"

#include <algorithm>

using namespace Protocol;

namespace {
bool before(const Member &a, const Member &b)
{
    const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.id < b.id;
}
} // namespace

MemberListModel::MemberListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int MemberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Member &member = m_rows.at(index.row());
    switch (role) {
    case MemberIdRole:
        return member.id;
    case Qt::DisplayRole:
    case NameRole:
        return member.name;
    case IsSelfRole:
        return member.id == m_selfId;
    case TagRole:
        return m_tags.value(member.id);
    default:
        return {};
    }
}

QHash<int, QByteArray> MemberListModel::roleNames() const
{
    return {{MemberIdRole, "memberId"}, {NameRole, "name"}, {IsSelfRole, "isSelf"}, {TagRole, "tag"}};
}

void MemberListModel::reset(const QList<Member> &members, const QString &selfId)
{
    beginResetModel();
    m_selfId = selfId;
    m_names.clear();
    m_rows.clear();
    for (const Member &member : members) {
        if (!m_names.contains(member.id)) {
            m_names.insert(member.id, member.name);
            m_rows.append(member);
        }
    }
    std::sort(m_rows.begin(), m_rows.end(), before);
    endResetModel();
    updateTags();
}

void MemberListModel::clear()
{
    reset({}, {});
}

void MemberListModel::apply(const PresenceDelta &delta)
{
    for (const QString &id : delta.left)
        removeId(id);
    for (const Member &member : delta.joined) {
        removeId(member.id); // joined is insert-or-update
        insert(member);
    }
    for (const Member &member : delta.renamed) {
        if (contains(member.id)) {
            removeId(member.id);
            insert(member);
        }
    }
    updateTags();
}

QString MemberListModel::nameOf(const QString &id) const
{
    return m_names.value(id);
}

qsizetype MemberListModel::lowerBound(const Member &member) const
{
    return std::lower_bound(m_rows.cbegin(), m_rows.cend(), member, before) - m_rows.cbegin();
}

qsizetype MemberListModel::rowOf(const QString &id) const
{
    const auto name = m_names.constFind(id);
    if (name == m_names.cend())
        return -1;
    const qsizetype at = lowerBound(Member{id, *name});
    return at < m_rows.size() && m_rows.at(at).id == id ? at : -1;
}

void MemberListModel::insert(const Member &member)
{
    const int at = int(lowerBound(member));
    beginInsertRows({}, at, at);
    m_rows.insert(at, member);
    m_names.insert(member.id, member.name);
    endInsertRows();
}

void MemberListModel::removeId(const QString &id)
{
    const int at = int(rowOf(id));
    if (at < 0)
        return;
    beginRemoveRows({}, at, at);
    m_rows.removeAt(at);
    m_names.remove(id);
    endRemoveRows();
}

QString MemberListModel::tagOf(const QString &id) const
{
    return m_tags.value(id);
}

void MemberListModel::updateTags()
{
    // Rebuilt on each change: a room's member list changes a few times a second at most
    // (presence is coalesced), and this is one pass over it.
    QHash<QString, QStringList> bySkeleton;
    for (const Member &member : std::as_const(m_rows))
        bySkeleton[Protocol::nameSkeleton(member.name)].append(member.id);
    QHash<QString, QString> tags;
    for (const QStringList &ids : std::as_const(bySkeleton)) {
        if (ids.size() > 1) {
            for (const QString &id : ids)
                tags.insert(id, Protocol::memberTag(id));
        }
    }
    if (tags == m_tags)
        return;
    m_tags = tags;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {TagRole});
    Q_EMIT tagsChanged();
}
