#pragma once

#include "Messages.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QString>

#include <array>
#include <map>
#include <optional>

/// A server's history in SQLite (Qt SQL, QSQLITE): every posted chat with its seq (one
/// sequence for the whole server), time, sender, conversation, mentions and the sender's
/// clientId (for deduplication) and the file it carries; the direct conversations opened, what
/// each member has read where, and the uploads on their way. WAL journal, synchronous=FULL: a chat is acked
/// only after append() returned, so an acked chat survives kill -9 and power loss alike.
/// The schema is versioned (PRAGMA user_version) and migrated on open().
///
/// Not thread-safe, like the QSqlDatabase under it: use it on the thread that opened it.
class MessageStore
{
public:
    /// path is a file, or ":memory:" for a throwaway room.
    explicit MessageStore(QString path);
    ~MessageStore();
    Q_DISABLE_COPY_MOVE(MessageStore)

    static constexpr int SchemaVersion = 9;
    /// History files up to this size are checked for damage when opened (PRAGMA quick_check).
    static constexpr qint64 MaxCheckedBytes = 256 * 1024 * 1024;

    /// Opens (creating or migrating) the database. False, with errorString(), if the file
    /// cannot be used or is damaged; the file is never reset.
    bool open();
    QString errorString() const { return m_errorString; }
    QString path() const { return m_path; }
    /// The Qt SQL connection of this store (Moderation keeps its tables through it).
    QString connectionName() const { return m_connectionName; }

    /// A chat to post, or a change to one stored: an edit (its text, mentions, editedTs and
    /// revision) or a deletion (its deleted and revision), found by chat.seq.
    struct Entry
    {
        enum class Kind { Post, Edit, Delete };
        Protocol::ChatMessage chat;
        QString clientId;
        QString uploadId = {}; ///< the upload whose file the chat carries: removed with the insert
        Kind kind = Kind::Post;
        QString changedBy = {}; ///< the member id that changed it (for a change)
    };
    /// How far a member has read a conversation.
    struct ReadPosition
    {
        QString memberId;
        QString conversation;
        qint64 seq = 0;
    };
    /// Stores all entries and read positions in one transaction (group commit), or none of them.
    /// A read position never moves back.
    bool append(const QList<Entry> &entries, const QList<ReadPosition> &reads = {});

    // Reads return nothing (std::nullopt) when SQLite fails (an I/O error, a damaged page), and
    // log why: an empty page is "no messages", never "could not read".

    /// The newest seq taken: a message's or a change's.
    std::optional<qint64> lastSeq() const;
    /// The message with this seq as it is now, if there is one; *failed is set when the read
    /// itself failed.
    std::optional<Protocol::ChatMessage> message(qint64 seq, bool *failed = nullptr) const;
    /// The seq and ts a member's chat with this clientId got, if it was stored; *failed is set
    /// when the lookup itself failed (then nothing is known).
    std::optional<std::pair<qint64, qint64>> find(const QString &memberId, const QString &clientId,
                                                  bool *failed = nullptr) const;
    /// A conversation's newest `limit` messages, oldest first.
    std::optional<QList<Protocol::ChatMessage>> recent(const QString &conversation, int limit) const;
    /// Up to `limit` messages of these conversations posted or changed after `after` (their
    /// position()), as they are now, in position order; without changes, those posted after it
    /// (in seq order, as they are now).
    std::optional<QList<Protocol::ChatMessage>>
    after(qint64 after, int limit, const QStringList &conversations, bool changes = true) const;
    /// A conversation's newest `limit` messages with seq < before, oldest first.
    std::optional<QList<Protocol::ChatMessage>> before(const QString &conversation, qint64 before,
                                                       int limit) const;
    std::optional<bool> hasBefore(const QString &conversation, qint64 seq) const;
    /// Up to `limit` messages of these conversations with seq < before (0: any) that have every
    /// word of `words` (as a prefix, diacritics and case folded), newest first. Deleted ones never.
    /// Messages join the search index in batches (one segment for many), by this; search()
    /// runs it first, so nothing stored is missed.
    bool indexForSearch();
    std::optional<QList<Protocol::ChatMessage>> search(const QString &words, const QStringList &conversations,
                                                       qint64 before, int limit);

    /// Unread messages are counted up to this many (clients show "999+").
    static constexpr int MaxCountedUnread = 1000;
    /// Where a member stands in a conversation they have read up to readSeq.
    struct Standing
    {
        qint64 lastSeq = 0;
        int unread = 0;   ///< later messages from others
        int mentions = 0; ///< of those, the ones mentioning the member
    };
    std::optional<Standing> standing(const QString &conversation, const QString &memberId,
                                     qint64 readSeq) const;
    /// A member's read positions, by conversation.
    std::optional<QHash<QString, qint64>> readPositions(const QString &memberId) const;

    /// A direct conversation and its two members (with the names they had when it was opened).
    struct Direct
    {
        QString id;
        std::array<Protocol::Member, 2> members;
    };
    std::optional<QList<Direct>> directConversations() const;
    bool addDirect(const Direct &direct, qint64 ts);
    /// A channel and who is in it (#general is nobody's row: everyone is in it).
    struct Channel
    {
        QString id;
        QString name;
        QString topic;
        QSet<QString> members;
    };
    std::optional<QList<Channel>> channels() const;
    /// Stores a new channel with its first members.
    bool addChannel(const Channel &channel, const QString &createdBy, qint64 ts);
    bool setChannelMember(const QString &channel, const QString &memberId, bool member);

    /// The name a member last posted under, empty if it never posted here (then it is nobody a
    /// direct message could reach).
    std::optional<QString> lastPostedName(const QString &memberId) const;

    /// The file as posted (with its name) most recently in the conversation, if it was posted
    /// there; *failed is set when the lookup itself failed.
    std::optional<Protocol::FileInfo> postedFile(const QString &fileId, const QString &conversation,
                                                 bool *failed = nullptr) const;

    /// An upload on its way (kept across restarts, so that it can go on where it stopped).
    struct Upload
    {
        QString id;
        Protocol::Member from;
        QString conversation;
        QString name;
        qint64 size = 0;
        QString sha256;
        QString clientId;
        QString text;
        QStringList mentions;
        qint64 createdTs = 0;
    };
    std::optional<QList<Upload>> uploads() const;
    bool addUpload(const Upload &upload);
    bool removeUpload(const QString &id);

    /// What one prune() took away.
    struct Pruned
    {
        int messages = 0;
        QStringList unreferencedFiles; ///< ids of files no message (and no upload) refers to now
    };
    /// Removes, oldest first and at most `batch` of them, the messages posted before
    /// `olderThanTs` (0: any age) or older than the newest `keepNewest` (0: any number), in one
    /// transaction. Their pages are reused by later messages: the file stops growing.
    std::optional<Pruned> prune(qint64 olderThanTs, qint64 keepNewest, int batch);

    /// A conversation's messages with seq > after, oldest first, up to limit (for an export).
    std::optional<QList<Protocol::ChatMessage>> inOrder(const QString &conversation, qint64 after,
                                                        int limit) const;

    /// A random secret of this room, made once and kept (member ids are derived from it).
    QByteArray roomSecret();

private:
    bool fail(const QString &what, const QString &detail);
    void readFailed(const QString &what, const QString &detail) const;
    bool migrate();
    bool checkIntegrity();

    /// The statement, prepared at its first use and kept: parsing the ones every message runs
    /// cost a busy room more than storing the message. Null (logged) if it cannot be prepared.
    QSqlQuery *prepared(const QString &sql) const;

    QString m_path;
    QString m_connectionName;
    QString m_errorString;
    mutable std::map<QString, QSqlQuery> m_prepared; // emptied before the connection goes
};
