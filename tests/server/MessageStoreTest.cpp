// The history store on real SQLite files in a temporary folder.
#include "MessageStore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString General = GeneralConversation.toString();

MessageStore::Entry entry(qint64 seq, const QString &clientId = {})
{
    return {ChatMessage{seq, 1764150000000 + seq, Member{u"m%1"_s.arg(seq % 3), u"Member"_s},
                        u"text %1"_s.arg(seq)},
            clientId};
}

/// The seqs of a read that must have succeeded.
QList<qint64> seqs(const std::optional<QList<ChatMessage>> &chats)
{
    EXPECT_TRUE(chats.has_value());
    QList<qint64> result;
    for (const ChatMessage &chat : chats.value_or(QList<ChatMessage>{}))
        result.append(chat.seq);
    return result;
}

class MessageStoreTest : public ::testing::Test
{
protected:
    QString path(const QString &name = u"history.sqlite"_s) const { return dir.filePath(name); }
    QTemporaryDir dir;
};

} // namespace

TEST_F(MessageStoreTest, WritesAndReadsPages)
{
    MessageStore store(path());
    ASSERT_TRUE(store.open()) << store.errorString().toStdString();
    EXPECT_EQ(store.lastSeq(), std::optional<qint64>(0));
    EXPECT_TRUE(store.recent(General, 10).value().isEmpty());

    QList<MessageStore::Entry> batch;
    for (qint64 seq = 1; seq <= 10; ++seq)
        batch.append(entry(seq, u"c%1"_s.arg(seq)));
    ASSERT_TRUE(store.append(batch));
    EXPECT_EQ(store.lastSeq(), std::optional<qint64>(10));

    EXPECT_EQ(seqs(store.recent(General, 3)), (QList<qint64>{8, 9, 10}));
    EXPECT_EQ(seqs(store.after(7, 100, {General})), (QList<qint64>{8, 9, 10}));
    EXPECT_EQ(seqs(store.after(2, 3, {General})), (QList<qint64>{3, 4, 5}));
    EXPECT_EQ(seqs(store.before(General, 8, 3)), (QList<qint64>{5, 6, 7}));
    EXPECT_TRUE(store.hasBefore(General, 2).value());
    EXPECT_FALSE(store.hasBefore(General, 1).value());
    const ChatMessage first = store.before(General, 2, 1).value().constFirst();
    EXPECT_EQ(first, entry(1).chat);

    const auto found = store.find(u"m2"_s, u"c5"_s);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->first, 5);
    EXPECT_EQ(found->second, entry(5).chat.ts);
    EXPECT_FALSE(store.find(u"m1"_s, u"c5"_s)); // another member's clientId space
}

TEST_F(MessageStoreTest, SurvivesReopeningAndKeepsTheRoomSecret)
{
    QByteArray secret;
    {
        MessageStore store(path());
        ASSERT_TRUE(store.open());
        ASSERT_TRUE(store.append({entry(1), entry(2)}));
        secret = store.roomSecret();
        EXPECT_EQ(secret.size(), 32);
    }
    MessageStore store(path());
    ASSERT_TRUE(store.open());
    EXPECT_EQ(store.lastSeq(), std::optional<qint64>(2));
    EXPECT_EQ(store.roomSecret(), secret);

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
    db.setDatabaseName(path());
    ASSERT_TRUE(db.open());
    QSqlQuery query(db);
    ASSERT_TRUE(query.exec(u"PRAGMA journal_mode"_s) && query.next());
    EXPECT_EQ(query.value(0).toString(), u"wal"_s);
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(u"inspect"_s);
}

TEST_F(MessageStoreTest, ABatchIsStoredWholeOrNotAtAll)
{
    MessageStore store(path());
    ASSERT_TRUE(store.open());
    ASSERT_TRUE(store.append({entry(1, u"a"_s)}));
    // seq 3 is new but seq 1 repeats: the whole batch must fail and leave nothing behind.
    EXPECT_FALSE(store.append({entry(2), entry(3), entry(1)}));
    EXPECT_FALSE(store.errorString().isEmpty());
    EXPECT_EQ(store.lastSeq(), std::optional<qint64>(1));
}

TEST_F(MessageStoreTest, MigratesAnOlderSchemaKeepingItsMessages)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
        db.setDatabaseName(path());
        ASSERT_TRUE(db.open());
        QSqlQuery query(db);
        ASSERT_TRUE(
            query.exec(u"CREATE TABLE messages (seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, member_id "
                       "TEXT NOT NULL, member_name TEXT NOT NULL, text TEXT NOT NULL)"_s));
        ASSERT_TRUE(query.exec(u"INSERT INTO messages VALUES (1, 1000, 'm1', 'Old', 'from version 1')"_s));
        ASSERT_TRUE(query.exec(u"PRAGMA user_version=1"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v1"_s);

    MessageStore store(path());
    ASSERT_TRUE(store.open()) << store.errorString().toStdString();
    const QList<ChatMessage> old = store.recent(General, 10).value();
    ASSERT_EQ(old.size(), 1);
    EXPECT_EQ(old.at(0).text, u"from version 1"_s);
    // Version 2 features work on the migrated file.
    ASSERT_TRUE(store.append({entry(2, u"dedup-me"_s)}));
    EXPECT_TRUE(store.find(entry(2).chat.from.id, u"dedup-me"_s));
    EXPECT_FALSE(store.append({entry(3, u"dedup-me"_s), entry(5, u"dedup-me"_s)}));
    EXPECT_FALSE(store.roomSecret().isEmpty());
}

TEST_F(MessageStoreTest, ACorruptedFileIsAClearErrorAndIsNotReset)
{
    const QByteArray garbage = QByteArray("this is not a database, it is a shopping list\n").repeated(200);
    QFile file(path());
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(garbage);
    file.close();

    MessageStore store(path());
    EXPECT_FALSE(store.open());
    EXPECT_TRUE(store.errorString().contains(path())) << store.errorString().toStdString();
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), garbage);
}

TEST_F(MessageStoreTest, APartlyDamagedFileIsRefusedAtStartAndLeftAsItWas)
{
    {
        MessageStore store(path());
        ASSERT_TRUE(store.open());
        for (qint64 seq = 1; seq <= 2000; seq += 100) {
            QList<MessageStore::Entry> batch;
            for (qint64 i = seq; i < seq + 100; ++i)
                batch.append(entry(i, u"c%1"_s.arg(i)));
            ASSERT_TRUE(store.append(batch));
        }
    }
    // Fold the write-ahead log in, then damage pages in the middle of the file, as a disk does.
    {
        MessageStore store(path());
        ASSERT_TRUE(store.open());
    }
    QFile file(path());
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    ASSERT_GT(file.size(), 16 * 4096);
    file.seek(8 * 4096);
    file.write(QByteArray(4 * 4096, '\x5a'));
    file.close();
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray damaged = file.readAll();
    file.close();

    MessageStore store(path());
    EXPECT_FALSE(store.open());
    EXPECT_TRUE(store.errorString().contains(u"is damaged"_s)) << store.errorString().toStdString();
    EXPECT_TRUE(store.errorString().contains(path()));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), damaged);
}

// New messages join the search index in batches, not one by one; edits, deletions and pruning
// before and after a message's batch leave the index whole, and a search finds what was stored
// a moment ago.
TEST_F(MessageStoreTest, TheSearchIndexTakesMessagesInBatchesAndStaysWhole)
{
    MessageStore store(path());
    ASSERT_TRUE(store.open());
    qint64 revision = 100;
    const auto edit = [&](qint64 seq, const QString &text) {
        MessageStore::Entry change{ChatMessage{seq, 0, Member{u"m1"_s, u"Member"_s}, text}, {}};
        change.kind = MessageStore::Entry::Kind::Edit;
        change.chat.revision = ++revision;
        return store.append({change});
    };
    const auto erase = [&](qint64 seq) {
        MessageStore::Entry change{ChatMessage{seq, 0, Member{u"m1"_s, u"Member"_s}, {}}, {}};
        change.kind = MessageStore::Entry::Kind::Delete;
        change.chat.deleted = ChatMessage::Deletion::ByAuthor;
        change.chat.revision = ++revision;
        return store.append({change});
    };
    QList<MessageStore::Entry> entries;
    for (qint64 seq = 1; seq <= 6; ++seq)
        entries.append(entry(seq));
    ASSERT_TRUE(store.append(entries));
    // Changed before their batch was indexed.
    ASSERT_TRUE(edit(2, u"apple"_s));
    ASSERT_TRUE(erase(3));
    EXPECT_EQ(seqs(store.search(u"text"_s, {General}, 0, 100)), (QList<qint64>{6, 5, 4, 1}));
    EXPECT_EQ(seqs(store.search(u"apple"_s, {General}, 0, 100)), QList<qint64>{2});
    // Changed after it; pruned; and one not indexed yet.
    ASSERT_TRUE(edit(4, u"cherry"_s));
    ASSERT_TRUE(erase(5));
    ASSERT_TRUE(store.prune(0, 5, 100)); // the oldest, 1, goes
    ASSERT_TRUE(store.append({entry(7)}));
    ASSERT_TRUE(store.indexForSearch());
    ASSERT_TRUE(store.indexForSearch()); // nothing new: nothing twice
    EXPECT_EQ(seqs(store.search(u"text"_s, {General}, 0, 100)), (QList<qint64>{7, 6}));
    EXPECT_EQ(seqs(store.search(u"cherry"_s, {General}, 0, 100)), QList<qint64>{4});
    EXPECT_EQ(seqs(store.search(u"apple"_s, {General}, 0, 100)), QList<qint64>{2});

    // FTS5's own check that the index holds exactly what the messages say.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(path());
        ASSERT_TRUE(db.open());
        QSqlQuery query(db);
        EXPECT_TRUE(query.exec(
            u"INSERT INTO messages_search (messages_search, rank) VALUES ('integrity-check', 1)"_s))
            << query.lastError().text().toStdString();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);
}

// Retention may take the newest messages too (a quiet room with --keep-days): seqs still never
// go back after a restart, so a new message is never below the search index's mark.
TEST_F(MessageStoreTest, SeqsNeverGoBackWhenRetentionTookEveryMessage)
{
    {
        MessageStore store(path());
        ASSERT_TRUE(store.open());
        ASSERT_TRUE(store.append({entry(1), entry(2), entry(3)}));
        ASSERT_TRUE(store.indexForSearch());
        const auto pruned = store.prune(1764150000000 + 100, 0, 100); // older than that: all
        ASSERT_TRUE(pruned);
        EXPECT_EQ(pruned->messages, 3);
    }
    MessageStore store(path());
    ASSERT_TRUE(store.open());
    EXPECT_EQ(store.lastSeq(), 3);
    ASSERT_TRUE(store.append({entry(4)}));
    EXPECT_EQ(seqs(store.search(u"text"_s, {General}, 0, 100)), QList<qint64>{4});
}

TEST_F(MessageStoreTest, AnUnusablePathIsAClearError)
{
    QFile blocker(path(u"not-a-folder"_s));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    MessageStore underAFile(path(u"not-a-folder/history.sqlite"_s));
    EXPECT_FALSE(underAFile.open());
    EXPECT_TRUE(underAFile.errorString().contains(u"not-a-folder"_s))
        << underAFile.errorString().toStdString();

    MessageStore aFolder(dir.path());
    EXPECT_FALSE(aFolder.open());
    EXPECT_FALSE(aFolder.errorString().isEmpty());
}

TEST_F(MessageStoreTest, AFileFromANewerParleyIsRefused)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"future"_s);
        db.setDatabaseName(path());
        ASSERT_TRUE(db.open());
        QSqlQuery query(db);
        ASSERT_TRUE(query.exec(u"PRAGMA user_version=%1"_s.arg(MessageStore::SchemaVersion + 1)));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"future"_s);
    MessageStore store(path());
    EXPECT_FALSE(store.open());
    EXPECT_TRUE(store.errorString().contains(u"newer"_s)) << store.errorString().toStdString();
}

TEST_F(MessageStoreTest, InMemoryRoomsWork)
{
    MessageStore store(u":memory:"_s);
    ASSERT_TRUE(store.open()) << store.errorString().toStdString();
    ASSERT_TRUE(store.append({entry(1)}));
    EXPECT_EQ(store.lastSeq(), std::optional<qint64>(1));
}

TEST_F(MessageStoreTest, AFileFromTheOneRoomVersionOpensWithItsMessagesInGeneral)
{
    // Made by parleyd before conversations existed (schema 2): three chats, two members.
    const QString copy = path(u"v1-room.sqlite"_s);
    ASSERT_TRUE(QFile::copy(QStringLiteral(PARLEY_SOURCE_DIR "/tests/server/data/v1-room.sqlite"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QByteArray secret;
    {
        MessageStore store(copy);
        ASSERT_TRUE(store.open()) << store.errorString().toStdString();
        const QList<ChatMessage> old = store.recent(General, 10).value();
        ASSERT_EQ(old.size(), 3);
        EXPECT_EQ(old.at(1).text, u"xin chào 👋"_s);
        EXPECT_EQ(old.at(1).from.name, u"Bảo"_s);
        EXPECT_EQ(old.at(1).conversation, General);
        EXPECT_EQ(seqs(store.after(0, 10, {General})), (QList<qint64>{1, 2, 3}));
        EXPECT_EQ(store.lastSeq(), std::optional<qint64>(3));
        // Deduplication still knows the old clientIds.
        EXPECT_EQ(store.find(old.at(0).from.id, u"c-0.8890629411124455"_s),
                  (std::pair<qint64, qint64>{1, old.at(0).ts}));
        secret = store.roomSecret();
        ASSERT_TRUE(store.append({{ChatMessage{4, 5, old.at(0).from, u"after the upgrade"_s}, u"n1"_s}}));
    }
    MessageStore again(copy);
    ASSERT_TRUE(again.open());
    EXPECT_EQ(again.roomSecret(), secret); // same room, same member ids
    EXPECT_EQ(seqs(again.recent(General, 10)), (QList<qint64>{1, 2, 3, 4}));
}

TEST_F(MessageStoreTest, ConversationsAreReadApartAndResumedTogether)
{
    MessageStore store(path());
    ASSERT_TRUE(store.open());
    const Member ann{u"ann"_s, u"Ann"_s}, bob{u"bob"_s, u"Bob"_s}, cy{u"cy"_s, u"Cy"_s};
    const QString annBob = u"d:ann:bob"_s, bobCy = u"d:bob:cy"_s;
    ASSERT_TRUE(store.addDirect({annBob, {ann, bob}}, 1));
    ASSERT_TRUE(store.addDirect({bobCy, {bob, cy}}, 1));
    ASSERT_TRUE(store.addDirect({annBob, {ann, bob}}, 2)); // opening twice is one conversation
    ASSERT_TRUE(store.append({
        {ChatMessage{1, 1, ann, u"hello all"_s, General}, {}},
        {ChatMessage{2, 2, ann, u"psst bob"_s, annBob, {u"bob"_s}}, {}},
        {ChatMessage{3, 3, bob, u"hi cy"_s, bobCy}, {}},
        {ChatMessage{4, 4, bob, u"yes ann"_s, annBob}, {}},
        {ChatMessage{5, 5, cy, u"@bob look"_s, General, {u"bob"_s, u"ann"_s}}, {}},
    }));
    EXPECT_EQ(store.directConversations().value().size(), 2);
    EXPECT_EQ(seqs(store.recent(annBob, 10)), (QList<qint64>{2, 4}));
    EXPECT_EQ(seqs(store.before(General, 5, 10)), (QList<qint64>{1}));
    EXPECT_FALSE(store.hasBefore(annBob, 2).value());
    EXPECT_EQ(seqs(store.after(1, 10, {General, annBob})), (QList<qint64>{2, 4, 5})); // not Cy's
    EXPECT_EQ(store.recent(annBob, 1).value().constFirst().conversation, annBob);
    EXPECT_EQ(store.recent(General, 1).value().constFirst().mentions, (QStringList{u"bob"_s, u"ann"_s}));

    // Bob has read the direct conversation up to 2: Ann's first is read, his own never counts.
    ASSERT_TRUE(store.append({}, {{u"bob"_s, annBob, 2}}));
    ASSERT_TRUE(store.append({}, {{u"bob"_s, annBob, 1}})); // never moves back
    EXPECT_EQ(store.readPositions(u"bob"_s).value().value(annBob), 2);
    const auto bobInDirect = store.standing(annBob, u"bob"_s, 2).value();
    EXPECT_EQ(bobInDirect.lastSeq, 4);
    EXPECT_EQ(bobInDirect.unread, 0);
    const auto bobInGeneral = store.standing(General, u"bob"_s, 0).value();
    EXPECT_EQ(bobInGeneral.unread, 2);
    EXPECT_EQ(bobInGeneral.mentions, 1);
    const auto annInDirect = store.standing(annBob, u"ann"_s, 0).value();
    EXPECT_EQ(annInDirect.unread, 1);   // Bob's answer
    EXPECT_EQ(annInDirect.mentions, 0); // a mention of "bob" is no mention of "ann"
    EXPECT_EQ(store.lastPostedName(u"cy"_s), std::optional(u"Cy"_s));
    EXPECT_EQ(store.lastPostedName(u"nobody"_s), std::optional(u""_s));
}

TEST_F(MessageStoreTest, PruningRemovesTheOldestInBatchesAndNamesFilesNothingCarriesAnyMore)
{
    MessageStore store(path());
    ASSERT_TRUE(store.open());
    const FileInfo once{QString(64, u'a'), u"once.png"_s, 10, u"image/png"_s};
    const FileInfo twice{QString(64, u'b'), u"twice.pdf"_s, 10, u"application/pdf"_s};
    QList<MessageStore::Entry> entries;
    for (qint64 seq = 1; seq <= 10; ++seq)
        entries.append(entry(seq));
    entries[0].chat.file = once;  // only in a message that goes
    entries[1].chat.file = twice; // also in one that stays
    entries[8].chat.file = twice;
    ASSERT_TRUE(store.append(entries));

    // Keep the newest 5, two at a time.
    auto pruned = store.prune(0, 5, 2);
    ASSERT_TRUE(pruned);
    EXPECT_EQ(pruned->messages, 2);
    EXPECT_EQ(pruned->unreferencedFiles, QStringList{once.id});
    EXPECT_EQ(seqs(store.after(0, 100, {General})).constFirst(), 3);
    while (pruned && pruned->messages == 2)
        pruned = store.prune(0, 5, 2);
    ASSERT_TRUE(pruned);
    EXPECT_EQ(seqs(store.after(0, 100, {General})), (QList<qint64>{6, 7, 8, 9, 10}));
    EXPECT_EQ(store.lastSeq(), 10); // seqs go on from where they were

    // By age: what was posted before the cut goes, whatever the count.
    pruned = store.prune(1764150000000 + 8, 0, 100);
    ASSERT_TRUE(pruned);
    EXPECT_EQ(pruned->messages, 2);
    EXPECT_EQ(seqs(store.after(0, 100, {General})), (QList<qint64>{8, 9, 10}));
    // Nothing to do is not an error.
    pruned = store.prune(0, 0, 100);
    ASSERT_TRUE(pruned);
    EXPECT_EQ(pruned->messages, 0);
    // An edit of a message retention took (in the same batch as a new one) changes nothing and
    // fails nothing.
    MessageStore::Entry lateEdit{ChatMessage{1, 0, Member{u"m1"_s, u"Member"_s}, u"too late"_s}, {}};
    lateEdit.kind = MessageStore::Entry::Kind::Edit;
    lateEdit.chat.revision = 11;
    EXPECT_TRUE(store.append({lateEdit, entry(12)}));
    EXPECT_EQ(seqs(store.after(0, 100, {General}, false)), (QList<qint64>{8, 9, 10, 12}));
    // The search index forgets them too.
    EXPECT_EQ(seqs(store.search(u"text"_s, {General}, 0, 100)), (QList<qint64>{12, 10, 9, 8}));
}
