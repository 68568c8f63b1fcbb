// Files between two desktop ChatClients through a real gateway on loopback (docs/PROTOCOL.md,
// "Files over HTTP"): sending, progress, saving, thumbnails, cancelling, and an upload that goes
// on after the room restarts.
#include "ChatClient.h"
#include "ChatGateway.h"
#include "TestClient.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

class FilesClientTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        startGateway(0);
        for (ChatClient *client : {&alice, &bob})
            client->setReconnectDelays(std::chrono::milliseconds(50), std::chrono::milliseconds(200));
        alice.setDisplayName(u"Alice"_s);
        bob.setDisplayName(u"Bob"_s);
        alice.connectToRoom(url);
        bob.connectToRoom(url);
        ASSERT_TRUE(QTest::qWaitFor([&] { return connected(alice) && connected(bob); }, 5000));
    }

    static bool connected(const ChatClient &client)
    {
        return client.state() == ChatClient::State::Connected && client.canSendFiles();
    }

    void startGateway(quint16 port)
    {
        ServerConfig config;
        config.databasePath = dir.filePath(u"room.sqlite"_s);
        config.bindAddress = QHostAddress::LocalHost;
        config.port = port;
        gateway = std::make_unique<ChatGateway>(config);
        ASSERT_TRUE(gateway->listen()) << gateway->errorString().toStdString();
        url = QUrl(u"ws://127.0.0.1:%1/"_s.arg(gateway->port()));
    }

    QUrl writeFile(const QString &name, const QByteArray &data)
    {
        QFile file(dir.filePath(name));
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(data);
        return QUrl::fromLocalFile(file.fileName());
    }

    static QByteArray randomBytes(qsizetype size)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
        return bytes;
    }

    /// The row of the newest chat carrying a file in a client's current conversation, or -1.
    static int fileRow(ChatClient &client)
    {
        MessageListModel *messages = client.messages();
        for (int row = messages->rowCount() - 1; row >= 0; --row) {
            if (messages->data(messages->index(row, 0), MessageListModel::HasFileRole).toBool())
                return row;
        }
        return -1;
    }

    static QVariant cell(ChatClient &client, int row, int role)
    {
        return client.messages()->data(client.messages()->index(row, 0), role);
    }

    QTemporaryDir dir;
    std::unique_ptr<ChatGateway> gateway;
    QUrl url;
    ChatClient alice;
    ChatClient bob;
    QAbstractItemModelTester transfersTester{alice.transfers(),
                                             QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester messagesTester{bob.messages(),
                                            QAbstractItemModelTester::FailureReportingMode::Fatal};
};

} // namespace

TEST_F(FilesClientTest, AFileGoesFromOneDesktopToAnotherAndIsSavedWhole)
{
    const QByteArray data = randomBytes(3 * 1024 * 1024);
    alice.setUploadPieceBytes(256 * 1024); // progress in steps
    ASSERT_TRUE(alice.sendFile(writeFile(u"report.bin"_s, data), u"the report"_s));
    // Shown at once on the sender's side, with its upload's progress.
    const int own = fileRow(alice);
    ASSERT_GE(own, 0);
    EXPECT_EQ(cell(alice, own, MessageListModel::FileNameRole), u"report.bin"_s);
    EXPECT_EQ(cell(alice, own, MessageListModel::TextRole), u"the report"_s);
    auto *transfer = cell(alice, own, MessageListModel::TransferRole).value<Transfer *>();
    ASSERT_NE(transfer, nullptr);
    EXPECT_EQ(alice.transfers()->rowCount(), 1);
    QList<double> progress;
    QObject::connect(transfer, &Transfer::progressChanged, transfer,
                     [&] { progress.append(transfer->progress()); });

    ASSERT_TRUE(QTest::qWaitFor([&] { return fileRow(bob) >= 0; }, 10000));
    const int row = fileRow(bob);
    EXPECT_EQ(cell(bob, row, MessageListModel::FileNameRole), u"report.bin"_s);
    EXPECT_EQ(cell(bob, row, MessageListModel::FileSizeRole).toLongLong(), data.size());
    EXPECT_EQ(cell(bob, row, MessageListModel::TextRole), u"the report"_s);
    EXPECT_FALSE(cell(bob, row, MessageListModel::IsImageRole).toBool());
    EXPECT_EQ(cell(bob, row, MessageListModel::FileIdRole).toString(),
              QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return cell(alice, fileRow(alice), MessageListModel::StatusRole)
                       .value<MessageListModel::Status>() == MessageListModel::Status::Sent;
        },
        5000));
    EXPECT_TRUE(QTest::qWaitFor([&] { return alice.transfers()->rowCount() == 0; }, 5000)); // done: gone
    EXPECT_GT(progress.size(), 3);
    EXPECT_TRUE(std::is_sorted(progress.cbegin(), progress.cend()));

    QSignalSpy saved(&bob, &ChatClient::fileSaved);
    const QString target = dir.filePath(u"saved/report.bin"_s);
    bob.saveFile(cell(bob, row, MessageListModel::SeqRole).toLongLong(), QUrl::fromLocalFile(target));
    ASSERT_TRUE(saved.wait(10000));
    EXPECT_EQ(saved.at(0).at(0).toUrl(), QUrl::fromLocalFile(target));
    QFile file(target);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), data);
    EXPECT_TRUE(QDir(dir.filePath(u"saved"_s)).entryList(QDir::Files) ==
                QStringList{u"report.bin"_s}); // no .part left

    // The sender can save what it sent, like anyone else.
    QSignalSpy savedBySender(&alice, &ChatClient::fileSaved);
    alice.saveFile(cell(alice, fileRow(alice), MessageListModel::SeqRole).toLongLong(),
                   QUrl::fromLocalFile(dir.filePath(u"mine.bin"_s)));
    ASSERT_TRUE(savedBySender.wait(10000));
    QFile mine(dir.filePath(u"mine.bin"_s));
    ASSERT_TRUE(mine.open(QIODevice::ReadOnly));
    EXPECT_EQ(mine.readAll(), data);
}

TEST_F(FilesClientTest, WhatIsOnItsWayStaysWithItsRoom)
{
    alice.setUploadPieceBytes(16 * 1024);
    ASSERT_TRUE(alice.sendFile(writeFile(u"for-the-first.bin"_s, randomBytes(4 * 1024 * 1024))));
    auto *transfer = cell(alice, fileRow(alice), MessageListModel::TransferRole).value<Transfer *>();
    ASSERT_NE(transfer, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return transfer->bytesDone() > 0; }, 10000));
    // Off to another room: the upload is not carried over to it.
    ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    ChatGateway other(config);
    ASSERT_TRUE(other.listen());
    TestClient watcher;
    ASSERT_TRUE(watcher.join(QUrl(u"ws://127.0.0.1:%1/"_s.arg(other.port())), u"Watcher"_s));
    alice.connectToRoom(QUrl(u"ws://127.0.0.1:%1/"_s.arg(other.port())));
    ASSERT_TRUE(QTest::qWaitFor([&] { return connected(alice); }, 5000));
    EXPECT_EQ(alice.transfers()->rowCount(), 0);
    ASSERT_TRUE(alice.sendMessage(u"hello, second room"_s));
    ASSERT_TRUE(watcher.waitFor(u"chat"_s));
    EXPECT_EQ(watcher.received(u"chat"_s).size(), 1); // the chat, and no file
}

TEST_F(FilesClientTest, AnImageShowsInlineFromItsThumbnail)
{
    QImage image(1200, 900, QImage::Format_RGB32);
    image.fill(Qt::darkMagenta);
    QBuffer png;
    png.open(QIODevice::WriteOnly);
    image.save(&png, "PNG");
    ASSERT_TRUE(alice.sendFile(writeFile(u"shot.png"_s, png.data())));
    EXPECT_TRUE(cell(alice, fileRow(alice), MessageListModel::IsImageRole).toBool()); // from the local file
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return fileRow(bob) >= 0 &&
                   !cell(bob, fileRow(bob), MessageListModel::ThumbnailRole).toUrl().isEmpty();
        },
        10000));
    const int row = fileRow(bob);
    EXPECT_TRUE(cell(bob, row, MessageListModel::IsImageRole).toBool());
    EXPECT_EQ(cell(bob, row, MessageListModel::ImageWidthRole), 1200);
    EXPECT_EQ(cell(bob, row, MessageListModel::ImageHeightRole), 900);
    const QImage thumbnail(cell(bob, row, MessageListModel::ThumbnailRole).toUrl().toLocalFile());
    EXPECT_EQ(thumbnail.size(), QSize(480, 360));
    EXPECT_TRUE(cell(bob, row, MessageListModel::TextRole).toString().isEmpty());
}

TEST_F(FilesClientTest, AnUploadGoesOnWhereItStoppedWhenTheRoomComesBack)
{
    const QByteArray data = randomBytes(4 * 1024 * 1024);
    alice.setUploadPieceBytes(64 * 1024);
    ASSERT_TRUE(alice.sendFile(writeFile(u"big.bin"_s, data)));
    auto *transfer = cell(alice, fileRow(alice), MessageListModel::TransferRole).value<Transfer *>();
    ASSERT_NE(transfer, nullptr);
    const quint16 port = gateway->port();
    qint64 cutAt = -1;
    QObject::connect(transfer, &Transfer::progressChanged, this->gateway.get(), [&] {
        if (cutAt < 0 && transfer->bytesDone() >= 1024 * 1024) {
            cutAt = transfer->bytesDone();
            gateway.reset(); // the room stops with the upload a quarter through
        }
    });
    ASSERT_TRUE(QTest::qWaitFor([&] { return !gateway; }, 10000));
    EXPECT_LT(cutAt, data.size());
    startGateway(port);
    ASSERT_TRUE(QTest::qWaitFor([&] { return fileRow(bob) >= 0; }, 20000));
    QSignalSpy saved(&bob, &ChatClient::fileSaved);
    const QString target = dir.filePath(u"big-saved.bin"_s);
    bob.saveFile(cell(bob, fileRow(bob), MessageListModel::SeqRole).toLongLong(),
                 QUrl::fromLocalFile(target));
    ASSERT_TRUE(saved.wait(10000));
    QFile file(target);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), data);
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return cell(alice, fileRow(alice), MessageListModel::StatusRole)
                       .value<MessageListModel::Status>() == MessageListModel::Status::Sent;
        },
        5000));
}

TEST_F(FilesClientTest, ACancelledUploadGoesAwayEverywhere)
{
    alice.setUploadPieceBytes(16 * 1024);
    ASSERT_TRUE(alice.sendFile(writeFile(u"x.bin"_s, randomBytes(2 * 1024 * 1024))));
    auto *transfer = cell(alice, fileRow(alice), MessageListModel::TransferRole).value<Transfer *>();
    ASSERT_NE(transfer, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return transfer->bytesDone() > 0; }, 10000));
    alice.cancelTransfer(transfer->id());
    EXPECT_EQ(fileRow(alice), -1);
    EXPECT_EQ(alice.transfers()->rowCount(), 0);
    // Bob never hears of it; a chat after it arrives alone.
    ASSERT_TRUE(alice.sendMessage(u"never mind"_s));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const int last = bob.messages()->rowCount() - 1;
            return last >= 0 && cell(bob, last, MessageListModel::TextRole) == u"never mind"_s;
        },
        5000));
    EXPECT_EQ(fileRow(bob), -1);
}

TEST_F(FilesClientTest, WhatCannotBeSentIsSaidBeforeSending)
{
    EXPECT_FALSE(alice.fileProblem(QUrl::fromLocalFile(dir.filePath(u"missing"_s))).isEmpty());
    EXPECT_FALSE(alice.fileProblem(writeFile(u"empty"_s, {})).isEmpty());
    EXPECT_FALSE(alice.sendFile(writeFile(u"empty"_s, {})));
    EXPECT_FALSE(alice.errorString().isEmpty());
    EXPECT_TRUE(alice.fileProblem(writeFile(u"ok"_s, "x")).isEmpty());
    EXPECT_EQ(alice.maxFileBytes(), 100 * 1024 * 1024);
    EXPECT_EQ(ChatClient::suggestedFileName(u"../../.config/autostart/x.desktop"_s), u"x.desktop"_s);
    EXPECT_EQ(ChatClient::suggestedFileName(u"con.txt"_s), u"_con.txt"_s);
    EXPECT_EQ(ChatClient::suggestedFileName(u"a:stream"_s), u"a_stream"_s);
    EXPECT_EQ(ChatClient::suggestedFileName(u".."_s), u"file"_s);
    EXPECT_EQ(ChatClient::suggestedFileName(u"report.pdf"_s), u"report.pdf"_s);
    EXPECT_TRUE(ChatClient::mayRunCode(u"setup.exe"_s, u"application/octet-stream"_s));
    EXPECT_TRUE(ChatClient::mayRunCode(u"notes.txt"_s, u"application/x-shellscript"_s));
    EXPECT_FALSE(ChatClient::mayRunCode(u"photo.jpg"_s, u"image/jpeg"_s));
}
