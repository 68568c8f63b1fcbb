#pragma once

#include "Messages.h"
#include "TransferListModel.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkReply;

/// Moves files between this computer and the room over HTTP on the room's port (docs/PROTOCOL.md,
/// "Files over HTTP"): uploads in pieces from where the room says it has them, downloads (to a
/// file chosen by the person, or to the cache for opening and thumbnails) resumed with ranges.
/// A transfer cut off by a lost connection, a sleep or a room restart goes on by itself: an
/// upload once ChatClient has announced it again (the room answers with where to go on), a
/// download after a pause.
///
/// It speaks HTTP only; the WebSocket side (asking for an upload, its answer and its ack) is
/// ChatClient's, which tells it what happened there.
class FileTransfers : public QObject
{
    Q_OBJECT

public:
    explicit FileTransfers(QObject *parent = nullptr);

    TransferListModel *model() const { return m_model; }

    /// The room's files: http(s)://host:port, the member's key, and the TLS certificate
    /// fingerprint trusted for it (a self-signed room's pinned one).
    void setRoom(const QUrl &base, const QString &fileKey, const QString &trustedFingerprint);
    /// Cut off from the room: requests stop; transfers wait (uploads until announced again).
    void setOffline();

    // --- uploads -------------------------------------------------------------------------------

    /// Starts an upload: hashes the file off this thread, then emits uploadHashed().
    Transfer *startUpload(const QString &clientId, const QString &conversation, const QString &path,
                          const QString &name, qint64 size, const QString &caption,
                          const QStringList &mentions);
    bool isUpload(const QString &clientId) const { return m_uploads.contains(clientId); }
    /// The uploads to announce (again) to the room: hashed and not finished.
    QList<Protocol::Upload> uploadsToAnnounce() const;
    /// The room is ready for the upload's bytes from ready.offset.
    void uploadReady(const Protocol::UploadReady &ready);
    /// The room posted the upload's chat, or refused it (reason for people): it is over.
    void uploadFinished(const QString &clientId);
    void uploadFailed(const QString &clientId, const QString &reason);

    // --- downloads -----------------------------------------------------------------------------

    /// Downloads a file posted in a conversation to path (via path.part, resumed if it is there).
    Transfer *download(const QString &conversation, const Protocol::FileInfo &file, const QString &path);
    /// An image's thumbnail in the cache, fetched first if need be (then thumbnailReady()).
    QUrl thumbnail(const QString &conversation, const QString &fileId);
    /// Where a file is kept in the cache (for opening it), whether or not it is there yet.
    static QString cachePathFor(const Protocol::FileInfo &file);
    /// A name others gave a file, made safe to save under here: one path component, no
    /// characters or names a file system refuses or treats specially (CON, a:stream, ..).
    static QString safeFileName(const QString &name);
    /// Stops every transfer without a word to the room (another room is joined).
    void clear();
    /// The URL to fetch a file from the room (the member's key in it).
    QUrl fileUrl(const QString &conversation, const QString &fileId, bool thumbnail = false) const;

    /// Cancels an upload or a download (an upload's room side is told via uploadCancelled());
    /// an upload whose every byte was sent cannot be cancelled any more (false).
    bool cancel(const QString &transferId);

    /// Bytes one upload request carries at most (the rest goes in the next): 8 MiB unless set.
    void setPieceBytes(qint64 bytes) { m_pieceBytes = bytes; }

Q_SIGNALS:
    /// An upload is hashed and may be announced to the room.
    void uploadHashed(const Protocol::Upload &upload);
    /// An upload's HTTP side failed and it should be announced again (in a while).
    void uploadInterrupted(const QString &clientId);
    void uploadCancelled(const QString &clientId, const QString &uploadId);
    /// An upload failed for good (reason in words for people): its message is not sent.
    void uploadGaveUp(const QString &clientId, const QString &reason);
    void thumbnailReady(const QString &fileId, const QUrl &localFile);

private:
    struct Upload
    {
        Protocol::Upload frame;
        QString path;
        QString uploadId;
        QString url; // the room's path for it
        QPointer<Transfer> transfer;
        QPointer<QNetworkReply> reply;
        bool hashed = false;
    };
    struct Download
    {
        QString conversation;
        Protocol::FileInfo file;
        QString path;
        QPointer<Transfer> transfer;
        QPointer<QNetworkReply> reply;
        int attempts = 0;
    };

    void sendPiece(const QString &clientId, qint64 offset);
    void onPieceFinished(const QString &clientId, QNetworkReply *reply, qint64 offset);
    void startDownload(const QString &id);
    void onDownloadFinished(const QString &id, QNetworkReply *reply);
    void retryDownload(const QString &id, const QString &why);
    /// Checks a complete download against its id (off this thread), then puts it in place.
    void finishDownload(const QString &id);
    static QString partPathFor(const QString &path, const QString &fileId);
    QNetworkRequest request(const QUrl &url) const;
    void handleSslErrors(QNetworkReply *reply);
    static QString cacheRoot();

    TransferListModel *m_model;
    QNetworkAccessManager m_network;
    QUrl m_base;
    QString m_fileKey;
    QString m_trustedFingerprint;
    bool m_online = false;
    QHash<QString, Upload> m_uploads;                     // by clientId
    QHash<QString, Download> m_downloads;                 // by transfer id
    QHash<QString, QPointer<QNetworkReply>> m_thumbnails; // by file id, while being fetched
    quint64 m_downloadCounter = 0;
    qint64 m_pieceBytes = 8 * 1024 * 1024;
};
