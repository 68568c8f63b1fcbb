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
        return result.html;
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
            m_results.append({chat, titleOf(chat.conversation), highlighted(chat.text, m_query)});
        endInsertRows();
        Q_EMIT countChanged();
    }
    setBusy(false);
    if (m_hasMore != results.hasMore) {
        m_hasMore = results.hasMore;
        Q_EMIT hasMoreChanged();
    }
}

namespace {

// Text as the room's index compares it (FTS5 unicode61, remove_diacritics 2): decomposed, without
// its combining marks, case-folded; with, for each character, where it came from in the text.
struct Folded
{
    QString text;
    QList<qsizetype> origin;
};

Folded folded(const QString &text)
{
    Folded out;
    out.text.reserve(text.size());
    out.origin.reserve(text.size());
    for (qsizetype at = 0; at < text.size();) {
        const qsizetype length = text.at(at).isHighSurrogate() && at + 1 < text.size() ? 2 : 1;
        const QString decomposed = text.mid(at, length).normalized(QString::NormalizationForm_D);
        for (const QChar c : decomposed) {
            if (c.category() == QChar::Mark_NonSpacing)
                continue;
            out.text += c.toCaseFolded();
            out.origin.append(at);
        }
        at += length;
    }
    return out;
}

} // namespace

QString SearchResultModel::highlighted(const QString &text, const QString &query)
{
    // Words match as the room's index matches them: at the start of a word, whatever the case
    // and the accents ("tieng" is in bold in "tiếng").
    QStringList words;
    for (const QString &word : folded(query).text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts))
        words.append(QRegularExpression::escape(word));
    QString html;
    qsizetype done = 0;
    if (!words.isEmpty()) {
        const QRegularExpression match(u"\\b(%1)"_s.arg(words.join(u'|')),
                                       QRegularExpression::UseUnicodePropertiesOption);
        const Folded haystack = folded(text);
        for (auto it = match.globalMatch(haystack.text); it.hasNext();) {
            const auto found = it.next();
            const qsizetype start = haystack.origin.at(found.capturedStart());
            const qsizetype end = found.capturedEnd() < haystack.origin.size()
                                      ? haystack.origin.at(found.capturedEnd())
                                      : text.size();
            if (start < done || end <= start)
                continue; // within a character already shown
            html += text.mid(done, start - done).toHtmlEscaped();
            html += u"<b>"_s + text.mid(start, end - start).toHtmlEscaped() + u"</b>"_s;
            done = end;
        }
    }
    html += text.mid(done).toHtmlEscaped();
    return html.replace(u'\n', u"<br>"_s);
}
