// A room whose disk fills up, or turns read-only, while people chat: chats it cannot store are
// refused (store_failed) and stay in the sender's outbox, nothing acknowledged is lost, and
// everything goes out once the disk can be written again.
#include "ChatClient.h"
#include "ChatGateway.h"
#include "HttpExchange.h"
#include "MessageRows.h"
#include "MessageStore.h"
#include "TestClient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>
#include <numeric>

using namespace Qt::Literals::StringLiterals;

namespace {

class StorageFaultTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        disk = qEnvironmentVariable("PARLEY_SMALL_DISK");
        if (disk.isEmpty())
            GTEST_SKIP() << "run through run-with-small-disk.sh (CTest does)";
        ServerConfig config;
        config.bindAddress = QHostAddress::LocalHost;
        config.port = 0;
        config.databasePath = disk + u"/history.sqlite"_s;
        config.ratePerSecond = 1000;
        config.rateBurst = 1000;
        gateway = std::make_unique<ChatGateway>(config);
        ASSERT_TRUE(gateway->listen()) << gateway->errorString().toStdString();
        url = QUrl(u"ws://127.0.0.1:%1/"_s.arg(gateway->port()));
        alice.setDisplayName(u"Alice"_s);
        alice.connectToRoom(url);
        ASSERT_TRUE(QTest::qWaitFor([&] { return alice.state() == ChatClient::State::Connected; }, 5000));
        ASSERT_TRUE(bob.join(url, u"Bob"_s));
    }

    void TearDown() override
    {
        QFile::remove(disk + u"/filler"_s);
        QFile::remove(disk + u"/history.sqlite"_s);
        QFile::remove(disk + u"/history.sqlite-wal"_s);
        QFile::remove(disk + u"/history.sqlite-shm"_s);
    }

    /// Writes a file until the disk has no room left.
    void fillDisk()
    {
        QFile filler(disk + u"/filler"_s);
        ASSERT_TRUE(filler.open(QIODevice::WriteOnly));
        const QByteArray block(16 * 1024, 'f');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
    }

    static bool mount(const QString &options, const QString &path)
    {
        return QProcess::execute(u"mount"_s, {u"-o"_s, options, path}) == 0;
    }

    /// Sends texts as the person would and waits until the room has refused one.
    void sendUntilRefused(const QString &prefix)
    {
        const auto refused = [&] { return alice.errorString().contains(u"could not store"_s); };
        for (int i = 0; i < 40 && !refused(); ++i) {
            ASSERT_TRUE(alice.sendMessage(u"%1 %2 %3"_s.arg(prefix).arg(i).arg(QString(2000, u'x'))));
            ASSERT_TRUE(
                QTest::qWaitFor([&] { return alice.messages()->unsent().isEmpty() || refused(); }, 5000));
        }
        ASSERT_TRUE(alice.errorString().contains(u"could not store"_s)) << alice.errorString().toStdString();
        EXPECT_FALSE(alice.messages()->unsent().isEmpty()); // the refused ones wait, still "sending"
    }

    /// After the disk is writable again: every message is stored once, in order, and heard once.
    void expectEverythingOnceInOrder(int sent)
    {
        ASSERT_TRUE(QTest::qWaitFor([&] { return alice.messages()->unsent().isEmpty(); }, 20000))
            << alice.messages()->unsent().size() << " still unsent";
        EXPECT_EQ(chatSeqs(alice.messages()).size(), sent);
        ASSERT_TRUE(QTest::qWaitFor([&] { return bob.received(u"chat"_s).size() >= sent; }, 5000));
        QList<qint64> heard;
        QSet<QString> texts;
        for (const QJsonObject &chat : bob.received(u"chat"_s)) {
            heard.append(chat[u"seq"_s].toInteger());
            texts.insert(chat[u"text"_s].toString());
        }
        QList<qint64> expected(sent);
        std::iota(expected.begin(), expected.end(), 1);
        EXPECT_EQ(heard, expected); // no seq lost, none reused
        EXPECT_EQ(texts.size(), sent);

        gateway.reset(); // what is on disk, read back by a fresh store
        MessageStore store(disk + u"/history.sqlite"_s);
        ASSERT_TRUE(store.open()) << store.errorString().toStdString();
        const auto stored = store.recent(Protocol::GeneralConversation.toString(), 1000);
        ASSERT_TRUE(stored);
        EXPECT_EQ(stored->size(), sent);
    }

    QString disk;
    std::unique_ptr<ChatGateway> gateway;
    QUrl url;
    ChatClient alice;
    TestClient bob;
};

} // namespace

TEST_F(StorageFaultTest, AFullDiskRefusesChatsAndTheyGoOutOnceThereIsRoomAgain)
{
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(alice.sendMessage(u"before %1"_s.arg(i)));
    ASSERT_TRUE(QTest::qWaitFor([&] { return alice.messages()->unsent().isEmpty(); }, 5000));
    const quint16 port = gateway->port();
    EXPECT_EQ(HttpExchange::run(port, "GET", "/healthz").status, 200);
    fillDisk();
    sendUntilRefused(u"while full"_s);
    // A monitor hears of it: the room is up but cannot keep what it is sent.
    EXPECT_EQ(HttpExchange::run(port, "GET", "/healthz").status, 503);
    EXPECT_TRUE(HttpExchange::run(port, "GET", "/metrics")
                    .body.contains("parley_refusals_total{reason=\"store_failed\"}"));
    const int sent = int(chatSeqs(alice.messages()).size()); // acked and waiting alike
    ASSERT_TRUE(QFile::remove(disk + u"/filler"_s));         // room again: the outbox goes out by itself
    ASSERT_TRUE(QTest::qWaitFor([&] { return alice.messages()->unsent().isEmpty(); }, 20000));
    EXPECT_EQ(HttpExchange::run(port, "GET", "/healthz").status, 200);
    expectEverythingOnceInOrder(sent);
}

// The disk fills up while a file comes in (the room's own limit would let it in): the piece is
// refused with 507 and the offset kept, files stored before are untouched, and the upload goes
// on from there once there is room again.
TEST_F(StorageFaultTest, AFullDiskStopsAnUploadWithoutDamageAndItGoesOnOnceThereIsRoom)
{
    TestClient ann;
    ASSERT_TRUE(ann.open(url));
    ann.send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Ann"_s}, {u"protocol"_s, 2}});
    const auto welcome = ann.waitFor(u"welcome"_s);
    ASSERT_TRUE(welcome);
    const quint16 port = gateway->port();
    const auto upload = [&](const QByteArray &data, const QString &clientId) {
        ann.send({{u"type"_s, u"upload"_s},
                  {u"conversation"_s, u"general"_s},
                  {u"name"_s, clientId},
                  {u"size"_s, double(data.size())},
                  {u"sha256"_s,
                   QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())},
                  {u"clientId"_s, clientId}});
        return ann.waitFor(u"upload_ready"_s,
                           [&](const QJsonObject &r) { return r[u"clientId"_s] == clientId; });
    };
    const auto put = [&](const QString &url, const QByteArray &data, qint64 from) {
        return HttpExchange::run(port, "PUT", url.toLatin1(),
                                 "Content-Range: bytes " + QByteArray::number(from) + '-' +
                                     QByteArray::number(data.size() - 1) + '/' +
                                     QByteArray::number(data.size()) + "\r\n",
                                 data.mid(from));
    };
    const auto fetch = [&](const QByteArray &data) {
        return HttpExchange::run(
                   port, "GET",
                   "/files/" + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex() +
                       "?c=general&key=" + QUrl::toPercentEncoding((*welcome)[u"fileKey"_s].toString()))
            .body;
    };
    const QByteArray kept(300 * 1024, 'k');
    const auto first = upload(kept, u"kept"_s);
    ASSERT_TRUE(first);
    ASSERT_EQ(put((*first)[u"url"_s].toString(), kept, 0).status, 201);

    QByteArray data(1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char(i * 7 % 251);
    const auto second = upload(data, u"big"_s); // (a full disk would refuse to note it: store_failed)
    ASSERT_TRUE(second);
    fillDisk();
    const QString url = (*second)[u"url"_s].toString();
    const HttpExchange refused = put(url, data, 0);
    EXPECT_EQ(refused.status, 507);
    const qint64 offset = refused.header("Upload-Offset").toLongLong();
    EXPECT_LT(offset, data.size());
    EXPECT_EQ(fetch(kept), kept); // untouched

    QFile::remove(disk + u"/filler"_s);
    EXPECT_EQ(HttpExchange::run(port, "HEAD", url.toLatin1()).header("Upload-Offset").toLongLong(), offset);
    ASSERT_EQ(put(url, data, offset).status, 201);
    EXPECT_EQ(fetch(data), data);
}

TEST_F(StorageFaultTest, AHistoryOnAReadOnlyDiskIsAClearErrorAndIsLeftAsItWas)
{
    ASSERT_TRUE(alice.sendMessage(u"kept"_s));
    ASSERT_TRUE(QTest::qWaitFor([&] { return alice.messages()->unsent().isEmpty(); }, 5000));
    alice.disconnectFromRoom();
    bob.socket().abort();
    gateway.reset();
    const QString path = disk + u"/history.sqlite"_s;
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();

    ASSERT_TRUE(mount(u"remount,ro"_s, disk));
    ServerConfig config;
    config.port = 0;
    config.databasePath = path;
    ChatGateway readOnly(config);
    EXPECT_FALSE(readOnly.listen());
    EXPECT_TRUE(readOnly.errorString().contains(path)) << readOnly.errorString().toStdString();
    ASSERT_TRUE(mount(u"remount,rw"_s, disk));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), before);
}
