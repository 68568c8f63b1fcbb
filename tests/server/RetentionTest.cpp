// Retention (parleyd --keep-messages): old messages go while members chat, nothing acked is
// refused, and the history file stops growing.
#include "GatewayTest.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace {

/// The history's size in pages (what its file needs, WAL included), read as another process would.
qint64 pageCount(const QString &path)
{
    const QString name = QUuid::createUuid().toString();
    qint64 pages = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        QSqlQuery query(db);
        if (db.open() && query.exec(u"PRAGMA page_count"_s) && query.next())
            pages = query.value(0).toLongLong();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return pages;
}

} // namespace

class RetentionTest : public ConversationsTest
{
protected:
    void SetUp() override
    {
        ServerConfig config;
        config.databasePath = dir.filePath(u"server.sqlite"_s);
        config.keepMessages = 100;
        config.retentionInterval = std::chrono::milliseconds(50);
        config.retentionBatch = 40; // a few batches per look
        config.ratePerSecond = 10000;
        config.rateBurst = 10000;
        startGateway(config);
    }

    /// Posts count chats and waits for every ack.
    void chat(TestClient *client, int count)
    {
        const int acked = int(client->received(u"ack"_s).size());
        for (int i = 0; i < count; ++i) {
            const int n = ++posted;
            client->sendChat(u"message %1 of a busy day, long enough to fill some pages"_s.arg(n),
                             u"r%1"_s.arg(n));
        }
        ASSERT_TRUE(
            QTest::qWaitFor([&] { return client->received(u"ack"_s).size() == acked + count; }, 15000));
    }

    /// The oldest message a newcomer's page of #general starts with.
    qint64 oldestKept()
    {
        TestClient *reader = member(u"Reader%1"_s.arg(++readers));
        reader->send({{u"type"_s, u"history"_s}, {u"conversation"_s, u"general"_s}, {u"limit"_s, 200}});
        const auto page = reader->waitFor(u"history"_s);
        return page && !(*page)[u"messages"_s].toArray().isEmpty()
                   ? (*page)[u"messages"_s][0][u"seq"_s].toInteger()
                   : -1;
    }

    int posted = 0;
    int readers = 0;
};

TEST_F(RetentionTest, OldMessagesGoWhileMembersChatAndTheFileStopsGrowing)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    chat(ann, 400);
    EXPECT_TRUE(ann->received(u"error"_s).isEmpty()); // pruning never turned a chat away
    const qint64 newest = ann->received(u"ack"_s).constLast()[u"seq"_s].toInteger();
    ASSERT_TRUE(QTest::qWaitFor([&] { return oldestKept() == newest - 99; }, 10000));
    // Bob, who was there all along, got every one live.
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->received(u"chat"_s).size() == 400; }, 10000));

    // As many again: the pages the old ones freed are used again.
    const qint64 pages = pageCount(dir.filePath(u"server.sqlite"_s));
    ASSERT_GT(pages, 0);
    chat(ann, 400);
    const qint64 last = ann->received(u"ack"_s).constLast()[u"seq"_s].toInteger();
    ASSERT_TRUE(QTest::qWaitFor([&] { return oldestKept() == last - 99; }, 10000));
    EXPECT_LE(pageCount(dir.filePath(u"server.sqlite"_s)), pages + pages / 4 + 2);

    // It shows in the metrics.
    EXPECT_TRUE(gateway->metricsText().contains("parley_pruned_messages_total 700"));
}
