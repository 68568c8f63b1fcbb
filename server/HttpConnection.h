#pragma once

#include "HttpRequest.h"
#include "ServerConfig.h"

#include <QFile>
#include <QObject>
#include <QTimer>

class ChatGateway;
class QTcpSocket;
class Room;

/// One HTTP/1.1 connection on the room's port that is not a WebSocket: the browser client's
/// page and file uploads and downloads (docs/PROTOCOL.md, "Files over HTTP"). Requests follow one another on
/// the connection (keep-alive). Bodies are streamed: an upload's bytes go to Uploads' I/O thread as they
/// arrive, with at most MaxBytesInFlight not yet on disk (the socket's read buffer is bounded too, so a fast
/// sender waits for the disk, not the server's memory); a download is read from disk as the socket drains.
///
/// It owns the socket, and deletes itself when the connection ends.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    /// clientAddress: who the peer is (its address, or the client a trusted proxy named).
    HttpConnection(QTcpSocket *socket, const QString &clientAddress, ChatGateway &gateway, Room &room,
                   const ServerConfig &config, QObject *parent = nullptr);
    ~HttpConnection() override;

    /// Bytes a download keeps queued in the socket at most, and an upload reads at once.
    static constexpr qint64 ChunkBytes = 256 * 1024;
    /// Bytes of an upload read but not yet written at most: then reading waits for the disk.
    static constexpr qint64 MaxBytesInFlight = 1024 * 1024;

    /// Answers the request handed to SocketIoServer (now, or later for a held poll).
    void answer(int status, const QByteArray &body,
                const QByteArray &contentType = "text/plain; charset=UTF-8");
    /// A Socket.IO poll's packets.
    void answerPoll(const QByteArray &payload) { answer(200, payload); }

    /// Drops the connection, keeping what it wrote of an upload (a newer request takes over, or
    /// the upload is cancelled).
    void abandon();

private:
    void onReadyRead();
    void readHead();
    void dispatch(const HttpRequest &request);
    void handleWebClient(const HttpRequest &request);
    /// GET /metrics and /healthz, for the addresses config.metricsAllowedFrom names.
    void handleMonitoring(const HttpRequest &request);
    void handleSocketIo(const HttpRequest &request);
    void readSocketIoBody();
    void handleUploadState(const QByteArray &uploadId);
    void beginUploadBody(const HttpRequest &request, const QByteArray &uploadId);
    void readBody();
    void onBytesWritten(const QString &uploadId, quint64 request, qint64 end);
    void onWriteFailed(const QString &uploadId, quint64 request, qint64 kept);
    void finishUploadBody();
    /// Stops writing the upload (what was written stays: it goes on from there).
    void stopWriting();
    void handleDownload(const HttpRequest &request, const QByteArray &fileId);
    void pumpDownload();
    qint64 queuedBytes() const;

    /// Sends a whole answer (headers and a short body), then reads the next request (or closes).
    void respond(int status, const QByteArray &headers, const QByteArray &body = {},
                 const QByteArray &contentType = "text/plain; charset=utf-8");
    void refuse(int status, const QString &reason, const QByteArray &headers = {});
    void requestDone();
    void closeConnection();

    QTcpSocket *m_socket;
    QString m_clientAddress;
    ChatGateway &m_gateway;
    Room &m_room;
    const ServerConfig &m_config;
    QTimer m_idle; // no progress for httpIdleTimeout: closed
    enum class State {
        Head,
        Body,
        Verifying,
        Download,
        SocketIoBody,
        SocketIo,
        Closing
    } m_state = State::Head;
    bool m_keepAlive = true;
    bool m_headOnly = false; // a HEAD request: headers without the body

    // The upload whose body is being read.
    QString m_uploadId;
    quint64 m_request = 0; // the number Uploads gave this request's pieces
    qint64 m_bodyLeft = 0;
    qint64 m_readEnd = 0;    // the upload's offset after the bytes read so far
    qint64 m_writtenEnd = 0; // ... and after those on disk
    QMetaObject::Connection m_verification;

    // A Socket.IO request: its head (and a POST's payload, as it comes).
    HttpRequest m_socketIoRequest;
    QByteArray m_socketIoBody;
    QByteArray m_corsHeaders; // for a page of an allowed origin

    // The file being sent.
    QFile m_download;
    qint64 m_downloadLeft = 0;
};
