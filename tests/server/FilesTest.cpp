// Files over HTTP on the room's port (docs/PROTOCOL.md, "Files over HTTP"): real WebSocket
// members ask for uploads, real TCP connections PUT and GET the bytes.
#include "GatewayTest.h"
#include "HttpExchange.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QImage>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

using HttpAnswer = HttpExchange;

HttpAnswer http(quint16 port, const QByteArray &method, const QByteArray &target,
                const QByteArray &headers = {}, const QByteArray &body = {})
{
    return HttpExchange::run(port, method, target, headers, body);
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

QByteArray png(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return buffer.data();
}

/// A PNG whose header claims 50,000 × 50,000 pixels (10 GB decoded) in a few bytes.
QByteArray decompressionBomb()
{
    const auto crc32 = [](const QByteArray &data) {
        quint32 crc = 0xffffffff;
        for (const char byte : data) {
            crc ^= quint8(byte);
            for (int bit = 0; bit < 8; ++bit)
                crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
        }
        return ~crc;
    };
    const auto chunk = [&](const QByteArray &type, const QByteArray &data) {
        QByteArray out;
        QDataStream stream(&out, QIODevice::WriteOnly);
        stream << quint32(data.size());
        out += type + data;
        QDataStream(&out, QIODevice::Append) << crc32(type + data);
        return out;
    };
    QByteArray header;
    QDataStream(&header, QIODevice::WriteOnly)
        << quint32(50000) << quint32(50000) << quint8(8) << quint8(6) << quint8(0) << quint8(0) << quint8(0);
    const QByteArray zeros = qCompress(QByteArray(1 << 20, '\0')).mid(4); // a zlib stream
    return "\x89PNG\r\n\x1a\n"_ba + chunk("IHDR", header) + chunk("IDAT", zeros) + chunk("IEND", {});
}

qint64 peakMemoryKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return 0;
}

class FilesTest : public ConversationsTest
{
protected:
    void SetUp() override { start(ServerConfig()); }

    void start(ServerConfig config)
    {
        config.databasePath = dir.filePath(u"server.sqlite"_s);
        config.uploadsPerMinute = 1000;
        startGateway(config);
    }

    /// Asks for an upload and returns its upload_ready frame (or the error, if refused).
    QJsonObject askUpload(TestClient *client, const QString &conversation, const QString &name,
                          const QByteArray &data, const QString &clientId, const QString &declaredSha = {},
                          const QString &caption = u"a caption"_s)
    {
        QJsonObject upload{{u"type"_s, u"upload"_s},
                           {u"conversation"_s, conversation},
                           {u"name"_s, name},
                           {u"size"_s, double(data.size())},
                           {u"sha256"_s, declaredSha.isEmpty() ? sha256(data) : declaredSha},
                           {u"clientId"_s, clientId}};
        if (!caption.isEmpty())
            upload.insert(u"text"_s, caption);
        client->send(upload);
        QJsonObject answer;
        (void)QTest::qWaitFor([&] {
            for (const QString &type : {u"upload_ready"_s, u"error"_s}) {
                for (const QJsonObject &frame : client->received(type)) {
                    if (frame[u"clientId"_s] == clientId)
                        answer = frame;
                }
            }
            return !answer.isEmpty();
        });
        return answer;
    }

    HttpAnswer put(const QString &url, const QByteArray &data, qint64 from, qint64 total)
    {
        const QByteArray range = "Content-Range: bytes " + QByteArray::number(from) + '-' +
                                 QByteArray::number(from + data.size() - 1) + '/' +
                                 QByteArray::number(total) + "\r\n";
        return http(gateway->port(), "PUT", url.toLatin1(), range, data);
    }

    /// Uploads a whole file to a conversation and returns the chat the other member got.
    std::optional<QJsonObject> send(TestClient *from, TestClient *to, const QString &conversation,
                                    const QString &name, const QByteArray &data, const QString &clientId)
    {
        const QJsonObject ready = askUpload(from, conversation, name, data, clientId);
        EXPECT_EQ(ready[u"type"_s], u"upload_ready"_s) << ready[u"message"_s].toString().toStdString();
        const qsizetype before = to->received(u"chat"_s).size();
        EXPECT_EQ(put(ready[u"url"_s].toString(), data, 0, data.size()).status, 201);
        if (!QTest::qWaitFor([&] { return to->received(u"chat"_s).size() > before; }, 5000))
            return std::nullopt;
        return to->received(u"chat"_s).at(before);
    }

    static QString fileKey(TestClient *client)
    {
        return (*client->waitFor(u"welcome"_s))[u"fileKey"_s].toString();
    }

    HttpAnswer download(TestClient *client, const QString &conversation, const QString &fileId,
                        const QByteArray &headers = {}, const QString &extra = {})
    {
        const QString target = u"/files/%1?c=%2&key=%3%4"_s.arg(
            fileId, QString::fromLatin1(QUrl::toPercentEncoding(conversation)),
            QString::fromLatin1(QUrl::toPercentEncoding(fileKey(client))), extra);
        return http(gateway->port(), "GET", target.toLatin1(), headers);
    }
};

} // namespace

TEST_F(FilesTest, AFileGoesToItsConversationOnlyAndOnlyItsMembersMayFetchIt)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    TestClient *eve = member(u"Eve"_s);
    const QString direct = openDirect(ann, bob);
    const QByteArray data = randomBytes(300 * 1024);

    const auto chat = send(ann, bob, direct, u"notes.bin"_s, data, u"f1"_s);
    ASSERT_TRUE(chat);
    const QJsonObject file = (*chat)[u"file"_s].toObject();
    EXPECT_EQ(file[u"name"_s], u"notes.bin"_s);
    EXPECT_EQ(file[u"size"_s].toInteger(), data.size());
    EXPECT_EQ(file[u"type"_s], u"application/octet-stream"_s);
    EXPECT_FALSE(file.contains(u"width"_s));
    EXPECT_EQ((*chat)[u"text"_s], u"a caption"_s);
    EXPECT_TRUE(ann->waitFor(u"ack"_s, [](const QJsonObject &a) { return a[u"clientId"_s] == u"f1"_s; }));

    const HttpAnswer fetched = download(bob, direct, sha256(data));
    EXPECT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.body, data);
    EXPECT_TRUE(fetched.header("Content-Disposition").startsWith("attachment"));
    EXPECT_EQ(fetched.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(download(eve, direct, sha256(data)).status, 403);       // not in the conversation
    EXPECT_EQ(download(eve, u"general"_s, sha256(data)).status, 404); // not posted where she is
    EXPECT_EQ(http(gateway->port(), "GET",
                   u"/files/%1?c=%2&key=%3x"_s.arg(sha256(data), direct, fileKey(bob)).toLatin1())
                  .status,
              403); // a forged key
    EXPECT_TRUE(eve->received(u"chat"_s).isEmpty());
}

TEST_F(FilesTest, Version1MembersReadThatAFileWasSent)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *old = member(u"Old"_s, 1);
    const QByteArray data = randomBytes(1000);
    const QJsonObject ready = askUpload(ann, u"general"_s, u"report.pdf"_s, data, u"f1"_s);
    ASSERT_EQ(put(ready[u"url"_s].toString(), data, 0, data.size()).status, 201);
    const auto chat = old->waitFor(u"chat"_s);
    ASSERT_TRUE(chat);
    EXPECT_EQ((*chat)[u"text"_s], u"a caption\n📎 report.pdf"_s);
    EXPECT_FALSE(chat->contains(u"file"_s));
    // And a v1 client cannot upload: it could not take part in the exchange.
    EXPECT_EQ(askUpload(old, u"general"_s, u"x.bin"_s, data, u"f2"_s)[u"code"_s], u"forbidden"_s);
}

TEST_F(FilesTest, AnUploadCutAtRandomPlacesGoesOnWhereItStoppedAndArrivesWhole)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QByteArray data = randomBytes(4 * 1024 * 1024);
    const QJsonObject ready = askUpload(ann, u"general"_s, u"big.bin"_s, data, u"f1"_s);
    const QByteArray url = ready[u"url"_s].toString().toLatin1();
    qint64 offset = 0;
    for (int cut = 0; cut < 20; ++cut) {
        // Sends part of the rest, then drops the connection without a word.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, gateway->port());
        ASSERT_TRUE(socket.waitForConnected(5000));
        const qint64 rest = data.size() - offset;
        socket.write("PUT " + url + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(rest) +
                     "\r\nContent-Range: bytes " + QByteArray::number(offset) + '-' +
                     QByteArray::number(data.size() - 1) + '/' + QByteArray::number(data.size()) +
                     "\r\n\r\n");
        socket.write(data.mid(offset, QRandomGenerator::global()->bounded(qint64(1), rest / 4 + 2)));
        ASSERT_TRUE(QTest::qWaitFor([&] { return socket.bytesToWrite() == 0; }, 5000));
        socket.abort();
        // The server tells how much it has; never more than was sent.
        const HttpAnswer state = http(gateway->port(), "HEAD", url);
        ASSERT_EQ(state.status, 204);
        const qint64 received = state.header("Upload-Offset").toLongLong();
        EXPECT_GE(received, offset);
        EXPECT_LT(received, data.size());
        EXPECT_EQ(state.header("Upload-Length").toLongLong(), data.size());
        offset = received;
    }
    // A request from the wrong place is told where to go on.
    const HttpAnswer wrong = put(QString::fromLatin1(url), data.mid(offset + 1), offset + 1, data.size());
    EXPECT_EQ(wrong.status, 409);
    EXPECT_EQ(wrong.header("Upload-Offset").toLongLong(), offset);
    EXPECT_EQ(put(QString::fromLatin1(url), data.mid(offset), offset, data.size()).status, 201);
    const auto chat = bob->waitFor(u"chat"_s);
    ASSERT_TRUE(chat);
    EXPECT_EQ((*chat)[u"file"_s][u"id"_s], sha256(data));
    EXPECT_EQ(download(bob, u"general"_s, sha256(data)).body, data);
    EXPECT_EQ(http(gateway->port(), "HEAD", url).status, 404); // done: the upload is gone
}

TEST_F(FilesTest, BytesThatDoNotMatchTheirHashAreRefusedAndNothingIsPosted)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QByteArray data = randomBytes(10000);
    const QJsonObject ready = askUpload(ann, u"general"_s, u"x.bin"_s, data, u"f1"_s, sha256("other bytes"));
    const HttpAnswer answer = put(ready[u"url"_s].toString(), data, 0, data.size());
    EXPECT_EQ(answer.status, 422);
    const auto error = errorAbout(ann, u"bad_file"_s);
    ASSERT_TRUE(error);
    EXPECT_EQ((*error)[u"clientId"_s], u"f1"_s);
    syncThrough(ann, bob);
    EXPECT_EQ(bob->received(u"chat"_s).size(), 1); // the marker only
    EXPECT_EQ(http(gateway->port(), "HEAD", ready[u"url"_s].toString().toLatin1()).status, 404);
}

TEST_F(FilesTest, ASecondCopyIsStoredOnceAndHostileNamesAreOnlyNames)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QByteArray data = randomBytes(5000);
    ASSERT_TRUE(send(ann, bob, u"general"_s, u"../../../etc/passwd"_s, data, u"f1"_s));
    const auto again = send(ann, bob, u"general"_s, u"C:\\Windows\\con"_s, data, u"f2"_s);
    ASSERT_TRUE(again);
    EXPECT_EQ((*again)[u"file"_s][u"name"_s], u"con"_s); // a name to show, never a path
    EXPECT_EQ(bob->received(u"chat"_s).constFirst()[u"file"_s][u"name"_s], u"passwd"_s);
    // Stored once, by its hash, inside the room's folder.
    QStringList stored;
    QDirIterator files(dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext())
        stored.append(QFileInfo(files.next()).fileName());
    EXPECT_EQ(stored.count(sha256(data)), 1);
    EXPECT_FALSE(stored.contains(u"passwd"_s));
    int refusals = 0;
    for (const QString &name : {u".."_s, u"a\u0007b"_s, u"dir/"_s, QString(300, u'x')}) {
        const QJsonObject refused = askUpload(ann, u"general"_s, name, data, u"bad %1"_s.arg(++refusals));
        EXPECT_EQ(refused[u"code"_s], u"bad_field"_s) << refused[u"message"_s].toString().toStdString();
    }
}

TEST_F(FilesTest, LimitsAreClearErrorsAndAFullStoreDamagesNothing)
{
    ServerConfig config;
    config.maxFileBytes = 100000;
    config.maxStorageBytes = 150000;
    config.maxUploadsInFlight = 2;
    start(config);
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QByteArray first = randomBytes(90000);
    ASSERT_TRUE(send(ann, bob, u"general"_s, u"first.bin"_s, first, u"f1"_s));

    EXPECT_EQ(askUpload(ann, u"general"_s, u"big"_s, randomBytes(100001), u"f2"_s)[u"code"_s],
              u"file_too_large"_s);
    const QJsonObject full = askUpload(ann, u"general"_s, u"more"_s, randomBytes(70000), u"f3"_s);
    EXPECT_EQ(full[u"code"_s], u"storage_full"_s);
    EXPECT_TRUE(full[u"message"_s].toString().contains(u"full"_s));
    EXPECT_EQ(download(bob, u"general"_s, sha256(first)).body, first); // untouched

    // Two on their way at once; a third waits until one is cancelled.
    const QJsonObject a = askUpload(ann, u"general"_s, u"a"_s, randomBytes(10), u"f4"_s);
    const QJsonObject b = askUpload(ann, u"general"_s, u"b"_s, randomBytes(10), u"f5"_s);
    EXPECT_EQ(a[u"type"_s], u"upload_ready"_s);
    EXPECT_EQ(b[u"type"_s], u"upload_ready"_s);
    EXPECT_EQ(askUpload(ann, u"general"_s, u"c"_s, randomBytes(10), u"f6"_s)[u"code"_s], u"limit_reached"_s);
    ann->send({{u"type"_s, u"cancel_upload"_s}, {u"uploadId"_s, a[u"uploadId"_s]}});
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return http(gateway->port(), "HEAD", a[u"url"_s].toString().toLatin1()).status == 404; },
        5000));
    EXPECT_EQ(askUpload(ann, u"general"_s, u"c"_s, randomBytes(10), u"f7"_s)[u"type"_s], u"upload_ready"_s);
    // Asking again for the same upload (the answer was lost) is the same upload.
    EXPECT_EQ(askUpload(ann, u"general"_s, u"b"_s, randomBytes(10), u"f5"_s)[u"uploadId"_s],
              b[u"uploadId"_s]);
}

TEST_F(FilesTest, AnUploadLeftBehindGivesWayAndACancelStopsItsWriter)
{
    ServerConfig config;
    config.maxUploadsInFlight = 2;
    config.uploadStaleAfter = std::chrono::seconds(0);
    start(config);
    TestClient *ann = member(u"Ann"_s);
    const QByteArray data = randomBytes(1 << 20);
    // Two uploads left behind (a client that quit); a third makes the oldest give way.
    const QJsonObject a = askUpload(ann, u"general"_s, u"a"_s, randomBytes(10), u"f1"_s);
    const QJsonObject b = askUpload(ann, u"general"_s, u"b"_s, randomBytes(10), u"f2"_s);
    const QJsonObject c = askUpload(ann, u"general"_s, u"c"_s, data, u"f3"_s);
    ASSERT_EQ(c[u"type"_s], u"upload_ready"_s) << c[u"message"_s].toString().toStdString();
    EXPECT_EQ(http(gateway->port(), "HEAD", a[u"url"_s].toString().toLatin1()).status, 404);
    EXPECT_EQ(http(gateway->port(), "HEAD", b[u"url"_s].toString().toLatin1()).status, 204);

    // Cancelled while a request is writing to it: the request is cut off, nothing more lands.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, gateway->port());
    ASSERT_TRUE(socket.waitForConnected(5000));
    socket.write("PUT " + c[u"url"_s].toString().toLatin1() +
                 " HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(data.size()) +
                 "\r\nContent-Range: bytes 0-" + QByteArray::number(data.size() - 1) + '/' +
                 QByteArray::number(data.size()) + "\r\n\r\n" + data.left(1000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return http(gateway->port(), "HEAD", c[u"url"_s].toString().toLatin1()).header("Upload-Offset") ==
                   "1000";
        },
        5000));
    ann->send({{u"type"_s, u"cancel_upload"_s}, {u"uploadId"_s, c[u"uploadId"_s]}});
    EXPECT_TRUE(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000));
    EXPECT_EQ(http(gateway->port(), "HEAD", c[u"url"_s].toString().toLatin1()).status, 404);
}

TEST_F(FilesTest, ImagesGetAThumbnailAndABombIsNotDecoded)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QByteArray picture = png(1000, 800);
    const QJsonObject ready =
        askUpload(ann, u"general"_s, u"shot.png"_s, picture, u"f1"_s, {}, {}); // no caption
    ASSERT_EQ(put(ready[u"url"_s].toString(), picture, 0, picture.size()).status, 201);
    const auto chat = bob->waitFor(u"chat"_s);
    ASSERT_TRUE(chat);
    EXPECT_EQ((*chat)[u"text"_s], u""_s);
    const QJsonObject file = (*chat)[u"file"_s].toObject();
    EXPECT_EQ(file[u"type"_s], u"image/png"_s);
    EXPECT_EQ(file[u"width"_s], 1000);
    EXPECT_EQ(file[u"height"_s], 800);
    const HttpAnswer thumbnail = download(bob, u"general"_s, sha256(picture), {}, u"&thumb=1"_s);
    ASSERT_EQ(thumbnail.status, 200);
    const QImage small = QImage::fromData(thumbnail.body);
    EXPECT_EQ(small.size(), QSize(480, 384));
    EXPECT_TRUE(
        download(bob, u"general"_s, sha256(picture)).header("Content-Disposition").startsWith("inline"));

    const qint64 before = peakMemoryKiB();
    const QByteArray bomb = decompressionBomb();
    const auto bombChat = send(ann, bob, u"general"_s, u"bomb.png"_s, bomb, u"f2"_s);
    ASSERT_TRUE(bombChat);
    EXPECT_EQ((*bombChat)[u"file"_s][u"type"_s], u"image/png"_s);
    EXPECT_FALSE((*bombChat)[u"file"_s].toObject().contains(u"width"_s)); // a file, not shown inline
    EXPECT_EQ(download(bob, u"general"_s, sha256(bomb), {}, u"&thumb=1"_s).status, 404);
    EXPECT_LT(peakMemoryKiB() - before, 64 * 1024);

    QByteArray truncated = png(300, 300);
    truncated.chop(truncated.size() / 2);
    ASSERT_TRUE(
        send(ann, bob, u"general"_s, u"cut.png"_s, truncated, u"f3"_s)); // posted; the room carries on
}

TEST_F(FilesTest, DownloadsResumeWithRanges)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QByteArray data = randomBytes(100000);
    ASSERT_TRUE(send(ann, bob, u"general"_s, u"d.bin"_s, data, u"f1"_s));
    const QString id = sha256(data);
    const HttpAnswer tail = download(bob, u"general"_s, id, "Range: bytes=60000-\r\n");
    EXPECT_EQ(tail.status, 206);
    EXPECT_EQ(tail.body, data.mid(60000));
    EXPECT_EQ(tail.header("Content-Range"), "bytes 60000-99999/100000");
    EXPECT_EQ(download(bob, u"general"_s, id, "Range: bytes=10-19\r\n").body, data.mid(10, 10));
    EXPECT_EQ(download(bob, u"general"_s, id, "Range: bytes=-5\r\n").body, data.right(5));
    EXPECT_EQ(download(bob, u"general"_s, id, "Range: bytes=100000-\r\n").status, 416);
}

TEST_F(FilesTest, UploadsAndFilesSurviveARestart)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QByteArray stored = randomBytes(20000);
    ASSERT_TRUE(send(ann, bob, u"general"_s, u"kept.bin"_s, stored, u"f1"_s));
    const QByteArray data = randomBytes(50000);
    const QJsonObject ready = askUpload(ann, u"general"_s, u"half.bin"_s, data, u"f2"_s);
    const QString url = ready[u"url"_s].toString();
    ASSERT_EQ(put(url, data.left(20000), 0, data.size()).status, 204);
    const qint64 lastSeq = (*bob->waitFor(u"chat"_s))[u"seq"_s].toInteger();

    clients.clear();
    gateway.reset();
    start(ServerConfig());
    EXPECT_EQ(http(gateway->port(), "HEAD", url.toLatin1()).header("Upload-Offset"), "20000");
    ASSERT_EQ(put(url, data.mid(20000), 20000, data.size()).status, 201);
    TestClient *back = member(u"Bob"_s, 2, lastSeq);
    const auto resumed = back->waitFor(u"history"_s);
    ASSERT_TRUE(resumed);
    const QJsonArray messages = (*resumed)[u"messages"_s].toArray();
    ASSERT_EQ(messages.size(), 1);
    EXPECT_EQ(messages.at(0)[u"file"_s][u"id"_s], sha256(data));
    EXPECT_EQ(download(back, u"general"_s, sha256(stored)).body, stored);
    EXPECT_EQ(download(back, u"general"_s, sha256(data)).body, data);
}

TEST_F(FilesTest, RequestsThatAreNotFilesAreRefusedWithoutDisturbingTheRoom)
{
    TestClient *ann = member(u"Ann"_s);
    const quint16 port = gateway->port();
    EXPECT_EQ(http(port, "GET", "/nothing").status, 404);
    EXPECT_EQ(http(port, "GET", "/files/" + QByteArray(64, 'a') + "/../../server.sqlite").status, 400);
    EXPECT_EQ(http(port, "GET", "/files/not-a-hash").status, 404);
    EXPECT_EQ(http(port, "DELETE", "/files/" + QByteArray(64, 'a')).status, 405);
    EXPECT_EQ(http(port, "PUT", "/files/upload/unknown", "Content-Range: bytes 0-0/1\r\n", "x").status, 404);
    EXPECT_EQ(http(port, "GET", "/x", "X-Long: " + QByteArray(10000, 'x') + "\r\n").status, 431);
    // Two requests on one connection, one after the other.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(socket.waitForConnected(5000));
    socket.write("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray answers;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            answers += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000));
    EXPECT_EQ(answers.count("HTTP/1.1 404"), 2);
    // A body the server does not read ends the connection: it is never taken for a request.
    socket.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(socket.waitForConnected(5000));
    socket.write(
        "GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 36\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n\r\n");
    answers.clear();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            answers += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000));
    EXPECT_EQ(answers.count("HTTP/1.1 "), 1);
    EXPECT_EQ(http(port, "GET", "/x", "Content-Length: 0\r\nContent-Length: 5\r\n").status, 400);
    ann->sendChat(u"still here"_s, u"c1"_s);
    EXPECT_TRUE(ann->waitFor(u"ack"_s));
}
