#include "MessageListModel.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace {
// Consecutive chats by one sender within this time are shown as one group.
constexpr qint64 GroupWindowMs = 5 * 60 * 1000;
} // namespace

MessageListModel::MessageListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

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
    case HtmlRole:
        return toSafeHtml(row.text); // made for visible rows only: not worth its memory per row
    case TimestampRole:
        return row.timestamp;
    case IsOwnRole:
        return row.own;
    case StatusRole:
        return QVariant::fromValue(row.status);
    case ErrorRole:
        return row.error;
    case FirstInGroupRole:
        return row.firstInGroup;
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
    };
}

void MessageListModel::append(Row row)
{
    if (!m_rows.isEmpty() && row.kind == Kind::Chat) {
        const Row &previous = m_rows.constLast();
        row.firstInGroup = previous.kind != Kind::Chat || previous.sender.id != row.sender.id ||
                           previous.timestamp.msecsTo(row.timestamp) > GroupWindowMs;
    }
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(std::move(row));
    endInsertRows();
}

void MessageListModel::appendChat(const Protocol::ChatMessage &chat)
{
    Row row;
    row.seq = chat.seq;
    row.sender = chat.from;
    row.text = chat.text;
    row.timestamp = QDateTime::fromMSecsSinceEpoch(chat.ts);
    append(std::move(row));
}

void MessageListModel::appendOwn(const QString &clientId, const Protocol::Member &self, const QString &text)
{
    Row row;
    row.clientId = clientId;
    row.sender = self;
    row.text = text;
    row.timestamp = QDateTime::currentDateTime();
    row.own = true;
    row.status = Status::Sending;
    append(std::move(row));
}

qsizetype MessageListModel::rowOfClientId(const QString &clientId) const
{
    // Unacked chats are few and recent: search from the end.
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (m_rows.at(i).own && m_rows.at(i).clientId == clientId)
            return i;
    }
    return -1;
}

bool MessageListModel::markSent(const QString &clientId, qint64 seq, qint64 ts)
{
    const qsizetype at = rowOfClientId(clientId);
    if (at < 0)
        return false;
    Row &row = m_rows[at];
    row.seq = seq;
    row.timestamp = QDateTime::fromMSecsSinceEpoch(ts);
    row.status = Status::Sent;
    row.error.clear();
    const QModelIndex changed = index(int(at));
    Q_EMIT dataChanged(changed, changed, {SeqRole, TimestampRole, StatusRole, ErrorRole});
    return true;
}

bool MessageListModel::markFailed(const QString &clientId, const QString &reason)
{
    const qsizetype at = rowOfClientId(clientId);
    if (at < 0)
        return false;
    m_rows[at].status = Status::Failed;
    m_rows[at].error = reason;
    const QModelIndex changed = index(int(at));
    Q_EMIT dataChanged(changed, changed, {StatusRole, ErrorRole});
    return true;
}

void MessageListModel::appendNotice(const QString &text)
{
    Row row;
    row.kind = Kind::Notice;
    row.text = text;
    row.timestamp = QDateTime::currentDateTime();
    append(std::move(row));
}

void MessageListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QList<std::pair<QString, QString>> MessageListModel::unsent() const
{
    QList<std::pair<QString, QString>> result;
    for (const Row &row : m_rows) {
        if (row.own && row.status == Status::Sending)
            result.append({row.clientId, row.text});
    }
    return result;
}

QString MessageListModel::toSafeHtml(const QString &text)
{
    // Escape everything first, so nothing a sender types can become markup; then wrap the
    // (already escaped) http(s) URLs in anchors. Only these two schemes ever become links.
    static const QRegularExpression url(u"\\bhttps?://[^\\s<>\"']+[^\\s<>\"'.,;:!?)\\]]"_s,
                                        QRegularExpression::CaseInsensitiveOption);
    const QString escaped = text.toHtmlEscaped();
    QString html;
    html.reserve(escaped.size() + 16);
    qsizetype last = 0;
    for (auto it = url.globalMatch(escaped); it.hasNext();) {
        const auto match = it.next();
        html += QStringView(escaped).mid(last, match.capturedStart() - last);
        html += u"<a href=\""_s + match.captured() + u"\">"_s + match.captured() + u"</a>"_s;
        last = match.capturedEnd();
    }
    html += QStringView(escaped).mid(last);
    html.replace(u'\n', u"<br>"_s);
    return u"<span style=\"white-space: pre-wrap\">"_s + html + u"</span>"_s;
}
