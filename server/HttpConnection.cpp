#include "HttpConnection.h"

#include "ChatGateway.h"
#include "Logging.h"
#include "PrometheusText.h"
#include "Room.h"
#include "SocketIoServer.h"
#include "SocketIoSession.h"

#include <QMimeDatabase>
#include <QRegularExpression>
#include <QSslSocket>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace {

/// Content-Disposition for a name shown to people: RFC 6266's UTF-8 form, and a plain ASCII
/// one for old clients. The name is only ever a suggestion to the browser; nothing here uses it
/// as a path.
QByteArray disposition(const QByteArray &kind, const QString &name)
{
    QByteArray ascii;
    for (const QChar c : name)
        ascii +=
            c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\' ? char(c.unicode()) : '_';
    return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + QUrl::toPercentEncoding(name);
}

/// A single byte range of a file of size total ("bytes=START-", "bytes=START-END",
/// "bytes=-SUFFIX"), clamped to the file; nothing for a header this server does not do.
std::optional<std::pair<qint64, qint64>> byteRange(const QByteArray &header, qint64 total)
{
    static const QRegularExpression pattern(u"^bytes=(\\d*)-(\\d*)$"_s);
    const auto match = pattern.match(QString::fromLatin1(header.trimmed()));
    if (!match.hasMatch() || (match.capturedLength(1) == 0 && match.capturedLength(2) == 0))
        return std::nullopt;
    if (match.capturedLength(1) == 0) { // the last N bytes
        const qint64 suffix = match.captured(2).toLongLong();
        return std::pair{std::max<qint64>(0, total - suffix), total - 1};
    }
    const qint64 start = match.captured(1).toLongLong();
    const qint64 end =
        match.capturedLength(2) > 0 ? std::min(match.captured(2).toLongLong(), total - 1) : total - 1;
    return std::pair{start, end};
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const QString &clientAddress, ChatGateway &gateway,
                               Room &room, const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_clientAddress(clientAddress)
    , m_gateway(gateway)
    , m_room(room)
    , m_config(config)
    , m_idle(this)
{
    m_socket->setParent(this);
    // Bounded: an uploader faster than the disk is held back by TCP, not buffered here.
    m_socket->setReadBufferSize(2 * ChunkBytes);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, [this] {
        if (m_state == State::Download)
            pumpDownload();
    });
    if (auto *tls = qobject_cast<QSslSocket *>(m_socket)) {
        connect(tls, &QSslSocket::encryptedBytesWritten, this, [this] {
            if (m_state == State::Download)
                pumpDownload();
        });
    }
    connect(&room.uploads(), &Uploads::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(&room.uploads(), &Uploads::writeFailed, this,
            [this](const QString &uploadId, quint64 request, qint64 kept) {
                onWriteFailed(uploadId, request, kept);
            });
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
        stopWriting();
        m_state = State::Closing;
        deleteLater();
    });
    m_idle.setSingleShot(true);
    m_idle.setInterval(config.httpIdleTimeout);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            deleteLater();
            return;
        }
        qCInfo(lcServer) << "closing an HTTP connection from" << m_socket->peerAddress() << ": idle";
        m_socket->abort(); // disconnected() follows
    });
    m_idle.start();
    onReadyRead(); // the first request's head is in already
}

HttpConnection::~HttpConnection()
{
    stopWriting();
}

void HttpConnection::stopWriting()
{
    if (m_state != State::Body)
        return;
    m_state = State::Closing;
    m_room.uploads().stopWriting(m_uploadId, this);
}

void HttpConnection::abandon()
{
    qCInfo(lcServer) << "dropping the request from" << m_socket->peerAddress() << "writing upload"
                     << m_uploadId;
    stopWriting();
    m_socket->abort();
}

void HttpConnection::onReadyRead()
{
    if (m_state == State::Head)
        readHead();
    else if (m_state == State::Body)
        readBody();
    else if (m_state == State::SocketIoBody)
        readSocketIoBody();
}

void HttpConnection::readHead()
{
    HttpRequest request;
    if (request.parse(m_socket->peek(HttpRequest::MaxHeaderBytes + 1)) == HttpRequest::Progress::Incomplete)
        return;
    if (request.status() != 0) {
        m_keepAlive = false;
        refuse(request.status(), request.reason(), request.extraHeaders());
        return;
    }
    m_socket->skip(request.headSize());
    m_keepAlive = request.keepAlive();
    m_headOnly = request.method() == "HEAD";
    m_idle.start();
    dispatch(request);
}

void HttpConnection::dispatch(const HttpRequest &request)
{
    const QByteArray path = request.path();
    const QByteArray method = request.method();
    qCDebug(lcServer).noquote() << m_socket->peerAddress().toString() << method << path;
    // A body this does not read would be taken for the next request: the connection ends with
    // the answer (an upload's PUT, which reads its body, keeps it going again).
    const QByteArray length = request.header("content-length");
    if (!request.header("transfer-encoding").isEmpty() || (!length.isEmpty() && length != "0"))
        m_keepAlive = false;
    if (path.contains("..") || path.contains('\\'))
        return refuse(400, u"a path with .. or \\ is refused"_s);
    if (request.wantsUpgrade()) {
        m_keepAlive = false;
        return refuse(400, u"a WebSocket handshake must be its connection's first request"_s);
    }
    const bool reads = method == "GET" || method == "HEAD";
    if (path == "/socket.io/" || path == "/socket.io")
        return handleSocketIo(request);
    if (path == "/metrics" || path == "/healthz") {
        if (reads)
            return handleMonitoring(request);
        m_keepAlive = false;
        return refuse(405, u"%1 takes GET and HEAD"_s.arg(QString::fromLatin1(path)), "Allow: GET, HEAD\r\n");
    }
    if (reads && !path.startsWith("/files/"))
        return handleWebClient(request);
    if (path.startsWith("/files/upload/")) {
        const QByteArray id = path.mid(14);
        if (reads)
            return handleUploadState(id);
        if (method == "PUT")
            return beginUploadBody(request, id);
        m_keepAlive = false; // a body this does not read may follow
        return refuse(405, u"an upload takes HEAD, GET and PUT"_s, "Allow: GET, HEAD, PUT\r\n");
    }
    if (path.startsWith("/files/")) {
        if (reads)
            return handleDownload(request, path.mid(7));
        m_keepAlive = false;
        return refuse(405, u"a file takes GET and HEAD"_s, "Allow: GET, HEAD\r\n");
    }
    if (!reads)
        m_keepAlive = false;
    refuse(404, u"nothing here"_s);
}

void HttpConnection::handleWebClient(const HttpRequest &request)
{
    // The browser client (server/web/, compiled in): a page and the few files it loads.
    static const QHash<QByteArray, std::pair<QString, QByteArray>> files{
        {"/", {u":/web/index.html"_s, "text/html; charset=utf-8"}},
        {"/app.js", {u":/web/app.js"_s, "text/javascript; charset=utf-8"}},
        {"/i18n.js", {u":/web/i18n.js"_s, "text/javascript; charset=utf-8"}},
        {"/sha256.js", {u":/web/sha256.js"_s, "text/javascript; charset=utf-8"}},
        {"/style.css", {u":/web/style.css"_s, "text/css; charset=utf-8"}},
        {"/icon.svg", {u":/web/icon.svg"_s, "image/svg+xml"}},
    };
    const auto file = files.constFind(request.path());
    if (file == files.cend())
        return refuse(404, u"nothing here"_s);
    QFile resource(file->first);
    if (!resource.open(QIODevice::ReadOnly))
        return refuse(500, u"the web client is missing from this build"_s);
    const QByteArray body = resource.readAll();
    // Its own files only: no inline script, no other site's, no framing by another page.
    static const QByteArray headers =
        "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; "
        "img-src 'self' blob:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'\r\n"
        "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nCache-Control: no-cache\r\n";
    const QByteArray etag = '"' + QByteArray::number(qHash(body), 16) + '"';
    if (request.header("if-none-match") == etag)
        return respond(304, headers + "ETag: " + etag + "\r\n");
    respond(200, headers + "ETag: " + etag + "\r\n", body, file->second);
}

void HttpConnection::handleMonitoring(const HttpRequest &request)
{
    // By the connection's own address: a proxy in front must be allowed itself.
    QHostAddress peer = m_socket->peerAddress();
    bool mapped = false;
    if (const quint32 v4 = peer.toIPv4Address(&mapped); mapped)
        peer = QHostAddress(v4);
    const auto allowed = std::any_of(m_config.metricsAllowedFrom.cbegin(), m_config.metricsAllowedFrom.cend(),
                                     [&](const auto &subnet) { return peer.isInSubnet(subnet); });
    if (!allowed)
        return refuse(403, u"metrics are for the addresses parleyd --metrics-from names"_s);
    static const QByteArray noStore = "Cache-Control: no-store\r\n";
    if (request.path() == "/healthz") {
        if (!m_room.counters().storeWritable)
            return respond(503, noStore, "the room cannot write its history\n");
        return respond(200, noStore, "ok\n");
    }
    respond(200, noStore, m_gateway.metricsText(), PrometheusText::ContentType);
}

void HttpConnection::handleSocketIo(const HttpRequest &request)
{
    // A page may poll only where it may open a WebSocket (see ChatGateway).
    const QByteArray origin = request.header("origin");
    if (!request.originAllowed(m_config.allowedOrigins))
        return refuse(403, u"pages of %1 may not join this room (parleyd --allow-origin)"_s.arg(
                               QString::fromUtf8(origin)));
    m_corsHeaders = origin.isEmpty() ? QByteArray()
                                     : "Access-Control-Allow-Origin: " + origin +
                                           "\r\nAccess-Control-Allow-Credentials: true\r\nVary: Origin\r\n";
    const QByteArray method = request.method();
    if (method == "OPTIONS") { // a browser's preflight
        return respond(204, m_corsHeaders + "Access-Control-Allow-Methods: GET, POST\r\n"
                                            "Access-Control-Allow-Headers: content-type\r\n");
    }
    if (method != "GET" && method != "POST") {
        m_keepAlive = false;
        return refuse(405, u"Socket.IO takes GET and POST"_s, "Allow: GET, POST\r\n");
    }
    m_socketIoRequest = request;
    m_socketIoBody.clear();
    if (method == "GET") {
        m_state = State::SocketIo;
        m_idle.stop(); // a poll is held until there is something to say (a ping, at the latest)
        m_gateway.socketIo().handlePolling(this, request, {}, m_clientAddress);
        return;
    }
    if (!request.header("transfer-encoding").isEmpty())
        return refuse(501, u"send the payload with a Content-Length, not chunked"_s);
    bool lengthOk = false;
    m_bodyLeft = request.header("content-length").toLongLong(&lengthOk);
    if (!lengthOk || m_bodyLeft < 0)
        return refuse(411, u"a POST needs a Content-Length"_s);
    if (m_bodyLeft > SocketIoSession::MaxPayloadBytes)
        return refuse(413, u"a payload takes at most %1 bytes"_s.arg(SocketIoSession::MaxPayloadBytes));
    m_keepAlive = request.keepAlive(); // the body is read
    m_state = State::SocketIoBody;
    readSocketIoBody();
}

void HttpConnection::readSocketIoBody()
{
    m_socketIoBody += m_socket->read(m_bodyLeft);
    m_bodyLeft = m_socketIoRequest.header("content-length").toLongLong() - m_socketIoBody.size();
    m_idle.start();
    if (m_bodyLeft > 0)
        return;
    m_state = State::SocketIo;
    m_gateway.socketIo().handlePolling(this, m_socketIoRequest, std::exchange(m_socketIoBody, {}),
                                       m_clientAddress);
}

void HttpConnection::answer(int status, const QByteArray &body, const QByteArray &contentType)
{
    if (m_state != State::SocketIo)
        return; // the connection went meanwhile
    respond(status, m_corsHeaders + "Cache-Control: no-store\r\n", body, contentType);
}

void HttpConnection::handleUploadState(const QByteArray &uploadId)
{
    const auto progress = m_room.uploads().progress(QString::fromLatin1(uploadId));
    if (!progress)
        return refuse(404, u"no such upload: it is finished, cancelled or expired"_s);
    // What is on disk: what the client can count on, also if the server stops now.
    respond(204, "Upload-Offset: " + QByteArray::number(progress->written) + "\r\nUpload-Length: " +
                     QByteArray::number(progress->size) + "\r\nCache-Control: no-store\r\n");
}

void HttpConnection::beginUploadBody(const HttpRequest &request, const QByteArray &uploadId)
{
    // Whatever goes wrong before the body is read leaves it unread: the connection then closes.
    m_keepAlive = false;
    Uploads &uploads = m_room.uploads();
    const QString id = QString::fromLatin1(uploadId);
    auto progress = uploads.progress(id);
    if (!progress)
        return refuse(404, u"no such upload: it is finished, cancelled or expired"_s);
    if (!request.header("transfer-encoding").isEmpty())
        return refuse(501, u"send the upload with a Content-Length, not chunked"_s);
    bool lengthOk = false;
    const qint64 length = request.header("content-length").toLongLong(&lengthOk);
    if (!lengthOk || length < 0)
        return refuse(411, u"an upload needs a Content-Length"_s);
    static const QRegularExpression rangePattern(u"^bytes (\\d+)-(\\d+)/(\\d+)$"_s);
    const auto range = rangePattern.match(QString::fromLatin1(request.header("content-range")));
    if (!range.hasMatch())
        return refuse(400, u"an upload needs a Content-Range: bytes START-END/SIZE"_s);
    const qint64 start = range.captured(1).toLongLong();
    const qint64 end = range.captured(2).toLongLong();
    const QByteArray offset = "Upload-Offset: " + QByteArray::number(progress->received) + "\r\n";
    if (range.captured(3).toLongLong() != progress->size || end < start || end >= progress->size)
        return refuse(416, u"the range is not within the upload's %1 bytes"_s.arg(progress->size), offset);
    if (end - start + 1 != length)
        return refuse(400, u"the Content-Length is not the Content-Range's length"_s);
    if (progress->verifying)
        return refuse(409, u"the upload is complete; its file is being checked"_s, offset);
    if (HttpConnection *older = uploads.writer(id)) {
        older->abandon(); // what it wrote stays on disk: this one goes on from there
        progress = uploads.progress(id);
    }
    if (start != progress->received) {
        return refuse(409, u"the upload goes on at byte %1"_s.arg(progress->received),
                      "Upload-Offset: " + QByteArray::number(progress->received) + "\r\n");
    }
    if (request.header("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_keepAlive = request.keepAlive();
    m_uploadId = id;
    m_bodyLeft = length;
    m_readEnd = m_writtenEnd = start;
    m_request = uploads.startWriting(id, this);
    m_state = State::Body;
    readBody();
}

void HttpConnection::readBody()
{
    while (m_bodyLeft > 0 && m_readEnd - m_writtenEnd < MaxBytesInFlight && m_socket->bytesAvailable() > 0) {
        const QByteArray chunk = m_socket->read(std::min(m_bodyLeft, ChunkBytes));
        m_room.uploads().write(m_uploadId, chunk);
        m_readEnd += chunk.size();
        m_bodyLeft -= chunk.size();
        m_idle.start();
    }
    if (m_bodyLeft == 0 && m_writtenEnd == m_readEnd)
        finishUploadBody();
}

void HttpConnection::onBytesWritten(const QString &uploadId, quint64 request, qint64 end)
{
    if (m_state != State::Body || request != m_request || uploadId != m_uploadId)
        return;
    m_writtenEnd = end;
    readBody(); // what waited in the socket for the disk
}

void HttpConnection::onWriteFailed(const QString &uploadId, quint64 request, qint64 kept)
{
    if (m_state != State::Body || request != m_request || uploadId != m_uploadId)
        return;
    stopWriting();
    m_state = State::Head;
    m_keepAlive = false; // the rest of the body is not read
    refuse(507, u"the server cannot store more just now (its disk is full)"_s,
           "Upload-Offset: " + QByteArray::number(kept) + "\r\n");
}

void HttpConnection::finishUploadBody()
{
    stopWriting();
    Uploads &uploads = m_room.uploads();
    m_state = State::Verifying;
    m_verification =
        connect(&uploads, &Uploads::verificationFinished, this,
                [this](const QString &uploadId, const std::optional<Protocol::FileInfo> &file,
                       const QString &problem) {
                    if (uploadId != m_uploadId)
                        return;
                    disconnect(m_verification);
                    m_state = State::Head;
                    if (file)
                        respond(201, "Upload-Offset: " + QByteArray::number(file->size) + "\r\n", "stored\n");
                    else
                        refuse(422, problem);
                });
    const auto progress = uploads.progress(m_uploadId);
    if (progress && progress->verifying) {
        m_idle.stop(); // hashing a big file takes a while; the client waits for the answer
        return;
    }
    disconnect(m_verification);
    m_state = State::Head;
    respond(204, "Upload-Offset: " + QByteArray::number(progress ? progress->received : 0) + "\r\n");
}

void HttpConnection::handleDownload(const HttpRequest &request, const QByteArray &fileId)
{
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    const QString id = QString::fromLatin1(fileId);
    if (!hex.match(id).hasMatch())
        return refuse(404, u"nothing here"_s);
    const QUrlQuery query = request.query();
    const bool thumbnail = query.queryItemValue(u"thumb"_s) == u"1";
    const Room::FileAccess access = m_room.fileAccess(query.queryItemValue(u"key"_s, QUrl::FullyDecoded),
                                                      query.queryItemValue(u"c"_s, QUrl::FullyDecoded), id);
    if (access.status == 403)
        return refuse(403, u"only the members of a conversation the file was sent to may fetch it"_s);
    if (access.status == 503)
        return refuse(503, u"the room cannot read its history just now; try again"_s, "Retry-After: 5\r\n");
    if (access.status != 200 || (thumbnail && !access.file.isImage()))
        return refuse(404, u"no such file in this conversation"_s);
    const FileStore &files = m_room.uploads().files();
    m_download.setFileName(thumbnail ? files.thumbnailPath(id) : files.filePath(id));
    if (!m_download.open(QIODevice::ReadOnly))
        return refuse(404, u"the file is no longer stored"_s);

    const QByteArray etag = '"' + fileId + (thumbnail ? "-t" : "") + '"';
    QByteArray headers =
        "ETag: " + etag +
        "\r\nCache-Control: private, max-age=31536000, immutable\r\nAccept-Ranges: bytes\r\n"
        "X-Content-Type-Options: nosniff\r\nContent-Security-Policy: sandbox; default-src 'none'\r\n";
    if (request.header("if-none-match") == etag) {
        m_download.close();
        return respond(304, headers);
    }
    const QString type =
        thumbnail ? QMimeDatabase().mimeTypeForFile(m_download.fileName()).name() : access.file.type;
    // An image shows in the page; anything else is saved, never rendered by the browser.
    headers += "Content-Disposition: " +
               disposition(access.file.isImage() ? "inline" : "attachment", access.file.name) + "\r\n";
    const qint64 total = m_download.size();
    qint64 start = 0;
    qint64 end = total - 1;
    int status = 200;
    if (const QByteArray rangeHeader = request.header("range"); !rangeHeader.isEmpty() && total > 0) {
        if (const auto range = byteRange(rangeHeader, total)) {
            if (range->first >= total || range->first > range->second) {
                m_download.close();
                return refuse(416, u"the range is not within the file"_s,
                              "Content-Range: bytes */" + QByteArray::number(total) + "\r\n");
            }
            std::tie(start, end) = *range;
            status = 206;
            headers += "Content-Range: bytes " + QByteArray::number(start) + '-' + QByteArray::number(end) +
                       '/' + QByteArray::number(total) + "\r\n";
        }
    }
    const qint64 length = end - start + 1;
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpRequest::statusText(status) +
                    "\r\n" + headers + "Content-Type: " + type.toLatin1() +
                    "\r\nContent-Length: " + QByteArray::number(length) +
                    (m_keepAlive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n"));
    if (m_headOnly || length == 0) {
        m_download.close();
        return requestDone();
    }
    m_download.seek(start);
    m_downloadLeft = length;
    m_state = State::Download;
    pumpDownload();
}

void HttpConnection::pumpDownload()
{
    while (m_downloadLeft > 0 && queuedBytes() < ChunkBytes) {
        const QByteArray chunk = m_download.read(std::min<qint64>(m_downloadLeft, 64 * 1024));
        if (chunk.isEmpty()) { // the file shrank or failed under us: the answer cannot be finished
            qCWarning(lcServer).noquote()
                << "cannot read" << m_download.fileName() << ":" << m_download.errorString();
            m_socket->abort();
            return;
        }
        m_socket->write(chunk);
        m_downloadLeft -= chunk.size();
        m_idle.start();
    }
    if (m_downloadLeft == 0) {
        m_download.close();
        m_state = State::Head;
        requestDone();
    }
}

qint64 HttpConnection::queuedBytes() const
{
    // Over TLS, what waits encrypted counts too: the plain text is encrypted at once, so its
    // count alone would let a peer that stops reading have the whole file queued.
    const auto *tls = qobject_cast<const QSslSocket *>(m_socket);
    return m_socket->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0);
}

void HttpConnection::respond(int status, const QByteArray &headers, const QByteArray &body,
                             const QByteArray &contentType)
{
    QByteArray response =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpRequest::statusText(status) + "\r\n" + headers;
    if (status != 204 && status != 304)
        response += "Content-Type: " + contentType +
                    "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += m_keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    if (!m_headOnly && status != 204 && status != 304)
        response += body;
    m_socket->write(response);
    requestDone();
}

void HttpConnection::refuse(int status, const QString &reason, const QByteArray &headers)
{
    if (status >= 500 || status == 400 || status == 431)
        qCInfo(lcServer).noquote() << "HTTP" << status << "to" << m_socket->peerAddress().toString() << ":"
                                   << reason;
    respond(status, headers, reason.toUtf8() + '\n');
}

void HttpConnection::requestDone()
{
    if (!m_keepAlive)
        return closeConnection();
    m_state = State::Head;
    m_idle.start();
    if (m_socket->bytesAvailable() > 0) // the next request came already
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::closeConnection()
{
    m_state = State::Closing;
    m_idle.start(); // a peer that never takes the rest is not waited for forever
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        deleteLater();
        return;
    }
    m_socket->close(); // after what is written (gracefully: see DirectWriteSocket)
}
