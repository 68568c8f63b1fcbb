#include "SearchResultModel.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

SearchResultModel::SearchResultModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Result &result = m_results.at(index.row());
    switch (role) {
    case SeqRole:
        return result.chat.seq;
    case ConversationRole:
        return result.chat.conversation;
    case ConversationTitleRole:
        return result.title;
    case SenderNameRole:
        return result.chat.from.name;
    case Qt::DisplayRole:
    case TextRole:
        return result.chat.text;
    case HtmlRole:
        return highlighted(result.chat.text, m_query);
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(result.chat.ts);
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchResultModel::roleNames() const
{
    return {{SeqRole, "seq"},
            {ConversationRole, "conversation"},
            {ConversationTitleRole, "conversationTitle"},
            {SenderNameRole, "senderName"},
            {TextRole, "messageText"},
            {HtmlRole, "html"},
            {TimestampRole, "timestamp"}};
}

void SearchResultModel::start(const QString &query)
{
    beginResetModel();
    m_results.clear();
    endResetModel();
    Q_EMIT countChanged();
    if (m_query != query) {
        m_query = query;
        Q_EMIT queryChanged();
    }
    setBusy(!query.isEmpty());
    if (m_hasMore) {
        m_hasMore = false;
        Q_EMIT hasMoreChanged();
    }
}

void SearchResultModel::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void SearchResultModel::append(const Protocol::SearchResults &results,
                               const std::function<QString(const QString &)> &titleOf)
{
    if (results.query != m_query)
        return; // an earlier search's answer
    if (!results.messages.isEmpty()) {
        beginInsertRows({}, int(m_results.size()), int(m_results.size() + results.messages.size() - 1));
        for (const Protocol::ChatMessage &chat : results.messages)
            m_results.append({chat, titleOf(chat.conversation)});
        endInsertRows();
        Q_EMIT countChanged();
    }
    setBusy(false);
    if (m_hasMore != results.hasMore) {
        m_hasMore = results.hasMore;
        Q_EMIT hasMoreChanged();
    }
}

QString SearchResultModel::highlighted(const QString &text, const QString &query)
{
    // Words match as the room's index matches them: at the start of a word, whatever the case.
    // (Accents the index folds are not folded here: such a match is shown, just not in bold.)
    QStringList words;
    for (const QString &word : query.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts))
        words.append(QRegularExpression::escape(word));
    QString html;
    qsizetype done = 0;
    if (!words.isEmpty()) {
        const QRegularExpression match(u"\\b(%1)"_s.arg(words.join(u'|')),
                                       QRegularExpression::CaseInsensitiveOption |
                                           QRegularExpression::UseUnicodePropertiesOption);
        for (auto it = match.globalMatch(text); it.hasNext();) {
            const auto found = it.next();
            html += text.mid(done, found.capturedStart() - done).toHtmlEscaped();
            html += u"<b>"_s + found.captured().toHtmlEscaped() + u"</b>"_s;
            done = found.capturedEnd();
        }
    }
    html += text.mid(done).toHtmlEscaped();
    return html.replace(u'\n', u"<br>"_s);
}
