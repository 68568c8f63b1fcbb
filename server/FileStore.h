#pragma once

#include "Messages.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

class QTemporaryDir;

/// A room's files on disk: each complete file named by its SHA-256 (one copy per content, with
/// a thumbnail beside an image), and each upload on its way as a partial file named by its
/// upload id, growing as its bytes arrive (never held whole in memory).
///
/// Finishing an upload (checking its hash, taking its type from its content, making a thumbnail)
/// runs on a worker thread. Its bytes were usually hashed as they came in (Uploads); after a
/// restart they are hashed here, whole, which for 1 GiB is time the room's thread must not spend.
/// Images are decoded under an allocation limit (QImageReader::setAllocationLimit), so a
/// decompression bomb is not decoded: its file is kept, but not shown inline.
class FileStore : public QObject
{
    Q_OBJECT

public:
    /// Where files go, and how many MiB decoding one image may allocate.
    FileStore(QString path, int imageAllocationLimitMiB, QObject *parent = nullptr);
    ~FileStore() override;

    /// Makes the folders (a temporary one for an empty path) and counts what is stored.
    bool open();
    QString errorString() const { return m_errorString; }
    QString path() const { return m_path; }

    /// Bytes of the complete files and thumbnails stored.
    qint64 usedBytes() const { return m_usedBytes; }

    QString filePath(const QString &sha256) const;
    QString thumbnailPath(const QString &sha256) const;
    QString partialPath(const QString &uploadId) const;
    /// How many bytes of an upload are on disk.
    qint64 partialSize(const QString &uploadId) const;

    /// Checks a complete partial file against its declared hash on a worker thread, then emits
    /// verified(): with the stored file, or without one (and the partial deleted) if its bytes
    /// are not what was declared. name is what the file is shown as. digest: the partial's own
    /// SHA-256 if it was hashed as it came in (else it is hashed here).
    void verify(const QString &uploadId, const QString &sha256, const QString &name,
                const QString &digest = {});

    /// Deletes a complete file (and its thumbnail) that nothing refers to any more.
    void remove(const QString &sha256);

    /// Thumbnails fit in a square of this many pixels.
    static constexpr int ThumbnailSize = 480;

Q_SIGNALS:
    void verified(const QString &uploadId, const std::optional<Protocol::FileInfo> &file,
                  const QString &problem);

private:
    struct Outcome
    {
        std::optional<Protocol::FileInfo> file;
        QString problem;
        qint64 addedBytes = 0; ///< new bytes stored (0 for content stored before)
    };
    static Outcome check(const QString &partial, const QString &sha256, const QString &digest,
                         const QString &name, const QString &target, const QString &thumbnail,
                         int allocationLimitMiB);

    QString m_path;
    std::unique_ptr<QTemporaryDir> m_temporary; // for a room without a history file
    int m_imageAllocationLimitMiB;
    qint64 m_usedBytes = 0;
    QThreadPool m_workers;
    QString m_errorString;
};
