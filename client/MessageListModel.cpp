#include "MessageListModel.h"

#include "Transfer.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {
// Consecutive chats by one sender within this time are shown as one group.
constexpr qint64 GroupWindowMs = 5 * 60 * 1000;
} // namespace

MessageListModel::MessageListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_midnight.setSingleShot(true);
    m_midnight.setTimerType(Qt::PreciseTimer); // a coarse timer may be late by 5 %: an hour
    connect(&m_midnight, &QTimer::timeout, this, &MessageListModel::followMidnight);
    followMidnight();
    // Notices are few and come first or last: finding a chat takes a step or two.
    const auto updateHasChats = [this] {
        const bool hasChats =
            std::ranges::any_of(m_rows, [](const Row &row) { return row.kind == Kind::Chat; });
        if (hasChats != m_hasChats) {
            m_hasChats = hasChats;
            Q_EMIT hasChatsChanged();
        }
    };
    connect(this, &QAbstractItemModel::rowsInserted, this, updateHasChats);
    connect(this, &QAbstractItemModel::rowsRemoved, this, updateHasChats);
    connect(this, &QAbstractItemModel::modelReset, this, updateHasChats);
}

void MessageListModel::followMidnight()
{
    const QDateTime now = QDateTime::currentDateTime().toTimeZone(m_timeZone);
    setToday(now.date());
    const QDateTime midnight(now.date().addDays(1), QTime(0, 0), m_timeZone);
    m_midnight.start(std::chrono::milliseconds(std::max<qint64>(1000, now.msecsTo(midnight) + 1000)));
}

void MessageListModel::setTimeZone(const QTimeZone &zone)
{
    m_timeZone = zone;
    followMidnight();
    if (!m_rows.isEmpty()) // which rows start a day, and start a group, moved with the zone
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {DaySeparatorRole, FirstInGroupRole});
}

void MessageListModel::setToday(QDate today)
{
    if (today == m_today)
        return;
    m_today = today;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {DaySeparatorRole});
}

QString MessageListModel::dayLabel(QDate day, QDate today)
{
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    const QLocale locale;
    if (day < today && day > today.addDays(-7))
        return locale.dayName(day.dayOfWeek());
    return locale.toString(day, QLocale::LongFormat);
}

bool MessageListModel::isFirstOfDay(qsizetype at) const
{
    return at == 0 || dayOf(m_rows.at(at - 1)) != dayOf(m_rows.at(at));
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case KindRole:
        return QVariant::fromValue(row.kind);
    case SeqRole:
        return row.seq;
    case SenderIdRole:
        return row.sender.id;
    case SenderNameRole:
        return row.sender.name;
    case Qt::DisplayRole:
    case TextRole:
        return row.text;
    case HtmlRole: // made for visible rows only: not worth its memory per row
        return toSafeHtml(row.text, row.mentionsMe ? m_self.name : QString(), m_linkColor);
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(row.ts);
    case IsOwnRole:
        return row.own;
    case StatusRole:
        return QVariant::fromValue(row.status);
    case ErrorRole:
        return row.extras().error;
    case SenderTagRole:
        return m_senderTags.value(row.sender.id);
    case FirstInGroupRole:
        return isFirstInGroup(index.row());
    case MentionsMeRole:
        return row.mentionsMe;
    case FirstUnreadRole:
        return isFirstUnread(index.row());
    case HasFileRole:
        return bool(row.extras().file);
    case EditedRole:
        return row.edited;
    case DeletedRole:
        return QVariant::fromValue(Deletion(row.deleted));
    case CanEditRole:
        return row.own && isStoredChat(row) && row.seq > 0 &&
               row.deleted == Protocol::ChatMessage::Deletion::None;
    case CanDeleteRole:
        return row.kind == Kind::Chat && row.status == Status::Sent && row.seq > 0 &&
               row.deleted == Protocol::ChatMessage::Deletion::None && (row.own || m_moderator);
    case DaySeparatorRole:
        return isFirstOfDay(index.row()) ? dayLabel(dayOf(row), m_today) : QString();
    case ReplySeqRole:
        return row.extras().reply ? row.extras().reply->seq : 0;
    case ReplySenderRole:
        return row.extras().reply ? row.extras().reply->from.name : QString();
    case ReplyTextRole:
        if (!row.extras().reply || row.extras().reply->deleted)
            return QString();
        return row.extras().reply->text.isEmpty() && row.extras().reply->hasFile ? tr("📎 A file")
                                                                                 : row.extras().reply->text;
    case ReplyDeletedRole:
        return row.extras().reply && row.extras().reply->deleted;
    default:
        break;
    }
    if (!row.extras().file)
        return {};
    const Protocol::FileInfo &file = row.extras().file->info;
    switch (role) {
    case FileIdRole:
        return file.id;
    case FileNameRole:
        return file.name;
    case FileSizeRole:
        return file.size;
    case FileTypeRole:
        return file.type;
    case IsImageRole: // ours shows from the local file until the room has its size
        return file.isImage() || (row.own && !row.extras().file->thumbnail.isEmpty());
    case ImageWidthRole:
        return file.width;
    case ImageHeightRole:
        return file.height;
    case ThumbnailRole:
        return row.extras().file->thumbnail;
    case TransferRole:
        return QVariant::fromValue(row.extras().file->transfer.data());
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {
        {KindRole, "kind"},
        {SeqRole, "seq"},
        {SenderIdRole, "senderId"},
        {SenderNameRole, "senderName"},
        {TextRole, "text"},
        {HtmlRole, "html"},
        {TimestampRole, "timestamp"},
        {IsOwnRole, "isOwn"},
        {StatusRole, "status"},
        {ErrorRole, "error"},
        {FirstInGroupRole, "firstInGroup"},
        {SenderTagRole, "senderTag"},
        {MentionsMeRole, "mentionsMe"},
        {FirstUnreadRole, "firstUnread"},
        {HasFileRole, "hasFile"},
        {FileIdRole, "fileId"},
        {FileNameRole, "fileName"},
        {FileSizeRole, "fileSize"},
        {FileTypeRole, "fileType"},
        {IsImageRole, "isImage"},
        {ImageWidthRole, "imageWidth"},
        {ImageHeightRole, "imageHeight"},
        {ThumbnailRole, "thumbnail"},
        {TransferRole, "transfer"},
        {EditedRole, "edited"},
        {DeletedRole, "deleted"},
        {CanEditRole, "canEdit"},
        {CanDeleteRole, "canDelete"},
        {DaySeparatorRole, "daySeparator"},
        {ReplySeqRole, "replySeq"},
        {ReplySenderRole, "replySender"},
        {ReplyTextRole, "replyText"},
        {ReplyDeletedRole, "replyDeleted"},
    };
}

qsizetype MessageListModel::lowerBound(qint64 seq) const
{
    // The first sorted row with this seq or a later one. A stored chat sorts before the notices
    // and refused chats that carry its seq (they happened after it was shown).
    const auto begin = m_rows.cbegin();
    return std::lower_bound(begin, begin + sortedEnd(), seq,
                            [](const Row &row, qint64 value) { return row.seq < value; }) -
           begin;
}

bool MessageListModel::isFirstInGroup(qsizetype at) const
{
    const Row &row = m_rows.at(at);
    if (at == 0 || row.kind != Kind::Chat)
        return true;
    const Row &previous = m_rows.at(at - 1);
    return previous.kind != Kind::Chat || previous.sender.id != row.sender.id ||
           row.ts - previous.ts > GroupWindowMs || isFirstOfDay(at);
}

void MessageListModel::groupingMayHaveChanged(qsizetype at)
{
    if (at >= 0 && at < m_rows.size()) {
        const QModelIndex changed = index(int(at));
        Q_EMIT dataChanged(changed, changed, {FirstInGroupRole, DaySeparatorRole});
    }
}

void MessageListModel::insertRow(qsizetype at, Row row)
{
    beginInsertRows({}, int(at), int(at));
    m_rows.insert(at, std::move(row));
    endInsertRows();
    groupingMayHaveChanged(at + 1);
    if (m_unreadAfter >= 0) {
        // An older unread chat arriving above the marked one takes the line from it.
        for (qsizetype next = at + 1; next < m_rows.size(); ++next) {
            if (m_rows.at(next).kind == Kind::Chat && !m_rows.at(next).own) {
                Q_EMIT dataChanged(index(int(next)), index(int(next)), {FirstUnreadRole});
                break;
            }
        }
    }
}

bool MessageListModel::insertChat(const Protocol::ChatMessage &chat, bool own)
{
    const qsizetype at = lowerBound(chat.seq);
    if (at < sortedEnd() && m_rows.at(at).seq == chat.seq && isStoredChat(m_rows.at(at))) {
        applyChange(chat); // a page may bring it as it is now
        return false;
    }
    Row row;
    row.seq = chat.seq;
    row.sender = shared(chat.from);
    row.text = chat.text;
    row.ts = chat.ts;
    row.own = own;
    row.mentionsMe = !m_self.id.isEmpty() && chat.mentions.contains(m_self.id);
    if (chat.file)
        row.edit().file = std::make_shared<Attachment>(Attachment{*chat.file, {}, {}});
    row.edited = chat.editedTs > 0;
    row.deleted = chat.deleted;
    row.revision = chat.revision;
    if (chat.reply)
        row.edit().reply = std::make_shared<Protocol::ReplyQuote>(*chat.reply);
    insertRow(at, std::move(row));
    return true;
}

Protocol::Member MessageListModel::shared(const Protocol::Member &sender)
{
    // Every chat decoded from the wire has its own copy of its sender's id and name; rows share
    // one (a hundred bytes less per message in a long conversation).
    auto known = m_senders.find(sender.id);
    if (known == m_senders.end())
        known = m_senders.insert(sender.id, sender);
    else if (known->name != sender.name)
        known->name = sender.name;
    return *known;
}

std::optional<Protocol::ReplyQuote> MessageListModel::quoteOf(qint64 seq) const
{
    const int at = rowOfSeq(seq);
    if (at < 0)
        return std::nullopt;
    const Row &row = m_rows.at(at);
    const bool deleted = row.deleted != Protocol::ChatMessage::Deletion::None;
    return Protocol::ReplyQuote{seq, row.sender,
                                deleted ? QString() : Protocol::ReplyQuote::excerptOf(row.text), deleted,
                                bool(row.extras().file)};
}

bool MessageListModel::applyChange(const Protocol::ChatMessage &chat)
{
    const int at = rowOfSeq(chat.seq);
    if (at < 0)
        return false;
    Row &row = m_rows[at];
    if (chat.revision <= row.revision)
        return true; // this state or a newer one is shown
    row.text = chat.text;
    row.mentionsMe = !m_self.id.isEmpty() && chat.mentions.contains(m_self.id);
    row.edited = chat.editedTs > 0;
    row.deleted = chat.deleted;
    row.revision = chat.revision;
    if (!chat.file && row.extras().file)
        row.edit().file.reset();
    Q_EMIT dataChanged(index(at), index(at));
    // The replies to it quote it as it is now.
    const auto quote = quoteOf(chat.seq);
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).extras().reply && m_rows.at(i).extras().reply->seq == chat.seq && quote) {
            *m_rows.at(i).extras().reply = *quote;
            Q_EMIT dataChanged(index(int(i)), index(int(i)),
                               {ReplySenderRole, ReplyTextRole, ReplyDeletedRole});
        }
    }
    return true;
}

bool MessageListModel::containsChat(qint64 seq) const
{
    return rowOfSeq(seq) >= 0;
}

int MessageListModel::rowOfSeq(qint64 seq) const
{
    const qsizetype at = lowerBound(seq);
    if (seq > 0 && at < sortedEnd() && m_rows.at(at).seq == seq && isStoredChat(m_rows.at(at)))
        return int(at);
    return -1;
}

void MessageListModel::setModerator(bool moderator)
{
    if (m_moderator == moderator)
        return;
    m_moderator = moderator;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {CanDeleteRole});
}

void MessageListModel::setSelf(const Protocol::Member &self)
{
    m_self = self;
}

void MessageListModel::setUnreadAfter(qint64 seq)
{
    if (m_unreadAfter == seq)
        return;
    m_unreadAfter = seq;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {FirstUnreadRole});
}

bool MessageListModel::isFirstUnread(qsizetype at) const
{
    const auto fromOthers = [](const Row &row) { return row.kind == Kind::Chat && !row.own; };
    const Row &row = m_rows.at(at);
    if (m_unreadAfter < 0 || !fromOthers(row) || row.seq <= m_unreadAfter)
        return false;
    for (qsizetype before = at - 1; before >= 0; --before) {
        if (fromOthers(m_rows.at(before)))
            return m_rows.at(before).seq <= m_unreadAfter;
    }
    return true;
}

void MessageListModel::appendOwn(const QString &clientId, const Protocol::Member &self, const QString &text,
                                 const std::optional<Protocol::ReplyQuote> &reply)
{
    Row row;
    if (reply)
        row.edit().reply = std::make_shared<Protocol::ReplyQuote>(*reply);
    row.edit().clientId = clientId;
    row.sender = self;
    row.text = text;
    row.ts = QDateTime::currentMSecsSinceEpoch();
    row.own = true;
    row.status = Status::Sending;
    insertRow(m_rows.size(), std::move(row));
    ++m_unsentCount;
}

void MessageListModel::appendOwnFile(const QString &clientId, const Protocol::Member &self,
                                     const QString &caption, const Protocol::FileInfo &file,
                                     const QUrl &thumbnail, Transfer *transfer)
{
    appendOwn(clientId, self, caption);
    m_rows.last().edit().file = std::make_shared<Attachment>(Attachment{file, thumbnail, transfer});
    const QModelIndex changed = index(int(m_rows.size()) - 1);
    Q_EMIT dataChanged(changed, changed);
}

void MessageListModel::attachmentChanged(const std::function<bool(const Attachment &)> &matches,
                                         const std::function<void(Attachment &)> &change,
                                         const QList<int> &roles)
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).extras().file && matches(*m_rows.at(i).extras().file)) {
            change(*m_rows.at(i).extras().file);
            Q_EMIT dataChanged(index(int(i)), index(int(i)), roles);
        }
    }
}

void MessageListModel::setOwnFileId(const QString &clientId, const QString &fileId)
{
    const qsizetype at = rowOfClientId(clientId);
    if (at < 0 || !m_rows.at(at).extras().file)
        return;
    m_rows.at(at).extras().file->info.id = fileId;
    Q_EMIT dataChanged(index(int(at)), index(int(at)), {FileIdRole});
}

void MessageListModel::removeOwn(const QString &clientId)
{
    const qsizetype at = rowOfClientId(clientId);
    if (at < 0)
        return;
    beginRemoveRows({}, int(at), int(at));
    m_rows.removeAt(at);
    --m_unsentCount;
    endRemoveRows();
    groupingMayHaveChanged(at);
}

void MessageListModel::setThumbnail(const QString &fileId, const QUrl &thumbnail)
{
    attachmentChanged(
        [&](const Attachment &file) { return file.info.id == fileId && file.thumbnail != thumbnail; },
        [&](Attachment &file) { file.thumbnail = thumbnail; }, {ThumbnailRole, IsImageRole});
}

void MessageListModel::setTransfer(const QString &fileId, Transfer *transfer)
{
    attachmentChanged([&](const Attachment &file) { return file.info.id == fileId; },
                      [&](Attachment &file) { file.transfer = transfer; }, {TransferRole});
}

std::optional<Protocol::FileInfo> MessageListModel::fileAt(qint64 seq) const
{
    const qsizetype at = lowerBound(seq);
    if (at < sortedEnd() && m_rows.at(at).seq == seq && m_rows.at(at).extras().file)
        return m_rows.at(at).extras().file->info;
    return std::nullopt;
}

qsizetype MessageListModel::rowOfClientId(const QString &clientId) const
{
    for (qsizetype i = sortedEnd(); i < m_rows.size(); ++i) {
        if (m_rows.at(i).extras().clientId == clientId)
            return i;
    }
    return -1;
}

bool MessageListModel::markSent(const QString &clientId, qint64 seq, qint64 ts)
{
    const qsizetype from = rowOfClientId(clientId);
    if (from < 0)
        return false;
    const qsizetype to = lowerBound(seq);
    if (to < sortedEnd() && m_rows.at(to).seq == seq && isStoredChat(m_rows.at(to))) {
        // History already brought this chat (its ack was lost on the way): keep one.
        beginRemoveRows({}, int(from), int(from));
        m_rows.removeAt(from);
        --m_unsentCount;
        endRemoveRows();
        groupingMayHaveChanged(from);
        return true;
    }
    if (to != from) {
        beginMoveRows({}, int(from), int(from), {}, int(to));
        m_rows.move(from, to);
        endMoveRows();
    }
    --m_unsentCount;
    Row &row = m_rows[to];
    row.seq = seq;
    row.ts = ts;
    row.status = Status::Sent;
    row.edit().error.clear();
    const QModelIndex changed = index(int(to));
    Q_EMIT dataChanged(changed, changed,
                       {SeqRole, TimestampRole, StatusRole, ErrorRole, FirstInGroupRole, CanEditRole,
                        CanDeleteRole, DaySeparatorRole});
    groupingMayHaveChanged(to + 1);
    if (from > to)
        groupingMayHaveChanged(from + 1);
    return true;
}

bool MessageListModel::markFailed(const QString &clientId, const QString &reason)
{
    const qsizetype from = rowOfClientId(clientId);
    if (from < 0)
        return false;
    // It will never get a seq: it stays where it is now, after the newest chat, like a notice.
    const qsizetype to = sortedEnd();
    if (from != to) {
        beginMoveRows({}, int(from), int(from), {}, int(to));
        m_rows.move(from, to);
        endMoveRows();
    }
    --m_unsentCount;
    Row &row = m_rows[to];
    row.seq = lastSeqBefore(to);
    row.status = Status::Failed;
    row.edit().error = reason;
    const QModelIndex changed = index(int(to));
    Q_EMIT dataChanged(changed, changed, {StatusRole, ErrorRole, CanEditRole, CanDeleteRole});
    return true;
}

void MessageListModel::setSenderTags(const QHash<QString, QString> &tags)
{
    if (tags == m_senderTags)
        return;
    m_senderTags = tags;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {SenderTagRole});
}

bool MessageListModel::containsOwn(const QString &clientId) const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(),
                       [&](const Row &row) { return row.own && row.extras().clientId == clientId; });
}

void MessageListModel::appendNotice(const QString &text, qint64 afterSeq)
{
    Row row;
    row.kind = Kind::Notice;
    row.seq = std::max(lastSeq(), afterSeq); // it happened after the newest chat shown
    row.text = text;
    row.ts = QDateTime::currentMSecsSinceEpoch();
    insertRow(sortedEnd(), std::move(row));
}

void MessageListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_senders.clear();
    m_unsentCount = 0;
    m_unreadAfter = -1;
    endResetModel();
}

QList<std::pair<QString, QString>> MessageListModel::unsent() const
{
    QList<std::pair<QString, QString>> result;
    for (qsizetype i = sortedEnd(); i < m_rows.size(); ++i) {
        if (m_rows.at(i).status == Status::Sending && !m_rows.at(i).extras().file) // files go by their upload
            result.append({m_rows.at(i).extras().clientId, m_rows.at(i).text});
    }
    return result;
}

qint64 MessageListModel::lastSeq() const
{
    return lastSeqBefore(sortedEnd());
}

qint64 MessageListModel::lastSeqBefore(qsizetype at) const
{
    return at > 0 ? m_rows.at(at - 1).seq : 0;
}

qint64 MessageListModel::firstSeq() const
{
    for (qsizetype i = 0; i < sortedEnd(); ++i) {
        if (isStoredChat(m_rows.at(i)))
            return m_rows.at(i).seq;
    }
    return 0;
}

void MessageListModel::setLinkColor(const QColor &color)
{
    if (color == m_linkColor)
        return;
    m_linkColor = color;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {HtmlRole});
    Q_EMIT linkColorChanged();
}

QString MessageListModel::toSafeHtml(const QString &text, const QString &highlighted, const QColor &linkColor)
{
    // Escape everything first, so nothing a sender types can become markup; then wrap the
    // (already escaped) http(s) URLs, addresses that start with www., and links to messages
    // (parley://, parleys://) in anchors. Only these schemes ever become links. "@highlighted"
    // is made bold between links only.
    static const QRegularExpression url(
        u"\\b(?:https?://|parleys?://|www\\.)[^\\s<>\"']+[^\\s<>\"'.,;:!?)\\]]"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpression mention(
        highlighted.isEmpty() ? QString()
                              : u"(@"_s + QRegularExpression::escape(highlighted.toHtmlEscaped()) + u')',
        QRegularExpression::CaseInsensitiveOption);
    const auto plain = [&](QStringView segment) {
        QString part = segment.toString();
        if (!highlighted.isEmpty())
            part.replace(mention, u"<b>\\1</b>"_s); // the bubble itself shows a mention in colour
        return part;
    };
    const QString anchor =
        linkColor.isValid() ? u"<a style=\"color:%1\" href=\""_s.arg(linkColor.name()) : u"<a href=\""_s;
    const QString escaped = text.toHtmlEscaped();
    QString html;
    html.reserve(escaped.size() + 16);
    qsizetype last = 0;
    for (auto it = url.globalMatch(escaped); it.hasNext();) {
        const auto match = it.next();
        html += plain(QStringView(escaped).mid(last, match.capturedStart() - last));
        const QString target = match.captured().startsWith(u"www."_s, Qt::CaseInsensitive)
                                   ? u"https://"_s + match.captured()
                                   : match.captured();
        html += anchor + target + u"\">"_s + match.captured() + u"</a>"_s;
        last = match.capturedEnd();
    }
    html += plain(QStringView(escaped).mid(last));
    html.replace(u'\n', u"<br>"_s);
    return u"<span style=\"white-space: pre-wrap\">"_s + html + u"</span>"_s;
}
