#pragma once

#include "Messages.h"

#include <QAbstractListModel>
#include <QColor>
#include <QDateTime>
#include <QPointer>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

class Transfer;

/// The conversation as a list: chats (others' and our own, with their delivery status) and
/// notices (joins, leaves, renames), in seq order whatever order they arrive in. A chat already
/// shown is never shown twice; our own unacked chats stay at the end until the room gives them
/// their seq. Grouping of consecutive chats by one sender is a role, not a structure.
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatClient")

    /// Some row is a chat (not only notices such as "You joined"): an empty conversation says so.
    Q_PROPERTY(bool hasChats READ hasChats NOTIFY hasChatsChanged)
    /// The colour of links in HtmlRole (rich text takes the application's palette, not the
    /// theme's); set by the view that shows the model.
    Q_PROPERTY(QColor linkColor READ linkColor WRITE setLinkColor NOTIFY linkColorChanged)

public:
    enum class Kind { Chat, Notice };
    Q_ENUM(Kind)

    enum class Status { Sending, Sent, Failed };
    Q_ENUM(Status)

    enum class Deletion { NotDeleted, ByAuthor, ByModerator }; // as Protocol::ChatMessage::Deletion
    Q_ENUM(Deletion)

    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind: a chat or a notice
        SeqRole,                     ///< room sequence number, 0 while our own chat is unacked
        SenderIdRole,                ///< member id of the sender (empty for notices)
        SenderNameRole,              ///< display name of the sender when it was sent
        TextRole,                    ///< the text exactly as sent (plain text)
        HtmlRole,                    ///< the text HTML-escaped, with http(s) links made clickable
        TimestampRole,               ///< QDateTime (server time; local time while sending)
        IsOwnRole,                   ///< true for chats this client sent
        StatusRole,                  ///< Status of our own chats; Sent for everything else
        ErrorRole,                   ///< why our chat was refused, if it was
        FirstInGroupRole, ///< true unless the previous row is a chat by the same sender shortly before
        SenderTagRole,    ///< "#k3j9" when the sender's name looks like another member's, else empty
        MentionsMeRole,   ///< the chat mentions this member ("@Name")
        FirstUnreadRole,  ///< the first chat from others that was unread when the conversation was shown
        HasFileRole,      ///< the chat carries a file (the text is its caption)
        FileIdRole,       ///< its SHA-256 (empty for our own until the room has it)
        FileNameRole,
        FileSizeRole,   ///< bytes
        FileTypeRole,   ///< MIME type, from the content
        IsImageRole,    ///< shown inline, from ThumbnailRole
        ImageWidthRole, ///< the full image's size (0 if not known)
        ImageHeightRole,
        ThumbnailRole,    ///< a local file URL of the picture to show; empty until it is fetched
        TransferRole,     ///< the Transfer moving this file now (our upload, or a download), or null
        EditedRole,       ///< the chat was edited after it was posted
        DeletedRole,      ///< Deletion: the chat was deleted (its text and file are gone), and by whom
        CanEditRole,      ///< this member may edit the chat (its own, stored, not deleted)
        CanDeleteRole,    ///< this member may delete the chat (its own, or any for a moderator)
        DaySeparatorRole, ///< "Today", "Yesterday", a weekday or a date above a day's first row, else ""
        ReplySeqRole,     ///< the seq of the message this one answers (0: none)
        ReplySenderRole,  ///< who wrote that message
        ReplyTextRole,    ///< the start of its text as it is now (or a file's mark)
        ReplyDeletedRole, ///< it was deleted (or is gone)
        LastRole          // Keep this last
    };
    Q_ENUM(Role)

    explicit MessageListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// A stored chat (live, or from history) in its place by seq; false if already shown (it is
    /// then updated if this is a newer revision of it).
    bool insertChat(const Protocol::ChatMessage &chat, bool own = false);
    /// An edited or deleted chat as it is now, if it is shown (older revisions change nothing);
    /// false if it is not shown.
    bool applyChange(const Protocol::ChatMessage &chat);
    /// Whether a stored chat with this seq is shown.
    bool containsChat(qint64 seq) const;
    /// The row of the stored chat with this seq, or -1.
    Q_INVOKABLE int rowOfSeq(qint64 seq) const;
    /// A moderator may delete anyone's chat.
    void setModerator(bool moderator);
    /// Our own chat, shown at once as Sending (with the quote of the message it answers).
    void appendOwn(const QString &clientId, const Protocol::Member &self, const QString &text,
                   const std::optional<Protocol::ReplyQuote> &reply = std::nullopt);
    /// A quote of the stored chat with this seq as shown now (for a reply to it), if it is shown.
    std::optional<Protocol::ReplyQuote> quoteOf(qint64 seq) const;
    /// Our own file with its caption, shown at once as Sending with its upload's progress (and
    /// an image from the local file).
    void appendOwnFile(const QString &clientId, const Protocol::Member &self, const QString &caption,
                       const Protocol::FileInfo &file, const QUrl &thumbnail, Transfer *transfer);
    /// Our own file's id, once it is hashed (so it can be saved and opened like any other).
    void setOwnFileId(const QString &clientId, const QString &fileId);
    /// Takes away one of our own chats not posted yet (a cancelled upload).
    void removeOwn(const QString &clientId);
    /// The picture to show for every chat carrying this file.
    void setThumbnail(const QString &fileId, const QUrl &thumbnail);
    /// A download of this file is on its way (or over: null).
    void setTransfer(const QString &fileId, Transfer *transfer);
    /// The file a chat carries (by seq), if any.
    std::optional<Protocol::FileInfo> fileAt(qint64 seq) const;
    /// The server posted our chat: it now has its seq and server time (and moves to its place,
    /// or goes away if history already brought it).
    bool markSent(const QString &clientId, qint64 seq, qint64 ts);
    /// The server refused our chat.
    bool markFailed(const QString &clientId, const QString &reason);
    /// Tags of senders whose names look like someone else's (MemberListModel::tags()).
    void setSenderTags(const QHash<QString, QString> &tags);
    /// Who "me" is, for mentions: chats naming this member id are marked, and "@name" in them
    /// stands out.
    void setSelf(const Protocol::Member &self);
    /// Marks where unread starts: the first chat from others after seq (none: -1).
    void setUnreadAfter(qint64 seq);
    /// Whether one of our own messages with this clientId is listed (sending, sent or failed).
    bool containsOwn(const QString &clientId) const;
    /// A notice after the newest chat shown, or after the chat with seq afterSeq once the
    /// history before it arrives (a welcome's "You joined" goes after the room's history).
    void appendNotice(const QString &text, qint64 afterSeq = 0);
    void clear();

    /// Our own chats not yet acked, oldest first: (clientId, text).
    QList<std::pair<QString, QString>> unsent() const;
    /// The newest and oldest seq shown (0 if none).
    qint64 lastSeq() const;
    qint64 firstSeq() const;
    bool hasChats() const { return m_hasChats; }

    /// Turns plain text into HTML that shows exactly that text, with http(s) URLs as links (and
    /// "@highlighted" in bold, if given).
    static QString toSafeHtml(const QString &text, const QString &highlighted = {},
                              const QColor &linkColor = {});
    QColor linkColor() const { return m_linkColor; }
    void setLinkColor(const QColor &color);

    /// Days are the reader's: in this time zone (the system's unless set), and "Today" is today
    /// there (the model moves on at midnight by itself; tests set the day).
    void setTimeZone(const QTimeZone &zone);
    void setToday(QDate today);
    /// What a day separator says, in the default locale: "Today", "Yesterday", the weekday
    /// within the last week, else the whole date.
    static QString dayLabel(QDate day, QDate today);

Q_SIGNALS:
    void hasChatsChanged();
    void linkColorChanged();

private:
    struct Attachment
    {
        Protocol::FileInfo info;
        QUrl thumbnail;
        QPointer<Transfer> transfer;
    };
    /// What only some rows have, behind one pointer that is null for most: a row stays small
    /// (see docs/BENCHMARKS.md).
    struct Extra
    {
        QString clientId; ///< our own chats'
        QString error;    ///< why the room refused ours
        std::shared_ptr<Attachment> file;
        std::shared_ptr<Protocol::ReplyQuote> reply;
    };
    struct Row
    {
        Kind kind = Kind::Chat;
        Status status = Status::Sent;
        Protocol::ChatMessage::Deletion deleted = Protocol::ChatMessage::Deletion::None;
        bool own = false;
        bool mentionsMe = false;
        bool edited = false;
        qint64 seq = 0;
        qint64 revision = 0;
        Protocol::Member sender;
        QString text;
        qint64 ts = 0; ///< ms since the epoch (a QDateTime per row would cost more)
        std::shared_ptr<Extra> extra;

        const Extra &extras() const
        {
            static const Extra none;
            return extra ? *extra : none;
        }
        Extra &edit()
        {
            if (!extra)
                extra = std::make_shared<Extra>();
            return *extra;
        }
    };
    void attachmentChanged(const std::function<bool(const Attachment &)> &matches,
                           const std::function<void(Attachment &)> &change, const QList<int> &roles);

    /// Rows are ordered by (seq, stored chats before notices and refused chats seen after it);
    /// our unacked chats come last.
    static bool isStoredChat(const Row &row)
    {
        return row.kind == Kind::Chat && row.status != Status::Failed;
    }
    qsizetype sortedEnd() const { return m_rows.size() - m_unsentCount; }
    qint64 lastSeqBefore(qsizetype at) const;
    qsizetype lowerBound(qint64 seq) const;
    void insertRow(qsizetype at, Row row);
    bool isFirstInGroup(qsizetype at) const;
    Protocol::Member shared(const Protocol::Member &sender);
    QDate dayOf(const Row &row) const { return QDateTime::fromMSecsSinceEpoch(row.ts, m_timeZone).date(); }
    bool isFirstOfDay(qsizetype at) const;
    void followMidnight();
    void groupingMayHaveChanged(qsizetype at);
    qsizetype rowOfClientId(const QString &clientId) const;

    bool isFirstUnread(qsizetype at) const;

    QList<Row> m_rows;
    bool m_hasChats = false;
    qsizetype m_unsentCount = 0;
    QHash<QString, QString> m_senderTags;
    QHash<QString, Protocol::Member> m_senders; // one copy of each sender's id and name
    Protocol::Member m_self;
    QColor m_linkColor;
    qint64 m_unreadAfter = -1;
    bool m_moderator = false;
    QTimeZone m_timeZone = QTimeZone::systemTimeZone();
    QDate m_today;
    QTimer m_midnight;
};
