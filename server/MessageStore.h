#pragma once

#include "Messages.h"

#include <QByteArray>
#include <QString>

#include <optional>

/// A room's history in SQLite (Qt SQL, QSQLITE): every posted chat with its seq, time, sender
/// and the sender's clientId (for deduplication). WAL journal, synchronous=FULL: a chat is acked
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

    static constexpr int SchemaVersion = 2;
    /// History files up to this size are checked for damage when opened (PRAGMA quick_check).
    static constexpr qint64 MaxCheckedBytes = 256 * 1024 * 1024;

    /// Opens (creating or migrating) the database. False, with errorString(), if the file
    /// cannot be used or is damaged; the file is never reset.
    bool open();
    QString errorString() const { return m_errorString; }
    QString path() const { return m_path; }

    struct Entry
    {
        Protocol::ChatMessage chat;
        QString clientId;
    };
    /// Stores all entries in one transaction (group commit), or none of them.
    bool append(const QList<Entry> &entries);

    // Reads return nothing (std::nullopt) when SQLite fails (an I/O error, a damaged page), and
    // log why: an empty page is "no messages", never "could not read".

    std::optional<qint64> lastSeq() const;
    /// The seq and ts a member's chat with this clientId got, if it was stored; *failed is set
    /// when the lookup itself failed (then nothing is known).
    std::optional<std::pair<qint64, qint64>> find(const QString &memberId, const QString &clientId,
                                                  bool *failed = nullptr) const;
    /// The newest `limit` messages, oldest first.
    std::optional<QList<Protocol::ChatMessage>> recent(int limit) const;
    /// Up to `limit` messages with seq > after, oldest first.
    std::optional<QList<Protocol::ChatMessage>> after(qint64 after, int limit) const;
    /// The newest `limit` messages with seq < before, oldest first.
    std::optional<QList<Protocol::ChatMessage>> before(qint64 before, int limit) const;
    std::optional<bool> hasBefore(qint64 seq) const;

    /// A random secret of this room, made once and kept (member ids are derived from it).
    QByteArray roomSecret();

private:
    bool fail(const QString &what, const QString &detail);
    void readFailed(const QString &what, const QString &detail) const;
    /// The chats a query with (seq, limit) bound selects, or nothing if it failed.
    std::optional<QList<Protocol::ChatMessage>> readPage(const QString &sql, qint64 seq, int limit,
                                                         const QString &what) const;
    bool migrate();
    bool checkIntegrity();

    QString m_path;
    QString m_connectionName;
    QString m_errorString;
};
