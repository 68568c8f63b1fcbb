#include "FileStore.h"

#include "Logging.h"
#include "Sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImageReader>
#include <QMimeDatabase>
#include <QPointer>
#include <QSaveFile>
#include <QTemporaryDir>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace {

/// target as a second name of source (a hard link: no copy of the bytes), or a copy where the
/// file system has no hard links; written under a temporary name, so target is whole or absent.
bool linkOrCopy(const QString &source, const QString &target)
{
    const QString temporary = target + u".new"_s;
    QFile::remove(temporary);
#ifdef Q_OS_UNIX
    const bool made =
        ::link(QFile::encodeName(source).constData(), QFile::encodeName(temporary).constData()) == 0 ||
        QFile::copy(source, temporary);
#else
    const bool made = QFile::copy(source, temporary);
#endif
    return made && QFile::rename(temporary, target);
}

} // namespace

FileStore::FileStore(QString path, int imageAllocationLimitMiB, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_imageAllocationLimitMiB(imageAllocationLimitMiB)
{
    // One at a time: hashing is disk-bound, and the room's thread keeps the other core.
    m_workers.setMaxThreadCount(1);
}

FileStore::~FileStore()
{
    m_workers.waitForDone();
}

bool FileStore::open()
{
    if (m_path.isEmpty()) {
        m_temporary = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/parley-files-XXXXXX"_s);
        if (!m_temporary->isValid()) {
            m_errorString = u"cannot make a folder for files: %1"_s.arg(m_temporary->errorString());
            return false;
        }
        m_path = m_temporary->path();
    }
    if (!QDir().mkpath(m_path + u"/partial"_s)) {
        m_errorString = u"cannot make the folder for files %1"_s.arg(m_path);
        return false;
    }
    m_usedBytes = 0;
    QDirIterator files(m_path, QDir::Files);
    while (files.hasNext()) {
        files.next();
        if (files.fileName().endsWith(u".new"_s)) // a copy cut short as the room stopped
            QFile::remove(files.filePath());
        else
            m_usedBytes += files.fileInfo().size();
    }
    return true;
}

QString FileStore::filePath(const QString &sha256) const
{
    return m_path + u'/' + sha256;
}

QString FileStore::thumbnailPath(const QString &sha256) const
{
    return m_path + u'/' + sha256 + u".thumb"_s;
}

QString FileStore::partialPath(const QString &uploadId) const
{
    return m_path + u"/partial/"_s + uploadId;
}

qint64 FileStore::partialSize(const QString &uploadId) const
{
    return QFileInfo(partialPath(uploadId)).size();
}

void FileStore::verify(const QString &uploadId, const QString &sha256, const QString &name,
                       const QString &digest)
{
    const QString partial = partialPath(uploadId);
    const QString target = filePath(sha256);
    const QString thumbnail = thumbnailPath(sha256);
    const int limit = m_imageAllocationLimitMiB;
    QPointer<FileStore> self(this);
    m_workers.start([=] {
        const Outcome outcome = check(partial, sha256, digest, name, target, thumbnail, limit);
        // Back on the room's thread (the store outlives its workers: see the destructor).
        QMetaObject::invokeMethod(self, [self, uploadId, outcome] {
            self->m_usedBytes += outcome.addedBytes;
            Q_EMIT self->verified(uploadId, outcome.file, outcome.problem);
        });
    });
}

FileStore::Outcome FileStore::check(const QString &partial, const QString &sha256, const QString &digest,
                                    const QString &name, const QString &target, const QString &thumbnail,
                                    int allocationLimitMiB)
{
    const std::optional<QString> actual = digest.isEmpty() ? Sha256::ofFile(partial) : digest;
    if (!actual)
        return {std::nullopt, u"cannot read the uploaded file"_s, 0};
    const qint64 size = QFileInfo(partial).size();
    if (*actual != sha256) {
        QFile::remove(partial);
        return {std::nullopt, u"the file's bytes do not match the SHA-256 it was sent with"_s, 0};
    }

    // The partial file stays until the chat is stored (Uploads::posted()): a room that stops in
    // between verifies it again at its next start, and posts it then.
    Outcome outcome;
    if (!QFile::exists(target)) { // else the same content is stored already: once is enough
        if (!linkOrCopy(partial, target))
            return {std::nullopt, u"cannot store the file"_s, 0};
        outcome.addedBytes = size;
    }

    Protocol::FileInfo info{sha256, name, size,
                            QMimeDatabase().mimeTypeForFile(target, QMimeDatabase::MatchContent).name()};
    if (Protocol::FileInfo::isInlineImageType(info.type)) {
        QImageReader reader(target);
        reader.setAllocationLimit(allocationLimitMiB);
        const QSize full = reader.size();
        // Refused before decoding: width × height × 4 bytes must fit the limit.
        const bool fits = full.isValid() && qint64(full.width()) * full.height() * 4 <=
                                                qint64(allocationLimitMiB) * 1024 * 1024;
        if (fits) {
            const QSize scaled =
                full.scaled(QSize(ThumbnailSize, ThumbnailSize), Qt::KeepAspectRatio).boundedTo(full);
            if (reader.supportsOption(QImageIOHandler::ScaledSize))
                reader.setScaledSize(scaled);
            QImage image = reader.read();
            if (!image.isNull()) {
                if (image.size() != scaled)
                    image = image.scaled(scaled, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                QSaveFile out(thumbnail);
                if (QFile::exists(thumbnail) ||
                    (out.open(QIODevice::WriteOnly) &&
                     image.save(&out, image.hasAlphaChannel() ? "PNG" : "JPEG", 85) && out.commit())) {
                    info.width = full.width();
                    info.height = full.height();
                    outcome.addedBytes += outcome.addedBytes > 0 ? QFileInfo(thumbnail).size() : 0;
                }
            }
        }
        if (!info.isImage())
            qCInfo(lcServer).noquote() << "not showing" << sha256.left(12) << "inline:" << full.width() << "x"
                                       << full.height() << reader.errorString();
    }
    outcome.file = info;
    return outcome;
}

void FileStore::remove(const QString &sha256)
{
    for (const QString &path : {filePath(sha256), thumbnailPath(sha256)}) {
        QFile file(path);
        const qint64 size = file.size();
        if (file.exists() && file.remove())
            m_usedBytes -= size;
        else if (file.exists())
            qCWarning(lcStore) << "cannot remove" << path << file.errorString();
    }
}
