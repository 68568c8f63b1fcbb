#pragma once

#include "FileStore.h"
#include "MessageStore.h"
#include "Messages.h"
#include "ServerConfig.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <variant>

class HttpConnection;
class UploadWriter;

/// The uploads on their way in a room, with the limits on them (largest file, storage, uploads
/// in flight per member). An upload is asked for on the WebSocket (Room), kept in the history
/// database so that it survives a restart, filled over HTTP (HttpConnection) in as many pieces
/// as the connection allows, and verified once its last byte is in. Then fileReady() hands it
/// to the room, which posts its chat and removes it in the same transaction.
class Uploads : public QObject
{
    Q_OBJECT

public:
    Uploads(const ServerConfig &config, MessageStore &store, QObject *parent = nullptr);
    ~Uploads() override;

    /// Opens the file store and takes up the uploads a previous run left: complete ones are
    /// verified again, expired ones and partial files nobody knows are removed.
    bool open();
    QString errorString() const { return m_errorString; }
    const FileStore &files() const { return m_files; }
    FileStore &files() { return m_files; }

    /// A member's `upload` (the conversation already checked): ready to receive bytes, or why not.
    /// The same clientId from the same member is the same upload (a client that lost the answer);
    /// one that is verified and waits for its chat to be stored is handed to the room again.
    std::variant<Protocol::UploadReady, Protocol::ProtocolError> begin(const Protocol::Member &from,
                                                                       const Protocol::Upload &upload);
    /// Gives up the member's upload (anyone else's id is ignored, like an unknown one); a request
    /// still writing to it is dropped.
    void cancel(const QString &memberId, const QString &uploadId);
    /// Whether the member has an upload with this clientId on its way (asking again is free).
    bool contains(const QString &memberId, const QString &clientId) const;
    /// The upload's chat is stored: it is done (its partial file goes).
    void posted(const QString &uploadId);

    /// An upload as HTTP sees it: its size and how much of it is on disk or on its way there.
    struct Progress
    {
        qint64 size = 0;
        qint64 received = 0;    ///< where the next request goes on: on disk or on its way there
        qint64 written = 0;     ///< on disk: what a crash would leave
        bool verifying = false; ///< every byte is in; the hash is being checked
    };
    std::optional<Progress> progress(const QString &uploadId) const;
    /// The request writing to the upload, if any. A new request for it takes over from an older
    /// one (whose connection may be a dead one the server has not noticed yet: a laptop that
    /// slept), which is then dropped.
    HttpConnection *writer(const QString &uploadId) const;
    /// Makes connection the upload's writer; its pieces carry the number returned.
    quint64 startWriting(const QString &uploadId, HttpConnection *connection);
    /// The connection writes no more (what it handed over is still written).
    void stopWriting(const QString &uploadId, const HttpConnection *connection);
    /// Hands the writer's next bytes of the upload to the I/O thread: bytesWritten() or
    /// writeFailed() follows. When the last byte is on disk, verification starts.
    void write(const QString &uploadId, const QByteArray &bytes);

    static QString urlOf(const QString &uploadId) { return QStringLiteral("/files/upload/") + uploadId; }

Q_SIGNALS:
    /// The upload's bytes are verified and stored: the room posts its chat.
    void fileReady(const MessageStore::Upload &upload, const Protocol::FileInfo &file);
    /// The upload's bytes were not what its sender declared; it is gone.
    void uploadFailed(const MessageStore::Upload &upload, const Protocol::ProtocolError &error);
    /// The upload's bytes up to end, handed over by request, are on disk.
    void bytesWritten(const QString &uploadId, quint64 request, qint64 end);
    /// A piece of request could not be written (the disk is full); kept bytes are on disk.
    void writeFailed(const QString &uploadId, quint64 request, qint64 kept, const QString &problem);
    /// Verification of an upload ended (file is empty if it failed), for a request waiting on it.
    void verificationFinished(const QString &uploadId, const std::optional<Protocol::FileInfo> &file,
                              const QString &problem);

private:
    void onWritten(const QString &uploadId, quint64 request, qint64 end, const QString &digest);
    void onWriteFailed(const QString &uploadId, quint64 request, qint64 kept, const QString &problem);
    /// Every byte is on disk: verification starts (digest: the bytes' SHA-256, if it is known).
    void received(const QString &uploadId, const QString &digest = {});
    void onVerified(const QString &uploadId, const std::optional<Protocol::FileInfo> &file,
                    const QString &problem);
    void removeExpired();
    void forget(const QString &uploadId);
    qint64 reservedBytes() const;
    static QString newUploadId();

    const ServerConfig &m_config;
    MessageStore &m_store;
    FileStore m_files;
    QHash<QString, MessageStore::Upload> m_uploads; // by id
    struct Writer
    {
        QPointer<HttpConnection> connection;
        quint64 request = 0;
    };
    QHash<QString, Writer> m_writers;
    quint64 m_lastRequest = 0;
    QHash<QString, qint64> m_accepted; // by upload id: bytes handed to the I/O thread, or on disk
    QHash<QString, qint64> m_written;  // by upload id: bytes on disk
    QSet<QString> m_verifying;
    QHash<QString, Protocol::FileInfo> m_verified; // by upload id: waiting for their chat to be stored
    QTimer m_expiry;
    QThread m_io;
    UploadWriter *m_ioWriter; // lives in m_io
    QString m_errorString;
};
