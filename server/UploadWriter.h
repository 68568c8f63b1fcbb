#pragma once

#include "Sha256.h"

#include <QFile>
#include <QHash>
#include <QObject>

#include <memory>

/// Writes uploads' bytes to their partial files and hashes them as they come, on an I/O thread
/// of its own (Uploads owns the thread): a write() into the page cache can block for tens of
/// milliseconds while the kernel throttles dirty pages, and the room's thread must not wait for
/// the disk while others chat. Calls come queued from the room's thread, in order; each piece is
/// answered by written() or writeFailed().
class UploadWriter : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~UploadWriter() override;

    /// Appends bytes at offset of the upload's partial file (path), for the HTTP request with
    /// this number. total is the upload's size: once it is reached the file is closed, and
    /// written() carries its SHA-256 if every byte went through here in order.
    void write(const QString &uploadId, quint64 request, const QString &path, qint64 offset,
               const QByteArray &bytes, qint64 total);
    /// Closes the upload's file, for a request that stopped (what was written stays).
    void close(const QString &uploadId);
    /// Closes and deletes the upload's partial file.
    void discard(const QString &uploadId, const QString &path);
    /// Closes every file (the room stops).
    void closeAll();
    /// Gives the thread it runs on a lower scheduling priority than the room's (nice 10).
    void lowerPriority();

Q_SIGNALS:
    /// The upload's bytes up to end are on disk. digest: the whole file's, when end is its size.
    void written(const QString &uploadId, quint64 request, qint64 end, const QString &digest);
    /// A piece could not be written (the disk is full): kept bytes of the upload are on disk.
    /// The rest of that request's pieces are dropped.
    void writeFailed(const QString &uploadId, quint64 request, qint64 kept, const QString &problem);

private:
    struct Partial
    {
        QFile file;
        std::unique_ptr<Sha256> hash; ///< while every byte from the first came through here
        quint64 failedRequest = 0;
    };
    QHash<QString, std::shared_ptr<Partial>> m_partials;
};
