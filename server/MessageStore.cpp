#include "MessageStore.h"

#include "Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <atomic>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

std::atomic<int> s_connections{0};

// Each step takes the schema from version N to N + 1; never edit a step once released.
const QList<QStringList> Migrations{
    // 1: messages
    {u"CREATE TABLE messages (seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, member_id TEXT NOT NULL, "
     "member_name TEXT NOT NULL, text TEXT NOT NULL)"_s},
    // 2: deduplication by (member, clientId), and room metadata
    {u"ALTER TABLE messages ADD COLUMN client_id TEXT"_s,
     u"CREATE UNIQUE INDEX messages_client_id ON messages (member_id, client_id) WHERE client_id IS NOT NULL"_s,
     u"CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)"_s},
    // 3: conversations (protocol v2); every older message is #general's
    {u"ALTER TABLE messages ADD COLUMN conversation TEXT NOT NULL DEFAULT 'general'"_s,
     u"ALTER TABLE messages ADD COLUMN mentions TEXT"_s,
     u"CREATE INDEX messages_conversation ON messages (conversation, seq)"_s,
     u"CREATE TABLE direct_conversations (id TEXT PRIMARY KEY, member_a TEXT NOT NULL, name_a TEXT NOT NULL, "
     "member_b TEXT NOT NULL, name_b TEXT NOT NULL, opened_ts INTEGER NOT NULL)"_s,
     u"CREATE TABLE channels (id TEXT PRIMARY KEY, name TEXT NOT NULL, topic TEXT NOT NULL DEFAULT '', "
     "created_by TEXT, created_ts INTEGER NOT NULL)"_s,
     u"CREATE TABLE channel_members (channel TEXT NOT NULL, member_id TEXT NOT NULL, "
     "PRIMARY KEY (channel, member_id)) WITHOUT ROWID"_s,
     u"CREATE TABLE read_positions (member_id TEXT NOT NULL, conversation TEXT NOT NULL, "
     "seq INTEGER NOT NULL, PRIMARY KEY (member_id, conversation)) WITHOUT ROWID"_s},
    // 4: a member's messages by seq (whom a direct message can reach, and under what name)
    {u"CREATE INDEX messages_member ON messages (member_id, seq)"_s},
    // 5: files (a chat may carry one) and the uploads on their way
    {u"ALTER TABLE messages ADD COLUMN file_id TEXT"_s, u"ALTER TABLE messages ADD COLUMN file_name TEXT"_s,
     u"ALTER TABLE messages ADD COLUMN file_size INTEGER"_s,
     u"ALTER TABLE messages ADD COLUMN file_type TEXT"_s,
     u"ALTER TABLE messages ADD COLUMN file_width INTEGER"_s,
     u"ALTER TABLE messages ADD COLUMN file_height INTEGER"_s,
     u"CREATE INDEX messages_file ON messages (file_id, conversation) WHERE file_id IS NOT NULL"_s,
     u"CREATE TABLE uploads (id TEXT PRIMARY KEY, member_id TEXT NOT NULL, member_name TEXT NOT NULL, "
     "conversation TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, "
     "client_id TEXT NOT NULL, text TEXT NOT NULL, mentions TEXT, created_ts INTEGER NOT NULL)"_s},
    // 6: edits and deletions (a revision takes the next seq, so a resume finds them), and the
    // full-text index: external content, kept by triggers; diacritics folded, so "tieng viet"
    // finds "tiếng Việt"
    {u"ALTER TABLE messages ADD COLUMN revision INTEGER"_s,
     u"ALTER TABLE messages ADD COLUMN edited_ts INTEGER"_s,
     u"ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0"_s,
     u"CREATE INDEX messages_revision ON messages (revision) WHERE revision IS NOT NULL"_s,
     u"CREATE VIRTUAL TABLE messages_search USING fts5(text, content='messages', content_rowid='seq', "
     "tokenize='unicode61 remove_diacritics 2')"_s,
     u"CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN "
     "INSERT INTO messages_search (rowid, text) VALUES (new.seq, new.text); END"_s,
     u"CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN "
     "INSERT INTO messages_search (messages_search, rowid, text) VALUES ('delete', old.seq, old.text); END"_s,
     u"CREATE TRIGGER messages_search_update AFTER UPDATE OF text ON messages BEGIN "
     "INSERT INTO messages_search (messages_search, rowid, text) VALUES ('delete', old.seq, old.text); "
     "INSERT INTO messages_search (rowid, text) VALUES (new.seq, new.text); END"_s,
     u"INSERT INTO messages_search (messages_search) VALUES ('rebuild')"_s},
    // 7: moderation (Moderation): moderators, bans and mutes, the audit log, and the members the
    // room has seen (a locked room takes only those; everyone who left a trace counts)
    {u"CREATE TABLE moderators (member_id TEXT PRIMARY KEY, since_ts INTEGER NOT NULL) WITHOUT ROWID"_s,
     u"CREATE TABLE sanctions (kind TEXT NOT NULL, member_id TEXT NOT NULL, address TEXT NOT NULL, "
     "until_ts INTEGER NOT NULL, reason TEXT NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, "
     "PRIMARY KEY (kind, member_id)) WITHOUT ROWID"_s,
     u"CREATE TABLE audit (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, moderator_id TEXT NOT NULL, "
     "moderator_name TEXT NOT NULL, action TEXT NOT NULL, target_id TEXT NOT NULL, target_name TEXT NOT "
     "NULL, "
     "detail TEXT NOT NULL)"_s,
     u"CREATE TABLE known_members (member_id TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID"_s,
     u"INSERT OR IGNORE INTO known_members SELECT member_id, member_name FROM (SELECT member_id, "
     u"member_name, "
     "MAX(seq) FROM messages GROUP BY member_id)"_s,
     u"INSERT OR IGNORE INTO known_members SELECT member_id, '' FROM read_positions UNION "
     "SELECT member_id, '' FROM channel_members"_s},
    // 8: replies (the message a reply answers; its quote is read as that message is now)
    {u"ALTER TABLE messages ADD COLUMN reply_to INTEGER"_s},
    // 9: new messages join the search index in batches (indexForSearch), not by a trigger each:
    // FTS5 wrote a segment of its own for every turn's commit, about 20 µs a message. Changes to
    // a message reach the index only once it is there (it is indexed as it is by then).
    {u"DROP TRIGGER messages_search_insert"_s, u"DROP TRIGGER messages_search_delete"_s,
     u"DROP TRIGGER messages_search_update"_s,
     u"CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_seq INTEGER NOT NULL)"_s,
     u"INSERT INTO search_state VALUES (1, (SELECT COALESCE(MAX(seq), 0) FROM messages))"_s,
     u"CREATE TRIGGER messages_search_delete AFTER DELETE ON messages "
     "WHEN old.seq <= (SELECT indexed_seq FROM search_state) BEGIN "
     "INSERT INTO messages_search (messages_search, rowid, text) VALUES ('delete', old.seq, old.text); END"_s,
     u"CREATE TRIGGER messages_search_update AFTER UPDATE OF text ON messages "
     "WHEN old.seq <= (SELECT indexed_seq FROM search_state) BEGIN "
     "INSERT INTO messages_search (messages_search, rowid, text) VALUES ('delete', old.seq, old.text); "
     "INSERT INTO messages_search (rowid, text) VALUES (new.seq, new.text); END"_s},
};

/// The columns readChats() reads, in its order; a reply's quote is the original as it is now
/// (each a lookup by primary key, and only for replies).
constexpr auto ChatColumns =
    "seq, ts, member_id, member_name, text, conversation, mentions, file_id, file_name, file_size, "
    "file_type, file_width, file_height, revision, edited_ts, deleted, reply_to, "
    "(SELECT json_array(o.member_id, o.member_name, substr(o.text, 1, 140), o.deleted, o.file_id IS NOT "
    "NULL) "
    "FROM messages AS o WHERE o.seq = messages.reply_to)";

/// A file as readChats() and postedFile() read it, from its first column on.
FileInfo readFile(const QSqlQuery &query, int first)
{
    return {query.value(first).toString(),       query.value(first + 1).toString(),
            query.value(first + 2).toLongLong(), query.value(first + 3).toString(),
            query.value(first + 4).toInt(),      query.value(first + 5).toInt()};
}

/// A reply's quote from its original's [member_id, member_name, text, deleted, has file], or
/// of an original that is gone (no row).
ReplyQuote readQuote(qint64 seq, const QString &original)
{
    const QJsonArray columns = QJsonDocument::fromJson(original.toUtf8()).array();
    if (columns.size() != 5)
        return ReplyQuote{seq, {}, {}, true};
    const bool deleted = columns.at(3).toInt() != 0;
    return ReplyQuote{seq, Member{columns.at(0).toString(), columns.at(1).toString()},
                      deleted ? QString() : ReplyQuote::excerptOf(columns.at(2).toString()), deleted,
                      columns.at(4).toInt() != 0};
}

/// The rows of an executed query, or nothing if a step failed part-way (a damaged page).
std::optional<QList<ChatMessage>> readChats(QSqlQuery &query)
{
    QList<ChatMessage> chats;
    while (query.next()) {
        const QString mentions = query.value(6).toString();
        chats.append({query.value(0).toLongLong(), query.value(1).toLongLong(),
                      Member{query.value(2).toString(), query.value(3).toString()}, query.value(4).toString(),
                      query.value(5).toString(), mentions.isEmpty() ? QStringList() : mentions.split(u' ')});
        ChatMessage &chat = chats.last();
        if (!query.isNull(7))
            chat.file = readFile(query, 7);
        chat.revision = query.value(13).toLongLong();
        chat.editedTs = query.value(14).toLongLong();
        chat.deleted = ChatMessage::Deletion(std::clamp(query.value(15).toInt(), 0, 2));
        if (!query.isNull(16))
            chat.reply = readQuote(query.value(16).toLongLong(), query.value(17).toString());
    }
    if (query.lastError().isValid())
        return std::nullopt;
    return chats;
}

} // namespace

MessageStore::MessageStore(QString path)
    : m_path(std::move(path))
    , m_connectionName(u"parley-store-%1"_s.arg(s_connections.fetch_add(1)))
{}

MessageStore::~MessageStore()
{
    m_prepared.clear(); // a query left over would keep the connection "still in use"
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool MessageStore::fail(const QString &what, const QString &detail)
{
    m_errorString = u"history database %1: %2 (%3)"_s.arg(m_path, what, detail);
    qCWarning(lcStore).noquote() << m_errorString;
    return false;
}

void MessageStore::readFailed(const QString &what, const QString &detail) const
{
    qCWarning(lcStore).noquote() << u"history database %1: cannot read %2 (%3)"_s.arg(m_path, what, detail);
}

QSqlQuery *MessageStore::prepared(const QString &sql) const
{
    auto found = m_prepared.find(sql);
    if (found == m_prepared.end()) {
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
        if (!query.prepare(sql)) {
            qCWarning(lcStore).noquote() << u"history database %1: cannot prepare %2 (%3)"_s.arg(
                m_path, sql, query.lastError().text());
            return nullptr;
        }
        found = m_prepared.emplace(sql, std::move(query)).first;
    }
    return &found->second;
}

bool MessageStore::open()
{
    const bool inMemory = m_path == u":memory:";
    if (!inMemory) {
        const QFileInfo file(m_path);
        if (!QDir().mkpath(file.absolutePath()))
            return fail(u"cannot create its folder"_s, file.absolutePath());
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(m_path);
    if (!db.open())
        return fail(u"cannot open"_s, db.lastError().text());

    QSqlQuery query(db);
    // Reading the schema version is the first thing to fail on a file that is not a database.
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return fail(u"cannot read it; is it a Parley history file?"_s, query.lastError().text());
    // A file damaged part-way would open and then answer some reads with nothing. Checked before
    // anything is written to it, so a damaged file is left exactly as it was.
    if (!inMemory && !checkIntegrity())
        return false;
    if (!inMemory) {
        if (!query.exec(u"PRAGMA journal_mode=WAL"_s) || !query.next() || query.value(0).toString() != u"wal")
            return fail(u"cannot switch to WAL journaling"_s, query.lastError().text());
    }
    if (!query.exec(u"PRAGMA synchronous=FULL"_s) || !query.exec(u"PRAGMA busy_timeout=2000"_s))
        return fail(u"cannot configure it"_s, query.lastError().text());
    return migrate();
}

bool MessageStore::checkIntegrity()
{
    // quick_check reads every page: about a second per few hundred MiB. Bigger histories start
    // unchecked (said in the log); their damaged pages still fail reads, which are reported.
    const qint64 size = QFileInfo(m_path).size();
    if (size > MaxCheckedBytes) {
        qCInfo(lcStore) << "not checking" << m_path << "at start:" << size / (1024 * 1024) << "MiB";
        return true;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (!query.exec(u"PRAGMA quick_check(5)"_s))
        return fail(u"is damaged; restore it from a backup, or move it away to start an empty history"_s,
                    query.lastError().text());
    QStringList problems;
    while (query.next())
        problems.append(query.value(0).toString());
    if (problems != QStringList{u"ok"_s}) {
        return fail(u"is damaged; restore it from a backup, or move it away to start an empty history"_s,
                    problems.join(u"; "_s));
    }
    return true;
}

bool MessageStore::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return fail(u"cannot read its schema version"_s, query.lastError().text());
    const int version = query.value(0).toInt();
    if (version > SchemaVersion) {
        return fail(u"was written by a newer Parley"_s,
                    u"schema %1, this build knows up to %2"_s.arg(version).arg(SchemaVersion));
    }
    for (int step = version; step < SchemaVersion; ++step) {
        if (!db.transaction())
            return fail(u"cannot start a migration"_s, db.lastError().text());
        for (const QString &statement : Migrations.at(step)) {
            if (!query.exec(statement)) {
                const QString error = query.lastError().text();
                db.rollback();
                return fail(u"cannot migrate to schema %1"_s.arg(step + 1), error);
            }
        }
        if (!query.exec(u"PRAGMA user_version=%1"_s.arg(step + 1)) || !db.commit()) {
            const QString error = query.lastError().text() + db.lastError().text();
            db.rollback();
            return fail(u"cannot migrate to schema %1"_s.arg(step + 1), error);
        }
        qCInfo(lcStore) << "migrated" << m_path << "to schema" << step + 1;
    }
    return true;
}

bool MessageStore::append(const QList<Entry> &entries, const QList<ReadPosition> &reads)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery *insertPtr =
        prepared(u"INSERT INTO messages (seq, ts, member_id, member_name, text, client_id, conversation, "
                 "mentions, file_id, file_name, file_size, file_type, file_width, file_height, reply_to) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery *uploadedPtr = prepared(u"DELETE FROM uploads WHERE id = ?"_s);
    QSqlQuery *editPtr =
        prepared(u"UPDATE messages SET text = ?, mentions = ?, edited_ts = ?, revision = ? WHERE seq = ?"_s);
    // What a deletion takes away is gone from the file too (the search index with it).
    QSqlQuery *erasePtr =
        prepared(u"UPDATE messages SET text = '', mentions = NULL, file_id = NULL, file_name = NULL, "
                 "file_size = NULL, file_type = NULL, file_width = NULL, file_height = NULL, deleted = ?, "
                 "revision = ? WHERE seq = ?"_s);
    QSqlQuery *upsertPtr =
        prepared(u"INSERT INTO read_positions (member_id, conversation, seq) VALUES (?, ?, ?) "
                 "ON CONFLICT DO UPDATE SET seq = MAX(seq, excluded.seq)"_s);
    if (!insertPtr || !uploadedPtr || !editPtr || !erasePtr || !upsertPtr)
        return fail(u"cannot prepare to store messages"_s, db.lastError().text());
    if (!db.transaction())
        return fail(u"cannot start a transaction"_s, db.lastError().text());
    QSqlQuery &insert = *insertPtr;
    QSqlQuery &uploaded = *uploadedPtr;
    QSqlQuery &edit = *editPtr;
    QSqlQuery &erase = *erasePtr;
    QSqlQuery &upsert = *upsertPtr;
    for (const Entry &entry : entries) {
        if (entry.kind != Entry::Kind::Post) {
            QSqlQuery &change = entry.kind == Entry::Kind::Edit ? edit : erase;
            if (entry.kind == Entry::Kind::Edit) {
                edit.addBindValue(entry.chat.text);
                edit.addBindValue(entry.chat.mentions.isEmpty() ? QVariant()
                                                                : QVariant(entry.chat.mentions.join(u' ')));
                edit.addBindValue(entry.chat.editedTs);
            } else {
                erase.addBindValue(int(entry.chat.deleted));
            }
            change.addBindValue(entry.chat.revision);
            change.addBindValue(entry.chat.seq);
            // No row (retention removed it meanwhile) changes nothing; the batch goes on.
            if (!change.exec()) {
                const QString error = change.lastError().text();
                db.rollback();
                return fail(u"cannot change message %1"_s.arg(entry.chat.seq), error);
            }
            continue;
        }
        insert.addBindValue(entry.chat.seq);
        insert.addBindValue(entry.chat.ts);
        insert.addBindValue(entry.chat.from.id);
        insert.addBindValue(entry.chat.from.name);
        insert.addBindValue(
            entry.chat.text.isNull() ? u""_s : entry.chat.text); // NOT NULL: a file's caption may be none
        insert.addBindValue(entry.clientId.isEmpty() ? QVariant() : QVariant(entry.clientId));
        insert.addBindValue(entry.chat.conversation);
        insert.addBindValue(entry.chat.mentions.isEmpty() ? QVariant()
                                                          : QVariant(entry.chat.mentions.join(u' ')));
        const std::optional<FileInfo> &file = entry.chat.file;
        for (const QVariant &value :
             {file ? QVariant(file->id) : QVariant(), file ? QVariant(file->name) : QVariant(),
              file ? QVariant(file->size) : QVariant(), file ? QVariant(file->type) : QVariant(),
              file && file->isImage() ? QVariant(file->width) : QVariant(),
              file && file->isImage() ? QVariant(file->height) : QVariant(),
              entry.chat.reply ? QVariant(entry.chat.reply->seq) : QVariant()})
            insert.addBindValue(value);
        if (!insert.exec()) {
            const QString error = insert.lastError().text();
            db.rollback();
            return fail(u"cannot store a message"_s, error);
        }
        if (!entry.uploadId.isEmpty()) { // posted: the upload is done, in the same transaction
            uploaded.addBindValue(entry.uploadId);
            if (!uploaded.exec()) {
                const QString error = uploaded.lastError().text();
                db.rollback();
                return fail(u"cannot store a message"_s, error);
            }
        }
    }
    for (const ReadPosition &read : reads) {
        upsert.addBindValue(read.memberId);
        upsert.addBindValue(read.conversation);
        upsert.addBindValue(read.seq);
        if (!upsert.exec()) {
            const QString error = upsert.lastError().text();
            db.rollback();
            return fail(u"cannot store a read position"_s, error);
        }
    }
    if (!db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        return fail(u"cannot commit"_s, error);
    }
    return true;
}

std::optional<qint64> MessageStore::lastSeq() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    // The search index's mark too: it outlives messages retention took, so seqs never go back
    // (a client's since, and the index, count on it).
    if (!query.exec(u"SELECT MAX((SELECT COALESCE(MAX(seq), 0) FROM messages), "
                    "(SELECT COALESCE(MAX(revision), 0) FROM messages), "
                    "(SELECT indexed_seq FROM search_state))"_s) ||
        !query.next()) {
        readFailed(u"the last seq"_s, query.lastError().text());
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

std::optional<std::pair<qint64, qint64>> MessageStore::find(const QString &memberId, const QString &clientId,
                                                            bool *failed) const
{
    QSqlQuery *statement = prepared(u"SELECT seq, ts FROM messages WHERE member_id = ? AND client_id = ?"_s);
    if (!statement) {
        if (failed)
            *failed = true;
        return std::nullopt;
    }
    QSqlQuery &query = *statement;
    const auto done = qScopeGuard([&] { query.finish(); }); // kept for the next: not left reading
    query.addBindValue(memberId);
    query.addBindValue(clientId);
    const bool executed = query.exec();
    if (!executed)
        readFailed(u"a message by its clientId"_s, query.lastError().text());
    if (failed)
        *failed = !executed;
    if (!executed || !query.next())
        return std::nullopt;
    return std::pair{query.value(0).toLongLong(), query.value(1).toLongLong()};
}

std::optional<QList<ChatMessage>> MessageStore::recent(const QString &conversation, int limit) const
{
    return before(conversation, std::numeric_limits<qint64>::max(), limit);
}

std::optional<QList<ChatMessage>> MessageStore::after(qint64 after, int limit,
                                                      const QStringList &conversations, bool changes) const
{
    // Two walks, each on an index, merged by position: messages posted after `after` and not
    // changed since (by seq, the primary key), and messages changed after it, whenever posted
    // (by revision). Each message comes once, as it is now, at its position, so a resume reads
    // what it sends however many conversations and changes there are.
    const QString placeholders = QStringList(conversations.size(), u"?"_s).join(u',');
    const auto walk = [&](const QString &where, const QString &order) -> std::optional<QList<ChatMessage>> {
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
        query.setForwardOnly(true);
        query.prepare(u"SELECT %1 FROM messages WHERE %2 AND conversation IN (%3) ORDER BY %4 LIMIT ?"_s.arg(
            QLatin1StringView(ChatColumns), where, placeholders, order));
        query.addBindValue(after);
        for (const QString &conversation : conversations)
            query.addBindValue(conversation);
        query.addBindValue(limit);
        auto chats = query.exec() ? readChats(query) : std::nullopt;
        if (!chats)
            readFailed(u"messages after %1"_s.arg(after), query.lastError().text());
        return chats;
    };
    if (!changes)
        return walk(u"seq > ?"_s, u"seq"_s);
    auto posted = walk(u"seq > ? AND revision IS NULL"_s, u"seq"_s);
    if (!posted)
        return std::nullopt;
    auto changed = walk(u"revision > ?"_s, u"revision"_s);
    if (!changed)
        return std::nullopt;
    QList<ChatMessage> merged;
    merged.reserve(std::min<qsizetype>(limit, posted->size() + changed->size()));
    std::ranges::merge(*posted, *changed, std::back_inserter(merged), {}, &ChatMessage::position,
                       &ChatMessage::position);
    if (merged.size() > limit)
        merged.resize(limit);
    return merged;
}

std::optional<ChatMessage> MessageStore::message(qint64 seq, bool *failed) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT %1 FROM messages WHERE seq = ?"_s.arg(QLatin1StringView(ChatColumns)));
    query.addBindValue(seq);
    auto chats = query.exec() ? readChats(query) : std::nullopt;
    if (!chats)
        readFailed(u"message %1"_s.arg(seq), query.lastError().text());
    if (failed)
        *failed = !chats;
    if (!chats || chats->isEmpty())
        return std::nullopt;
    return chats->constFirst();
}

bool MessageStore::indexForSearch()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery *behind =
        prepared(u"SELECT (SELECT COALESCE(MAX(seq), 0) FROM messages) > indexed_seq FROM search_state"_s);
    QSqlQuery *pending = prepared(u"INSERT INTO messages_search (rowid, text) SELECT seq, text FROM messages "
                                  "WHERE seq > (SELECT indexed_seq FROM search_state)"_s);
    QSqlQuery *indexed = prepared(
        u"UPDATE search_state SET indexed_seq = MAX(indexed_seq, (SELECT COALESCE(MAX(seq), 0) FROM messages))"_s);
    if (!behind || !pending || !indexed)
        return false;
    {
        // Nothing new (a search right after the last batch): no transaction to write.
        const auto done = qScopeGuard([&] { behind->finish(); });
        if (!behind->exec() || !behind->next()) {
            readFailed(u"how far the search index is"_s, behind->lastError().text());
            return false;
        }
        if (!behind->value(0).toBool())
            return true;
    }
    if (!db.transaction()) {
        qCWarning(lcStore).noquote() << u"history database %1: cannot index for search (%2)"_s.arg(
            m_path, db.lastError().text());
        return false;
    }
    if (!pending->exec() || !indexed->exec() || !db.commit()) {
        const QString error =
            pending->lastError().text() + indexed->lastError().text() + db.lastError().text();
        db.rollback();
        qCWarning(lcStore).noquote() << u"history database %1: cannot index for search (%2)"_s.arg(m_path,
                                                                                                   error);
        return false;
    }
    return true;
}

std::optional<QList<ChatMessage>> MessageStore::search(const QString &words, const QStringList &conversations,
                                                       qint64 before, int limit)
{
    indexForSearch(); // what was posted since the last batch is found too (if this fails, the rest is)
    // Each word as a quoted prefix: what people type is words, never FTS5's query language
    // (a stray quote, NEAR or "-" is just text), and "viet" finds "Việtnam" too.
    QStringList terms;
    for (const QString &word : words.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts))
        terms.append(u'"' + QString(word).replace(u'"', u"\"\""_s) + u"\"*"_s);
    if (terms.isEmpty() || conversations.isEmpty())
        return QList<ChatMessage>();
    const QString placeholders = QStringList(conversations.size(), u"?"_s).join(u',');
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM messages WHERE seq IN (SELECT rowid FROM messages_search WHERE "
                  "messages_search MATCH ?) AND seq < ? AND deleted = 0 AND conversation IN (%2) "
                  "ORDER BY seq DESC LIMIT ?"_s.arg(QLatin1StringView(ChatColumns), placeholders));
    query.addBindValue(terms.join(u' '));
    query.addBindValue(before > 0 ? before : std::numeric_limits<qint64>::max());
    for (const QString &conversation : conversations)
        query.addBindValue(conversation);
    query.addBindValue(limit);
    auto chats = query.exec() ? readChats(query) : std::nullopt;
    if (!chats)
        readFailed(u"search results"_s, query.lastError().text());
    return chats;
}

std::optional<QList<ChatMessage>> MessageStore::before(const QString &conversation, qint64 before,
                                                       int limit) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    query.prepare(u"SELECT * FROM (SELECT %1 FROM messages WHERE conversation = ? AND seq < ? "
                  "ORDER BY seq DESC LIMIT ?) ORDER BY seq"_s.arg(QLatin1StringView(ChatColumns)));
    query.addBindValue(conversation);
    query.addBindValue(before);
    query.addBindValue(limit);
    auto chats = query.exec() ? readChats(query) : std::nullopt;
    if (!chats)
        readFailed(u"messages before %1"_s.arg(before), query.lastError().text());
    return chats;
}

std::optional<MessageStore::Pruned> MessageStore::prune(qint64 olderThanTs, qint64 keepNewest, int batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    // The newest seq that goes for --keep-messages: the (keepNewest + 1)th newest.
    qint64 lastGone = 0;
    if (keepNewest > 0) {
        query.prepare(u"SELECT seq FROM messages ORDER BY seq DESC LIMIT 1 OFFSET ?"_s);
        query.addBindValue(keepNewest);
        if (!query.exec()) {
            readFailed(u"where retention starts"_s, query.lastError().text());
            return std::nullopt;
        }
        if (query.next())
            lastGone = query.value(0).toLongLong();
    }
    if (lastGone == 0 && olderThanTs <= 0)
        return Pruned{};
    if (!db.transaction()) {
        fail(u"cannot start a transaction"_s, db.lastError().text());
        return std::nullopt;
    }
    // Walks the oldest seqs (the primary key): what goes is at the start, and a batch stops there.
    query.prepare(u"DELETE FROM messages WHERE seq IN (SELECT seq FROM messages WHERE seq <= ? OR ts < ? "
                  "ORDER BY seq LIMIT ?) RETURNING file_id"_s);
    query.addBindValue(lastGone);
    query.addBindValue(olderThanTs);
    query.addBindValue(batch);
    Pruned pruned;
    QSet<QString> files;
    if (query.exec()) {
        while (query.next()) {
            ++pruned.messages;
            if (!query.isNull(0))
                files.insert(query.value(0).toString());
        }
    }
    QSqlQuery stillUsed(db);
    stillUsed.prepare(u"SELECT EXISTS (SELECT 1 FROM messages WHERE file_id = ?) OR "
                      "EXISTS (SELECT 1 FROM uploads WHERE sha256 = ?)"_s);
    bool failed = query.lastError().isValid();
    for (auto file = files.cbegin(); file != files.cend() && !failed; ++file) {
        stillUsed.addBindValue(*file);
        stillUsed.addBindValue(*file);
        failed = !stillUsed.exec() || !stillUsed.next();
        if (!failed && !stillUsed.value(0).toBool())
            pruned.unreferencedFiles.append(*file);
    }
    if (failed || !db.commit()) {
        const QString error = query.lastError().text() + stillUsed.lastError().text() + db.lastError().text();
        db.rollback();
        fail(u"cannot remove old messages"_s, error);
        return std::nullopt;
    }
    return pruned;
}

std::optional<QList<ChatMessage>> MessageStore::inOrder(const QString &conversation, qint64 after,
                                                        int limit) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM messages WHERE conversation = ? AND seq > ? ORDER BY seq LIMIT ?"_s.arg(
        QLatin1StringView(ChatColumns)));
    query.addBindValue(conversation);
    query.addBindValue(after);
    query.addBindValue(limit);
    auto chats = query.exec() ? readChats(query) : std::nullopt;
    if (!chats)
        readFailed(u"messages of %1"_s.arg(conversation), query.lastError().text());
    return chats;
}

std::optional<bool> MessageStore::hasBefore(const QString &conversation, qint64 seq) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT EXISTS (SELECT 1 FROM messages WHERE conversation = ? AND seq < ?)"_s);
    query.addBindValue(conversation);
    query.addBindValue(seq);
    if (!query.exec() || !query.next()) {
        readFailed(u"whether older messages exist"_s, query.lastError().text());
        return std::nullopt;
    }
    return query.value(0).toBool();
}

std::optional<MessageStore::Standing> MessageStore::standing(const QString &conversation,
                                                             const QString &memberId, qint64 readSeq) const
{
    // Counted up to a cap: a member back after a year costs the same as one back after a week.
    // Prepared once: a welcome asks this for every conversation the member is in.
    QSqlQuery *statement = prepared(
        u"SELECT (SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conversation = ?), COUNT(*), "
        "COALESCE(SUM(mentioned), 0) FROM (SELECT instr(' ' || mentions || ' ', ' ' || ? || ' ') > 0 "
        "AS mentioned FROM messages WHERE conversation = ? AND seq > ? AND member_id <> ? AND deleted = 0 "
        "LIMIT ?)"_s);
    if (!statement)
        return std::nullopt;
    QSqlQuery &query = *statement;
    const auto done = qScopeGuard([&] { query.finish(); }); // kept for the next: not left reading
    for (const QVariant &value : {QVariant(conversation), QVariant(memberId), QVariant(conversation),
                                  QVariant(readSeq), QVariant(memberId), QVariant(MaxCountedUnread)})
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        readFailed(u"the unread messages of %1"_s.arg(conversation), query.lastError().text());
        return std::nullopt;
    }
    return Standing{query.value(0).toLongLong(), query.value(1).toInt(), query.value(2).toInt()};
}

std::optional<QHash<QString, qint64>> MessageStore::readPositions(const QString &memberId) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT conversation, seq FROM read_positions WHERE member_id = ?"_s);
    query.addBindValue(memberId);
    if (!query.exec()) {
        readFailed(u"read positions"_s, query.lastError().text());
        return std::nullopt;
    }
    QHash<QString, qint64> positions;
    while (query.next())
        positions.insert(query.value(0).toString(), query.value(1).toLongLong());
    if (query.lastError().isValid())
        return std::nullopt;
    return positions;
}

std::optional<QList<MessageStore::Direct>> MessageStore::directConversations() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, member_a, name_a, member_b, name_b FROM direct_conversations"_s)) {
        readFailed(u"direct conversations"_s, query.lastError().text());
        return std::nullopt;
    }
    QList<Direct> result;
    while (query.next()) {
        result.append({query.value(0).toString(),
                       {Member{query.value(1).toString(), query.value(2).toString()},
                        Member{query.value(3).toString(), query.value(4).toString()}}});
    }
    if (query.lastError().isValid())
        return std::nullopt;
    return result;
}

bool MessageStore::addDirect(const Direct &direct, qint64 ts)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(
        u"INSERT OR IGNORE INTO direct_conversations (id, member_a, name_a, member_b, name_b, opened_ts) "
        "VALUES (?, ?, ?, ?, ?, ?)"_s);
    for (const QVariant &value :
         {QVariant(direct.id), QVariant(direct.members[0].id), QVariant(direct.members[0].name),
          QVariant(direct.members[1].id), QVariant(direct.members[1].name), QVariant(ts)})
        query.addBindValue(value);
    if (!query.exec())
        return fail(u"cannot store a direct conversation"_s, query.lastError().text());
    return true;
}

std::optional<QList<MessageStore::Channel>> MessageStore::channels() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, name, topic FROM channels ORDER BY created_ts, id"_s)) {
        readFailed(u"channels"_s, query.lastError().text());
        return std::nullopt;
    }
    QList<Channel> result;
    QHash<QString, qsizetype> index;
    while (query.next()) {
        index.insert(query.value(0).toString(), result.size());
        result.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toString(), {}});
    }
    if (query.lastError().isValid() || !query.exec(u"SELECT channel, member_id FROM channel_members"_s)) {
        readFailed(u"channels"_s, query.lastError().text());
        return std::nullopt;
    }
    while (query.next()) {
        const auto at = index.constFind(query.value(0).toString());
        if (at != index.cend())
            result[*at].members.insert(query.value(1).toString());
    }
    if (query.lastError().isValid())
        return std::nullopt;
    return result;
}

bool MessageStore::addChannel(const Channel &channel, const QString &createdBy, qint64 ts)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    if (!db.transaction())
        return fail(u"cannot start a transaction"_s, db.lastError().text());
    const auto failed = [&](const QSqlQuery &query) {
        const QString error = query.lastError().text();
        db.rollback();
        return fail(u"cannot store a channel"_s, error);
    };
    QSqlQuery insert(db);
    insert.prepare(
        u"INSERT INTO channels (id, name, topic, created_by, created_ts) VALUES (?, ?, ?, ?, ?)"_s);
    for (const QVariant &value : {QVariant(channel.id), QVariant(channel.name),
                                  QVariant(channel.topic.isNull() ? u""_s : channel.topic), // NOT NULL
                                  createdBy.isEmpty() ? QVariant() : QVariant(createdBy), QVariant(ts)})
        insert.addBindValue(value);
    if (!insert.exec())
        return failed(insert);
    QSqlQuery member(db);
    member.prepare(u"INSERT INTO channel_members (channel, member_id) VALUES (?, ?)"_s);
    for (const QString &memberId : channel.members) {
        member.addBindValue(channel.id);
        member.addBindValue(memberId);
        if (!member.exec())
            return failed(member);
    }
    if (!db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        return fail(u"cannot store a channel"_s, error);
    }
    return true;
}

bool MessageStore::setChannelMember(const QString &channel, const QString &memberId, bool member)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(member ? u"INSERT OR IGNORE INTO channel_members (channel, member_id) VALUES (?, ?)"_s
                         : u"DELETE FROM channel_members WHERE channel = ? AND member_id = ?"_s);
    query.addBindValue(channel);
    query.addBindValue(memberId);
    if (!query.exec())
        return fail(u"cannot change a channel's members"_s, query.lastError().text());
    return true;
}

std::optional<QString> MessageStore::lastPostedName(const QString &memberId) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT member_name FROM messages WHERE member_id = ? ORDER BY seq DESC LIMIT 1"_s);
    query.addBindValue(memberId);
    if (!query.exec()) {
        readFailed(u"a member's name"_s, query.lastError().text());
        return std::nullopt;
    }
    return query.next() ? query.value(0).toString() : u""_s;
}

QByteArray MessageStore::roomSecret()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    if (query.exec(u"SELECT value FROM meta WHERE key = 'room_secret'"_s) && query.next())
        return query.value(0).toByteArray();
    QByteArray secret(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(secret.data()), secret.size() / 4);
    query.prepare(u"INSERT INTO meta (key, value) VALUES ('room_secret', ?)"_s);
    query.addBindValue(secret);
    if (!query.exec())
        qCWarning(lcStore) << "cannot keep the room secret; member ids will change on restart:"
                           << query.lastError().text();
    return secret;
}

std::optional<FileInfo> MessageStore::postedFile(const QString &fileId, const QString &conversation,
                                                 bool *failed) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT file_id, file_name, file_size, file_type, file_width, file_height FROM messages "
                  "WHERE file_id = ? AND conversation = ? ORDER BY seq DESC LIMIT 1"_s);
    query.addBindValue(fileId);
    query.addBindValue(conversation);
    const bool executed = query.exec();
    if (!executed)
        readFailed(u"a file's message"_s, query.lastError().text());
    if (failed)
        *failed = !executed;
    if (!executed || !query.next())
        return std::nullopt;
    return readFile(query, 0);
}

std::optional<QList<MessageStore::Upload>> MessageStore::uploads() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, member_id, member_name, conversation, name, size, sha256, client_id, text, "
                    "mentions, created_ts FROM uploads"_s)) {
        readFailed(u"uploads"_s, query.lastError().text());
        return std::nullopt;
    }
    QList<Upload> result;
    while (query.next()) {
        const QString mentions = query.value(9).toString();
        result.append(
            {query.value(0).toString(), Member{query.value(1).toString(), query.value(2).toString()},
             query.value(3).toString(), query.value(4).toString(), query.value(5).toLongLong(),
             query.value(6).toString(), query.value(7).toString(), query.value(8).toString(),
             mentions.isEmpty() ? QStringList() : mentions.split(u' '), query.value(10).toLongLong()});
    }
    if (query.lastError().isValid())
        return std::nullopt;
    return result;
}

bool MessageStore::addUpload(const Upload &upload)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"INSERT INTO uploads (id, member_id, member_name, conversation, name, size, sha256, "
                  "client_id, text, mentions, created_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const QVariant &value :
         {QVariant(upload.id), QVariant(upload.from.id), QVariant(upload.from.name),
          QVariant(upload.conversation), QVariant(upload.name), QVariant(upload.size),
          QVariant(upload.sha256), QVariant(upload.clientId),
          QVariant(upload.text.isNull() ? u""_s : upload.text), // NOT NULL
          upload.mentions.isEmpty() ? QVariant() : QVariant(upload.mentions.join(u' ')),
          QVariant(upload.createdTs)})
        query.addBindValue(value);
    if (!query.exec())
        return fail(u"cannot store an upload"_s, query.lastError().text());
    return true;
}

bool MessageStore::removeUpload(const QString &id)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"DELETE FROM uploads WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return fail(u"cannot remove an upload"_s, query.lastError().text());
    return true;
}
