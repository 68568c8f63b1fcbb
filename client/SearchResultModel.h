#pragma once

#include "Messages.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QtQml/qqmlregistration.h>

/// The messages a search found, newest first, each with the conversation it is in. One search
/// at a time: results that come for an older query are not this one's.
class SearchResultModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatClient")

    /// The words searched for (empty: no search).
    Q_PROPERTY(QString query READ query NOTIFY queryChanged)
    /// A page of results is on its way.
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    /// Older matches can be fetched (ChatClient::searchMore()).
    Q_PROPERTY(bool hasMore READ hasMore NOTIFY hasMoreChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        ConversationRole,      ///< the conversation's id
        ConversationTitleRole, ///< "#homework", or the other member's name
        SenderNameRole,
        TextRole,
        HtmlRole, ///< the text HTML-escaped, with the words searched for in bold
        TimestampRole,
    };
    Q_ENUM(Role)

    explicit SearchResultModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString query() const { return m_query; }
    bool isBusy() const { return m_busy; }
    bool hasMore() const { return m_hasMore; }
    /// The seq below which the next page starts (0: none yet).
    qint64 oldestSeq() const { return m_results.isEmpty() ? 0 : m_results.constLast().chat.seq; }

    /// Starts over with another query (empty: no search); busy until its first page.
    void start(const QString &query);
    /// The next page is on its way.
    void setBusy(bool busy);
    /// A page of results for the current query; titles names each result's conversation.
    void append(const Protocol::SearchResults &results,
                const std::function<QString(const QString &)> &titleOf);

    /// The text as HTML with every word of query that starts a word of it in bold, compared as
    /// the room's index compares them (any case, any accents).
    static QString highlighted(const QString &text, const QString &query);

Q_SIGNALS:
    void queryChanged();
    void busyChanged();
    void hasMoreChanged();
    void countChanged();

private:
    struct Result
    {
        Protocol::ChatMessage chat;
        QString title;
        QString html; // made once: a delegate reads it at every reuse
    };
    QList<Result> m_results;
    QString m_query;
    bool m_busy = false;
    bool m_hasMore = false;
};
