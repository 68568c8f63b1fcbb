// The history store on real SQLite files in a temporary folder.
#include "MessageStore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

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
    EXPECT_TRUE(store.recent(10).value().isEmpty());

    QList<MessageStore::Entry> batch;
    for (qint64 seq = 1; seq <= 10; ++seq)
        batch.append(entry(seq, u"c%1"_s.arg(seq)));
    ASSERT_TRUE(store.append(batch));
    EXPECT_EQ(store.lastSeq(), std::optional<qint64>(10));

    EXPECT_EQ(seqs(store.recent(3)), (QList<qint64>{8, 9, 10}));
    EXPECT_EQ(seqs(store.after(7, 100)), (QList<qint64>{8, 9, 10}));
    EXPECT_EQ(seqs(store.after(2, 3)), (QList<qint64>{3, 4, 5}));
    EXPECT_EQ(seqs(store.before(8, 3)), (QList<qint64>{5, 6, 7}));
    EXPECT_TRUE(store.hasBefore(2).value());
    EXPECT_FALSE(store.hasBefore(1).value());
    const ChatMessage first = store.before(2, 1).value().constFirst();
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
    const QList<ChatMessage> old = store.recent(10).value();
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
