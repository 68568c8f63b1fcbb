#include "Uploads.h"

#include "HttpConnection.h"
#include "Logging.h"
#include "UploadWriter.h"
#include "Validation.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

QString filesPathFor(const ServerConfig &config)
{
    if (!config.filesPath.isEmpty() || config.databasePath == u":memory:")
        return config.filesPath; // empty: a temporary folder
    const QFileInfo database(config.databasePath);
    return database.absolutePath() + u'/' + database.completeBaseName() + u".files"_s;
}

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

Uploads::Uploads(const ServerConfig &config, MessageStore &store, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_store(store)
    , m_files(filesPathFor(config), config.imageAllocationLimitMiB, this)
    , m_expiry(this)
    , m_ioWriter(new UploadWriter)
{
    connect(&m_files, &FileStore::verified, this, &Uploads::onVerified);
    m_io.setObjectName(u"upload writer"_s);
    m_ioWriter->moveToThread(&m_io);
    connect(&m_io, &QThread::finished, m_ioWriter, &QObject::deleteLater);
    connect(m_ioWriter, &UploadWriter::written, this, &Uploads::onWritten);
    connect(m_ioWriter, &UploadWriter::writeFailed, this, &Uploads::onWriteFailed);
    // Below the room's thread, so that chats to pass on take the core from it at once, also
    // where the server has only one; but not idle priority, which a busy machine would starve.
    connect(&m_io, &QThread::started, m_ioWriter, &UploadWriter::lowerPriority);
    m_io.start();
    m_expiry.setInterval(std::min<std::chrono::milliseconds>(config.uploadExpiry, std::chrono::hours(1)));
    connect(&m_expiry, &QTimer::timeout, this, &Uploads::removeExpired);
}

Uploads::~Uploads()
{
    // What was handed over lands on disk before the thread stops: a client goes on from there.
    QMetaObject::invokeMethod(m_ioWriter, &UploadWriter::closeAll, Qt::BlockingQueuedConnection);
    m_io.quit();
    m_io.wait();
}

bool Uploads::open()
{
    if (!m_files.open()) {
        m_errorString = m_files.errorString();
        return false;
    }
    const auto uploads = m_store.uploads();
    if (!uploads) {
        m_errorString = m_store.errorString();
        return false;
    }
    for (const MessageStore::Upload &upload : *uploads) {
        m_uploads.insert(upload.id, upload);
        m_accepted.insert(upload.id, m_files.partialSize(upload.id));
        m_written.insert(upload.id, m_accepted.value(upload.id));
    }
    QDir partials(m_files.path() + u"/partial"_s);
    for (const QString &name : partials.entryList(QDir::Files)) {
        if (!m_uploads.contains(name))
            partials.remove(name); // its upload was cancelled or posted as the room stopped
    }
    removeExpired();
    // Those whose last byte came in as the room stopped, before their chat was posted.
    for (const MessageStore::Upload &upload : std::as_const(m_uploads))
        received(upload.id);
    m_expiry.start();
    return true;
}

qint64 Uploads::reservedBytes() const
{
    qint64 reserved = 0;
    for (const MessageStore::Upload &upload : m_uploads)
        reserved += upload.size;
    return reserved;
}

QString Uploads::newUploadId()
{
    // Whoever knows it may add bytes: 128 random bits, like a session token.
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::variant<UploadReady, ProtocolError> Uploads::begin(const Member &from, const Upload &upload)
{
    QList<const MessageStore::Upload *> mine;
    for (const MessageStore::Upload &pending : std::as_const(m_uploads)) {
        if (pending.from.id != from.id)
            continue;
        if (pending.clientId == upload.clientId) { // asked again: the answer was lost
            if (const auto verified = m_verified.constFind(pending.id); verified != m_verified.cend())
                Q_EMIT fileReady(pending, *verified); // its chat could not be stored before: again
            const qint64 offset = m_verifying.contains(pending.id) || m_verified.contains(pending.id)
                                      ? pending.size
                                      : m_accepted.value(pending.id);
            return UploadReady{upload.clientId, pending.id, urlOf(pending.id), offset};
        }
        mine.append(&pending);
    }
    const auto name = normalizeFileName(upload.name, m_config.limits);
    if (const auto *error = std::get_if<ProtocolError>(&name))
        return *error;
    if (upload.size > m_config.maxFileBytes) {
        return ProtocolError{ErrorCode::FileTooLarge,
                             u"the file is larger than this room takes (%1 at most)"_s.arg(
                                 formatBytes(m_config.maxFileBytes))};
    }
    if (m_files.usedBytes() + reservedBytes() + upload.size > m_config.maxStorageBytes) {
        return ProtocolError{
            ErrorCode::StorageFull,
            u"the room's storage for files is full (%1 of %2 used)"_s.arg(
                formatBytes(m_files.usedBytes() + reservedBytes()), formatBytes(m_config.maxStorageBytes))};
    }
    if (mine.size() >= m_config.maxUploadsInFlight) {
        // A client that quit or went away without cancelling leaves uploads behind: the oldest
        // one nothing has been added to for a while makes room for the new one.
        const QDateTime stale = QDateTime::currentDateTimeUtc().addSecs(-m_config.uploadStaleAfter.count());
        const MessageStore::Upload *oldest = nullptr;
        for (const MessageStore::Upload *pending : std::as_const(mine)) {
            const QFileInfo partial(m_files.partialPath(pending->id));
            const QDateTime touched = partial.exists() ? partial.lastModified()
                                                       : QDateTime::fromMSecsSinceEpoch(pending->createdTs);
            if (!writer(pending->id) && !m_verifying.contains(pending->id) &&
                !m_verified.contains(pending->id) && touched <= stale &&
                (!oldest || pending->createdTs < oldest->createdTs))
                oldest = pending;
        }
        if (!oldest) {
            return ProtocolError{ErrorCode::LimitReached,
                                 u"at most %1 files at a time; wait for one to finish or cancel one"_s.arg(
                                     m_config.maxUploadsInFlight)};
        }
        const QString replaced = oldest->id;
        qCInfo(lcServer) << "upload" << replaced << "gives way to a new one of the same member";
        m_store.removeUpload(replaced);
        forget(replaced);
    }
    MessageStore::Upload pending{newUploadId(),       from,
                                 upload.conversation, std::get<QString>(name),
                                 upload.size,         upload.sha256,
                                 upload.clientId,     upload.text,
                                 upload.mentions,     QDateTime::currentMSecsSinceEpoch()};
    if (!m_store.addUpload(pending))
        return ProtocolError{ErrorCode::StoreFailed, u"the room could not note the upload; try again"_s};
    m_uploads.insert(pending.id, pending);
    m_accepted.insert(pending.id, 0);
    m_written.insert(pending.id, 0);
    return UploadReady{upload.clientId, pending.id, urlOf(pending.id), 0};
}

void Uploads::cancel(const QString &memberId, const QString &uploadId)
{
    const auto upload = m_uploads.constFind(uploadId);
    if (upload == m_uploads.cend() || upload->from.id != memberId || m_verifying.contains(uploadId) ||
        m_verified.contains(uploadId))
        return; // every byte is in: too late, it is posted in a moment
    m_store.removeUpload(uploadId);
    forget(uploadId);
}

bool Uploads::contains(const QString &memberId, const QString &clientId) const
{
    return std::any_of(m_uploads.cbegin(), m_uploads.cend(), [&](const MessageStore::Upload &upload) {
        return upload.from.id == memberId && upload.clientId == clientId;
    });
}

void Uploads::posted(const QString &uploadId)
{
    forget(uploadId); // its row went with the chat's insert
}

void Uploads::forget(const QString &uploadId)
{
    // A request still writing to it stops: its bytes would land in a file nobody counts.
    if (HttpConnection *writing = writer(uploadId))
        writing->abandon();
    m_verified.remove(uploadId);
    m_uploads.remove(uploadId);
    m_accepted.remove(uploadId);
    m_written.remove(uploadId);
    m_writers.remove(uploadId);
    // After the pieces handed over before: none of them makes the file again.
    QMetaObject::invokeMethod(m_ioWriter,
                              [writer = m_ioWriter, uploadId, path = m_files.partialPath(uploadId)] {
                                  writer->discard(uploadId, path);
                              });
}

std::optional<Uploads::Progress> Uploads::progress(const QString &uploadId) const
{
    const auto upload = m_uploads.constFind(uploadId);
    if (upload == m_uploads.cend())
        return std::nullopt;
    if (m_verifying.contains(uploadId) || m_verified.contains(uploadId))
        return Progress{upload->size, upload->size, upload->size, true};
    return Progress{upload->size, m_accepted.value(uploadId), m_written.value(uploadId), false};
}

HttpConnection *Uploads::writer(const QString &uploadId) const
{
    return m_writers.value(uploadId).connection;
}

quint64 Uploads::startWriting(const QString &uploadId, HttpConnection *connection)
{
    m_writers.insert(uploadId, {connection, ++m_lastRequest});
    return m_lastRequest;
}

void Uploads::stopWriting(const QString &uploadId, const HttpConnection *connection)
{
    const auto found = m_writers.constFind(uploadId);
    if (found == m_writers.cend() || found->connection != connection)
        return;
    m_writers.erase(found);
    // A laptop's next request may come much later: the file is not held open meanwhile.
    QMetaObject::invokeMethod(m_ioWriter, [writer = m_ioWriter, uploadId] { writer->close(uploadId); });
}

void Uploads::write(const QString &uploadId, const QByteArray &bytes)
{
    const auto upload = m_uploads.constFind(uploadId);
    const auto writing = m_writers.constFind(uploadId);
    if (upload == m_uploads.cend() || writing == m_writers.cend())
        return;
    qint64 &accepted = m_accepted[uploadId];
    QMetaObject::invokeMethod(
        m_ioWriter, [writer = m_ioWriter, uploadId, request = writing->request,
                     path = m_files.partialPath(uploadId), offset = accepted, bytes,
                     total = upload->size] { writer->write(uploadId, request, path, offset, bytes, total); });
    accepted += bytes.size();
}

void Uploads::onWritten(const QString &uploadId, quint64 request, qint64 end, const QString &digest)
{
    const auto upload = m_uploads.constFind(uploadId);
    if (upload == m_uploads.cend())
        return;
    m_written.insert(uploadId, end);
    if (end >= upload->size)
        received(uploadId, digest);
    Q_EMIT bytesWritten(uploadId, request, end);
}

void Uploads::onWriteFailed(const QString &uploadId, quint64 request, qint64 kept, const QString &problem)
{
    if (!m_uploads.contains(uploadId))
        return;
    qCWarning(lcServer).noquote() << "upload" << uploadId << "stops at byte" << kept << ":" << problem;
    m_accepted.insert(uploadId, kept); // what came after the failed piece is dropped
    m_written.insert(uploadId, kept);
    Q_EMIT writeFailed(uploadId, request, kept, problem);
}

void Uploads::received(const QString &uploadId, const QString &digest)
{
    const auto upload = m_uploads.constFind(uploadId);
    if (upload == m_uploads.cend() || m_verifying.contains(uploadId) ||
        m_accepted.value(uploadId) < upload->size)
        return;
    m_verifying.insert(uploadId);
    m_files.verify(uploadId, upload->sha256, upload->name, digest);
}

void Uploads::onVerified(const QString &uploadId, const std::optional<FileInfo> &file, const QString &problem)
{
    m_verifying.remove(uploadId);
    const auto found = m_uploads.constFind(uploadId);
    if (found == m_uploads.cend())
        return;
    const MessageStore::Upload upload = *found;
    if (file) {
        // It stays (reserved, its partial file kept) until its chat is stored: posted(). If that
        // fails, the sender's client asks again (store_failed) and begin() hands it over again.
        m_verified.insert(uploadId, *file);
        Q_EMIT fileReady(upload, *file);
    } else {
        qCInfo(lcServer).noquote() << "upload" << uploadId << "refused:" << problem;
        m_store.removeUpload(uploadId);
        forget(uploadId);
        Q_EMIT uploadFailed(upload, ProtocolError{ErrorCode::BadFile, problem});
    }
    Q_EMIT verificationFinished(uploadId, file, problem);
}

void Uploads::removeExpired()
{
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-m_config.uploadExpiry.count());
    const auto uploads = m_uploads;
    for (const MessageStore::Upload &upload : uploads) {
        if (writer(upload.id) || m_verifying.contains(upload.id) || m_verified.contains(upload.id))
            continue;
        const QFileInfo partial(m_files.partialPath(upload.id));
        const QDateTime touched =
            partial.exists() ? partial.lastModified() : QDateTime::fromMSecsSinceEpoch(upload.createdTs);
        if (touched < cutoff) {
            qCInfo(lcServer) << "giving up upload" << upload.id << ": nothing added since" << touched;
            m_store.removeUpload(upload.id);
            forget(upload.id);
        }
    }
}
