#include "ConversationListModel.h"

#include "Validation.h"

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

ConversationListModel::ConversationListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return titleOf(row);
    case IdRole:
        return row.id;
    case IsDirectRole:
        return row.kind == Conversation::Kind::Direct;
    case TopicRole:
        return row.topic;
    case MemberCountRole:
        return row.memberCount;
    case JoinedRole:
        return row.joined;
    case UnreadRole:
        return row.joined ? row.unread : 0;
    case MentionsRole:
        return row.joined ? row.mentions : 0;
    case SectionRole:
        return int(sectionOf(row)); // a number: ListView sections compare role values as text
    case OtherMemberIdRole:
        return row.with.id;
    case CurrentRole:
        return row.id == m_current;
    }
    return {};
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {{IdRole, "conversationId"},
            {IsDirectRole, "isDirect"},
            {TitleRole, "title"},
            {TopicRole, "topic"},
            {MemberCountRole, "memberCount"},
            {JoinedRole, "joined"},
            {UnreadRole, "unread"},
            {MentionsRole, "mentions"},
            {SectionRole, "section"},
            {OtherMemberIdRole, "otherMemberId"},
            {CurrentRole, "current"}};
}

ConversationListModel::Section ConversationListModel::sectionOf(const Conversation &conversation)
{
    if (conversation.kind == Conversation::Kind::Direct)
        return Section::Direct;
    return conversation.joined ? Section::Channels : Section::MoreChannels;
}

QString ConversationListModel::titleOf(const Conversation &conversation)
{
    return conversation.kind == Conversation::Kind::Direct ? conversation.with.name
                                                           : u"#"_s + conversation.name;
}

qsizetype ConversationListModel::insertionRow(const Conversation &conversation) const
{
    // #general first; then by section, then by title as people read them.
    const auto before = [](const Conversation &a, const Conversation &b) {
        const bool aGeneral = a.id == GeneralConversation, bGeneral = b.id == GeneralConversation;
        if (aGeneral != bGeneral)
            return aGeneral;
        if (sectionOf(a) != sectionOf(b))
            return sectionOf(a) < sectionOf(b);
        const int byTitle = QString::localeAwareCompare(titleOf(a).toCaseFolded(), titleOf(b).toCaseFolded());
        return byTitle != 0 ? byTitle < 0 : a.id < b.id;
    };
    return std::lower_bound(m_rows.cbegin(), m_rows.cend(), conversation, before) - m_rows.cbegin();
}

qsizetype ConversationListModel::rowOf(const QString &id) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

void ConversationListModel::reset(const QList<Conversation> &conversations)
{
    beginResetModel();
    m_rows.clear();
    for (const Conversation &conversation : conversations) {
        if (rowOf(conversation.id) < 0)
            m_rows.insert(insertionRow(conversation), conversation);
    }
    endResetModel();
    changed(-1);
}

void ConversationListModel::place(const Conversation &conversation)
{
    const qsizetype old = rowOf(conversation.id);
    if (old >= 0) {
        beginRemoveRows({}, int(old), int(old));
        m_rows.removeAt(old);
        endRemoveRows();
    }
    const qsizetype at = insertionRow(conversation);
    beginInsertRows({}, int(at), int(at));
    m_rows.insert(at, conversation);
    endInsertRows();
    changed(-1);
}

void ConversationListModel::upsert(const Conversation &conversation)
{
    const qsizetype row = rowOf(conversation.id);
    if (row >= 0 && sectionOf(m_rows.at(row)) == sectionOf(conversation) &&
        titleOf(m_rows.at(row)) == titleOf(conversation)) {
        m_rows[row] = conversation; // same place: no move, so views keep their rows
        changed(row);
        return;
    }
    place(conversation);
}

void ConversationListModel::updateChannel(const ChannelUpdate &channel)
{
    const qsizetype row = rowOf(channel.id);
    Conversation updated = row >= 0 ? m_rows.at(row) : Conversation{channel.id, Conversation::Kind::Channel};
    if (row < 0)
        updated.joined = false;
    updated.name = channel.name;
    updated.topic = channel.topic;
    updated.memberCount = channel.memberCount;
    upsert(updated);
}

void ConversationListModel::markLeft(const QString &id)
{
    const qsizetype row = rowOf(id);
    if (row < 0)
        return;
    Conversation left = m_rows.at(row);
    if (left.kind == Conversation::Kind::Direct) {
        beginRemoveRows({}, int(row), int(row));
        m_rows.removeAt(row);
        endRemoveRows();
        changed(-1);
        return;
    }
    left.joined = false;
    left.memberCount = std::max(0, left.memberCount - 1);
    upsert(left);
}

void ConversationListModel::addUnread(const QString &id, qint64 seq, bool mentionsMe)
{
    const qsizetype row = rowOf(id);
    if (row < 0 || seq <= m_rows.at(row).readSeq)
        return;
    Conversation &conversation = m_rows[row];
    conversation.lastSeq = std::max(conversation.lastSeq, seq);
    ++conversation.unread;
    if (mentionsMe)
        ++conversation.mentions;
    changed(row);
}

bool ConversationListModel::markRead(const QString &id, qint64 seq)
{
    const qsizetype row = rowOf(id);
    if (row < 0)
        return false;
    Conversation &conversation = m_rows[row];
    if (seq <= conversation.readSeq && conversation.unread == 0)
        return false;
    conversation.readSeq = std::max(conversation.readSeq, seq);
    conversation.lastSeq = std::max(conversation.lastSeq, seq);
    conversation.unread = 0;
    conversation.mentions = 0;
    changed(row);
    return true;
}

void ConversationListModel::renameMember(const QString &memberId, const QString &name)
{
    for (const Conversation &conversation : std::as_const(m_rows)) {
        if (conversation.kind == Conversation::Kind::Direct && conversation.with.id == memberId &&
            conversation.with.name != name) {
            Conversation renamed = conversation;
            renamed.with.name = name;
            upsert(renamed);
            return;
        }
    }
}

void ConversationListModel::setCurrent(const QString &id)
{
    if (m_current == id)
        return;
    const qsizetype before = rowOf(m_current);
    m_current = id;
    if (before >= 0)
        Q_EMIT dataChanged(index(int(before)), index(int(before)), {CurrentRole});
    if (const qsizetype now = rowOf(id); now >= 0)
        Q_EMIT dataChanged(index(int(now)), index(int(now)), {CurrentRole});
}

void ConversationListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    changed(-1);
}

void ConversationListModel::changed(qsizetype row)
{
    if (row >= 0)
        Q_EMIT dataChanged(index(int(row)), index(int(row)));
    int total = 0;
    for (const Conversation &conversation : std::as_const(m_rows))
        total += conversation.joined ? conversation.unread : 0;
    if (total != m_totalUnread) {
        m_totalUnread = total;
        Q_EMIT totalUnreadChanged();
    }
}

std::optional<Conversation> ConversationListModel::find(const QString &id) const
{
    const qsizetype row = rowOf(id);
    return row >= 0 ? std::optional(m_rows.at(row)) : std::nullopt;
}

QString ConversationListModel::titleOf(const QString &id) const
{
    const qsizetype row = rowOf(id);
    return row >= 0 ? titleOf(m_rows.at(row)) : QString();
}

bool ConversationListModel::isJoined(const QString &id) const
{
    const qsizetype row = rowOf(id);
    return row >= 0 && m_rows.at(row).joined;
}

int ConversationListModel::totalUnread() const
{
    return m_totalUnread;
}

QString ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

QString ConversationListModel::neighbour(const QString &id, int step) const
{
    QStringList joined;
    for (const Conversation &conversation : m_rows) {
        if (conversation.joined)
            joined.append(conversation.id);
    }
    if (joined.isEmpty())
        return {};
    const qsizetype at = std::max<qsizetype>(0, joined.indexOf(id));
    const qsizetype count = joined.size();
    return joined.at(((at + step) % count + count) % count);
}

QStringList ConversationListModel::search(const QString &text) const
{
    const QString wanted =
        nameSkeleton(text.trimmed().startsWith(u'#') ? text.trimmed().mid(1) : text.trimmed());
    QStringList starts, contains, toJoin;
    for (const Conversation &conversation : m_rows) {
        const QString title = nameSkeleton(
            conversation.kind == Conversation::Kind::Direct ? conversation.with.name : conversation.name);
        if (!title.contains(wanted))
            continue;
        if (!conversation.joined)
            toJoin.append(conversation.id); // last: going there joins it
        else if (title.startsWith(wanted))
            starts.append(conversation.id);
        else
            contains.append(conversation.id);
    }
    return starts + contains + toJoin;
}
