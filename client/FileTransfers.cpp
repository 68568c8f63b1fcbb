#include "FileTransfers.h"

#include "ClientLogging.h"
#include "SelfSignedCertificate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThreadPool>
#include <QUrlQuery>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

/// How long a failed download waits before it tries again, by attempt (then it gives up).
constexpr int DownloadRetriesMs[] = {1000, 2000, 5000, 10000, 30000};

QString httpErrorText(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString said = QString::fromUtf8(reply->readAll()).trimmed();
    if (status == 0)
        return reply->errorString();
    return said.isEmpty() ? u"HTTP %1"_s.arg(status) : said;
}

} // namespace

FileTransfers::FileTransfers(QObject *parent)
    : QObject(parent)
    , m_model(new TransferListModel(this))
{
    // Pieces go one after another on one connection: HTTP/2 or pipelining would gain nothing.
    m_network.setAutoDeleteReplies(true);
}

void FileTransfers::setRoom(const QUrl &base, const QString &fileKey, const QString &trustedFingerprint)
{
    m_base = base;
    m_fileKey = fileKey;
    m_trustedFingerprint = trustedFingerprint;
    m_online = true;
    for (auto it = m_downloads.begin(); it != m_downloads.end(); ++it) {
        if (it->transfer && it->transfer->state() == Transfer::State::Waiting && !it->reply)
            startDownload(it.key());
    }
}

void FileTransfers::setOffline()
{
    m_online = false;
    // Aborting finishes a reply at once, and its handler changes the tables: collect first.
    QList<QPointer<QNetworkReply>> replies;
    for (const Upload &upload : std::as_const(m_uploads)) {
        replies.append(upload.reply); // reported as interrupted; announced again once back
        if (upload.transfer && upload.hashed)
            upload.transfer->setState(Transfer::State::Waiting);
    }
    for (const Download &download : std::as_const(m_downloads))
        replies.append(download.reply);
    for (const QPointer<QNetworkReply> &reply : std::as_const(replies)) {
        if (reply)
            reply->abort();
    }
}

void FileTransfers::clear()
{
    const auto uploads = std::exchange(m_uploads, {});
    const auto downloads = std::exchange(m_downloads, {});
    for (const Upload &upload : uploads) {
        if (upload.reply)
            upload.reply->abort();
        if (upload.transfer)
            upload.transfer->setState(Transfer::State::Cancelled);
    }
    for (const Download &download : downloads) {
        if (download.reply)
            download.reply->abort();
        if (download.transfer)
            download.transfer->setState(Transfer::State::Cancelled);
    }
}

QNetworkRequest FileTransfers::request(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(30000); // the room closes a silent request after 30 s too
    return request;
}

void FileTransfers::handleSslErrors(QNetworkReply *reply)
{
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        // The room's self-signed certificate is trusted once ChatClient has pinned it; nothing else.
        const QString presented =
            SelfSignedCertificate::fingerprint(reply->sslConfiguration().peerCertificate());
        if (!m_trustedFingerprint.isEmpty() && presented == m_trustedFingerprint)
            reply->ignoreSslErrors(errors);
    });
}

Transfer *FileTransfers::startUpload(const QString &clientId, const QString &conversation,
                                     const QString &path, const QString &name, qint64 size,
                                     const QString &caption, const QStringList &mentions)
{
    auto *transfer = new Transfer(clientId, Transfer::Direction::Upload, name, size);
    transfer->setLocalFile(QUrl::fromLocalFile(path));
    m_model->add(transfer);
    Upload upload;
    upload.frame = Protocol::Upload{conversation, name, size, {}, clientId, caption, mentions};
    upload.path = path;
    upload.transfer = transfer;
    m_uploads.insert(clientId, upload);

    QPointer<FileTransfers> self(this);
    QThreadPool::globalInstance()->start([self, clientId, path] {
        QFile file(path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        const bool read = file.open(QIODevice::ReadOnly) && hash.addData(&file);
        const QString sha = read ? QString::fromLatin1(hash.result().toHex()) : QString();
        const QString error = read ? QString() : file.errorString();
        QMetaObject::invokeMethod(
            self,
            [self, clientId, sha, error] {
                const auto it = self->m_uploads.find(clientId);
                if (it == self->m_uploads.end())
                    return; // cancelled meanwhile
                if (sha.isEmpty()) {
                    self->uploadFailed(clientId, tr("Cannot read the file: %1").arg(error));
                    return;
                }
                it->frame.sha256 = sha;
                it->hashed = true;
                if (it->transfer)
                    it->transfer->setState(Transfer::State::Waiting);
                Q_EMIT self->uploadHashed(it->frame);
            },
            Qt::QueuedConnection);
    });
    return transfer;
}

QList<Protocol::Upload> FileTransfers::uploadsToAnnounce() const
{
    QList<Protocol::Upload> frames;
    for (const Upload &upload : m_uploads) {
        if (upload.hashed && !upload.reply)
            frames.append(upload.frame);
    }
    return frames;
}

void FileTransfers::uploadReady(const UploadReady &ready)
{
    const auto it = m_uploads.find(ready.clientId);
    if (it == m_uploads.end() || it->reply)
        return; // cancelled, or going already (an answer to an announcement sent twice)
    it->uploadId = ready.uploadId;
    it->url = ready.url;
    if (it->transfer) {
        it->transfer->setBytesDone(ready.offset);
        it->transfer->setState(Transfer::State::Running);
    }
    if (ready.offset < it->frame.size)
        sendPiece(ready.clientId, ready.offset);
    // Else the room has it all and is checking it: its ack is on its way.
}

void FileTransfers::sendPiece(const QString &clientId, qint64 offset)
{
    Upload &upload = m_uploads[clientId];
    QFile file(upload.path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)) {
        uploadFailed(clientId, tr("Cannot read the file: %1").arg(file.errorString()));
        return;
    }
    const qint64 size = upload.frame.size;
    const QByteArray piece = file.read(std::min(m_pieceBytes, size - offset));
    if (piece.isEmpty() || file.size() != size) {
        uploadFailed(clientId, tr("The file changed while it was being sent."));
        return;
    }
    QUrl url = m_base;
    url.setPath(upload.url);
    QNetworkRequest request = this->request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/octet-stream"_ba);
    request.setRawHeader("Content-Range", "bytes " + QByteArray::number(offset) + '-' +
                                              QByteArray::number(offset + piece.size() - 1) + '/' +
                                              QByteArray::number(size));
    QNetworkReply *reply = m_network.put(request, piece);
    upload.reply = reply;
    handleSslErrors(reply);
    connect(reply, &QNetworkReply::uploadProgress, this, [this, clientId, offset](qint64 sent, qint64 total) {
        // (A finished reply reports 0 of 0: that is no step back.)
        const auto it = m_uploads.constFind(clientId);
        if (total > 0 && it != m_uploads.cend() && it->transfer)
            it->transfer->setBytesDone(std::max(it->transfer->bytesDone(), offset + sent));
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, clientId, reply, offset] { onPieceFinished(clientId, reply, offset); });
}

void FileTransfers::onPieceFinished(const QString &clientId, QNetworkReply *reply, qint64 offset)
{
    const auto it = m_uploads.find(clientId);
    if (it == m_uploads.end() || it->reply != reply)
        return;
    it->reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const qint64 roomHas = reply->rawHeader("Upload-Offset").toLongLong();
    if (status == 204 || (status == 409 && reply->hasRawHeader("Upload-Offset"))) {
        // A piece is in (or the room has more or less than we thought): on from where it is.
        if (it->transfer)
            it->transfer->setBytesDone(roomHas);
        if (roomHas < it->frame.size)
            sendPiece(clientId, roomHas);
        // Else every byte is in and being checked: the ack (or bad_file) comes on the WebSocket.
        return;
    }
    if (status == 201) { // every byte is in and checked: the chat is posted, its ack on its way
        if (it->transfer)
            it->transfer->setBytesDone(it->frame.size);
        return;
    }
    if (status == 422) { // the bytes were not what was announced: the room says bad_file too
        uploadFailed(clientId, httpErrorText(reply));
        return;
    }
    // A lost connection, a room that restarted or forgot the upload (404), a full disk (507):
    // announced again in a while, the room then says where to go on.
    qCInfo(lcClient).noquote() << "upload" << clientId << "interrupted at" << offset << ":"
                               << httpErrorText(reply);
    if (it->transfer)
        it->transfer->setState(Transfer::State::Waiting);
    Q_EMIT uploadInterrupted(clientId);
}

void FileTransfers::uploadFinished(const QString &clientId)
{
    const Upload upload = m_uploads.take(clientId);
    if (upload.reply)
        upload.reply->abort();
    if (upload.transfer) {
        upload.transfer->setBytesDone(upload.frame.size);
        upload.transfer->setState(Transfer::State::Done);
    }
}

void FileTransfers::uploadFailed(const QString &clientId, const QString &reason)
{
    if (!m_uploads.contains(clientId))
        return;
    const Upload upload = m_uploads.take(clientId);
    if (upload.reply)
        upload.reply->abort();
    if (upload.transfer)
        upload.transfer->setState(Transfer::State::Failed, reason);
    Q_EMIT uploadGaveUp(clientId, reason);
}

bool FileTransfers::cancel(const QString &transferId)
{
    if (m_uploads.contains(transferId)) {
        const Upload &going = m_uploads[transferId];
        if (going.transfer && !going.transfer->isCancellable())
            return false; // every byte is with the room: it posts it in a moment
        const Upload upload = m_uploads.take(transferId);
        if (upload.reply)
            upload.reply->abort();
        if (upload.transfer)
            upload.transfer->setState(Transfer::State::Cancelled);
        Q_EMIT uploadCancelled(transferId, upload.uploadId);
        return true;
    }
    const auto download = m_downloads.find(transferId);
    if (download == m_downloads.end())
        return false;
    const Download gone = *download;
    m_downloads.erase(download);
    if (gone.reply)
        gone.reply->abort();
    QFile::remove(partPathFor(gone.path, gone.file.id));
    if (gone.transfer)
        gone.transfer->setState(Transfer::State::Cancelled);
    return true;
}

QUrl FileTransfers::fileUrl(const QString &conversation, const QString &fileId, bool thumbnail) const
{
    QUrl url = m_base;
    url.setPath(u"/files/"_s + fileId);
    QUrlQuery query;
    query.addQueryItem(u"c"_s, QString::fromLatin1(QUrl::toPercentEncoding(conversation)));
    query.addQueryItem(u"key"_s, QString::fromLatin1(QUrl::toPercentEncoding(m_fileKey)));
    if (thumbnail)
        query.addQueryItem(u"thumb"_s, u"1"_s);
    url.setQuery(query);
    return url;
}

QString FileTransfers::cacheRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/files"_s;
}

QString FileTransfers::cachePathFor(const FileInfo &file)
{
    // In a folder of its own by hash: the name is the one shown, for the application that opens it.
    return cacheRoot() + u'/' + file.id + u'/' + safeFileName(file.name);
}

QString FileTransfers::safeFileName(const QString &name)
{
    QString safe = name.mid(std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\')) + 1);
    for (QChar &c : safe) {
        if (c.unicode() < 0x20 || QStringView(u"<>:\"|?*").contains(c))
            c = u'_';
    }
    while (safe.endsWith(u'.') || safe.endsWith(u' ')) // Windows drops them, and ".." is a path
        safe.chop(1);
    safe = safe.trimmed();
    static const QRegularExpression reserved(u"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?$"_s,
                                             QRegularExpression::CaseInsensitiveOption);
    if (reserved.match(safe).hasMatch())
        safe.prepend(u'_');
    return safe.isEmpty() ? u"file"_s : safe.left(200);
}

QString FileTransfers::partPathFor(const QString &path, const QString &fileId)
{
    // Named by the file too: what another file left under the same name is never taken for it.
    return path + u'.' + fileId.left(12) + u".part"_s;
}

Transfer *FileTransfers::download(const QString &conversation, const FileInfo &file, const QString &path)
{
    for (const Download &going : std::as_const(m_downloads)) {
        if (going.path == path && going.transfer)
            return going.transfer; // asked twice (a second click): one download
    }
    const QString id = u"d-%1"_s.arg(++m_downloadCounter);
    auto *transfer = new Transfer(id, Transfer::Direction::Download, file.name, file.size);
    m_model->add(transfer);
    m_downloads.insert(id, Download{conversation, file, path, transfer, nullptr, 0});
    transfer->setState(Transfer::State::Waiting);
    if (m_online)
        startDownload(id);
    return transfer;
}

void FileTransfers::startDownload(const QString &id)
{
    Download &download = m_downloads[id];
    const QString part = partPathFor(download.path, download.file.id);
    QDir().mkpath(QFileInfo(download.path).absolutePath());
    const qint64 have = QFileInfo(part).size(); // what an earlier attempt fetched
    QNetworkRequest request = this->request(fileUrl(download.conversation, download.file.id));
    if (have > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(have) + '-');
    QNetworkReply *reply = m_network.get(request);
    download.reply = reply;
    handleSslErrors(reply);
    download.transfer->setBytesDone(have);
    download.transfer->setState(Transfer::State::Running);
    auto file = std::make_shared<QFile>(part);
    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, file, have] {
        // 206: the rest after what we have; 200: the whole file (the room ignored the range).
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 206 && have > 0)
            file->open(QIODevice::Append);
        else if (status == 200 || status == 206)
            file->open(QIODevice::WriteOnly | QIODevice::Truncate);
    });
    connect(reply, &QIODevice::readyRead, this, [this, id, reply, file] {
        if (!file->isOpen())
            return;
        const QByteArray bytes = reply->readAll();
        if (file->write(bytes) != bytes.size()) {
            reply->setProperty("writeError", file->errorString());
            reply->abort();
            return;
        }
        if (const auto it = m_downloads.find(id); it != m_downloads.end() && it->transfer) {
            it->transfer->setBytesDone(file->size());
            it->attempts = 0; // it moves: the next interruption starts the count again
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, id, reply, file] {
        file->close();
        onDownloadFinished(id, reply);
    });
}

void FileTransfers::onDownloadFinished(const QString &id, QNetworkReply *reply)
{
    const auto it = m_downloads.find(id);
    if (it == m_downloads.end() || it->reply != reply)
        return;
    it->reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString part = partPathFor(it->path, it->file.id);
    if (reply->property("writeError").isValid()) {
        const Download failed = m_downloads.take(id);
        failed.transfer->setState(
            Transfer::State::Failed,
            tr("Cannot write %1: %2").arg(failed.path, reply->property("writeError").toString()));
        return;
    }
    if (reply->error() == QNetworkReply::NoError && (status == 200 || status == 206)) {
        if (QFileInfo(part).size() != it->file.size) {
            retryDownload(id, tr("the download ended early"));
            return;
        }
        finishDownload(id);
        return;
    }
    if (status == 403 || status == 404) { // not ours to fetch, or gone: trying again cannot help
        const Download failed = m_downloads.take(id);
        QFile::remove(part);
        failed.transfer->setState(Transfer::State::Failed, httpErrorText(reply));
        return;
    }
    if (status == 416) // what we have is not a start of it: from the beginning
        QFile::remove(part);
    retryDownload(id, httpErrorText(reply));
}

void FileTransfers::retryDownload(const QString &id, const QString &why)
{
    Download &download = m_downloads[id];
    if (download.attempts >= int(std::size(DownloadRetriesMs))) {
        const Download failed = m_downloads.take(id);
        failed.transfer->setState(Transfer::State::Failed, why);
        return;
    }
    qCInfo(lcClient).noquote() << "download" << id << "interrupted:" << why;
    download.transfer->setState(Transfer::State::Waiting);
    QTimer::singleShot(DownloadRetriesMs[download.attempts++], this, [this, id] {
        const auto it = m_downloads.constFind(id);
        if (it != m_downloads.cend() && !it->reply && m_online)
            startDownload(id);
        // Offline: setRoom() starts it again.
    });
}

void FileTransfers::finishDownload(const QString &id)
{
    const Download &download = m_downloads[id];
    const QString part = partPathFor(download.path, download.file.id);
    QPointer<FileTransfers> self(this);
    QThreadPool::globalInstance()->start([self, id, part] {
        QFile file(part);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        const QString digest = file.open(QIODevice::ReadOnly) && hash.addData(&file)
                                   ? QString::fromLatin1(hash.result().toHex())
                                   : QString();
        QMetaObject::invokeMethod(
            self,
            [self, id, part, digest] {
                const auto it = self->m_downloads.find(id);
                if (it == self->m_downloads.end())
                    return;                  // cancelled meanwhile
                if (digest != it->file.id) { // spliced from something else, or damaged: afresh
                    QFile::remove(part);
                    self->retryDownload(id, tr("The file arrived damaged"));
                    return;
                }
                const Download done = self->m_downloads.take(id);
                QFile::remove(done.path); // "Save as" asked before replacing it
                if (!QFile::rename(part, done.path)) {
                    done.transfer->setState(Transfer::State::Failed, tr("Cannot save %1").arg(done.path));
                    return;
                }
                done.transfer->setLocalFile(QUrl::fromLocalFile(done.path));
                done.transfer->setState(Transfer::State::Done);
            },
            Qt::QueuedConnection);
    });
}

QUrl FileTransfers::thumbnail(const QString &conversation, const QString &fileId)
{
    const QString path = cacheRoot() + u'/' + fileId + u".thumb"_s;
    if (QFileInfo::exists(path))
        return QUrl::fromLocalFile(path);
    if (m_thumbnails.value(fileId) || !m_online)
        return {};
    QNetworkReply *reply = m_network.get(request(fileUrl(conversation, fileId, true)));
    handleSslErrors(reply);
    m_thumbnails.insert(fileId, reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, fileId, path] {
        m_thumbnails.remove(fileId);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200)
            return; // shown without one; asked again the next time it is shown
        QDir().mkpath(cacheRoot());
        QFile file(path + u".part"_s);
        if (file.open(QIODevice::WriteOnly) && file.write(reply->readAll()) >= 0 && file.flush()) {
            file.close();
            QFile::rename(file.fileName(), path);
            Q_EMIT thumbnailReady(fileId, QUrl::fromLocalFile(path));
        }
    });
    return {};
}
