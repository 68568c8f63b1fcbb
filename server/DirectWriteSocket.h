#pragma once

#include <QByteArrayList>
#include <QTcpSocket>

#include <memory>

class EventLoopTurns;
class QSocketNotifier;

/// A QTcpSocket that writes on its own: the first write of each event-loop turn goes straight
/// to the kernel, the rest waits in a queue of its own.
///
/// In a room of people chatting each chat is a turn of its own, and through Qt's buffer every
/// recipient would cost a copy, a write notifier and a second pass through the event loop before
/// the same write(). Later writes of the turn wait in the queue, which goes out in one sendmsg()
/// once the turn is over: in a busy room one syscall carries dozens of frames. Nothing overtakes
/// what waits there.
///
/// The queue holds the frames themselves (a broadcast's frame is one QByteArray shared by every
/// recipient) and is released when it drains. Qt's own buffer would copy every frame and, once
/// used, keep 32 KiB for the life of the socket: an idle member that was once sent a welcome
/// while its kernel buffer was full would hold it for hours.
///
/// bytesWritten() reports what leaves the queue, not what went straight to the kernel.
/// disconnectFromHost() waits for the queue, as Qt's does for its buffer; deleted with frames
/// queued, it sends what the kernel takes then (QAbstractSocket::flush() cannot see the queue,
/// so QWebSocket's flush before a close does not reach it). Linux and the BSDs;
/// elsewhere this is a plain QTcpSocket.
///
/// close() ends the connection gracefully (a SocketLinger, owned by lingerOwner, finishes it),
/// so that a peer still sending reads the close frame instead of a reset.
class DirectWriteSocket : public QTcpSocket
{
    Q_OBJECT

public:
    DirectWriteSocket(const EventLoopTurns &turns, QObject *lingerOwner, QObject *parent = nullptr);
    ~DirectWriteSocket() override;

    bool setSocketDescriptor(qintptr descriptor, SocketState state = ConnectedState,
                             OpenMode openMode = ReadWrite) override;
    void close() override;
    void disconnectFromHost() override;
    qint64 bytesToWrite() const override;

    /// write() on a broadcast's path: the frame is queued without a copy.
    void writeFrame(const QByteArray &frame);
    /// bytesToWrite(), without a virtual call on a broadcast's path (Qt's buffer is used only
    /// where this class cannot write itself, or after the connection failed).
    qint64 backlog() const { return m_descriptor >= 0 ? m_queuedBytes : bytesToWrite(); }

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    bool ownsWrites() const { return m_descriptor >= 0 && m_closing == Closing::No; }
    bool draining() const { return m_descriptor >= 0 && !m_queue.isEmpty(); }
    /// Qt closed the descriptor (it does when the peer closes) without this class hearing it.
    bool lostDescriptor() const { return m_descriptor >= 0 && socketDescriptor() != m_descriptor; }
    /// Sends what the kernel takes now and queues the rest (whole, if given, is data as a frame
    /// to share); false if the connection failed and Qt's path must take it.
    bool sendOrQueue(const char *data, qsizetype size, const QByteArray *whole);
    /// The turn's first write on an empty queue goes to the kernel: what it took (0 for any other
    /// write), or -1 if the connection failed (Qt's path then takes the write and reports it).
    qsizetype sendNow(const char *data, qsizetype size);
    void enqueue(const QByteArray &frame, qsizetype sent);
    void onWritable();
    /// Sends what the kernel takes of the queue: the bytes sent, or -1 if the connection failed.
    qint64 sendQueued();
    void dropQueue();

    const EventLoopTurns &m_turns;
    QObject *m_lingerOwner;
    quint64 m_lastDirectWriteTurn = ~quint64(0);
    int m_descriptor = -1; // while connected and until the queue is out
    // Asked to close or disconnect: nothing more is taken, and it happens once the queue is out.
    enum class Closing { No, Disconnect, Close } m_closing = Closing::No;
    QByteArrayList m_queue;
    qsizetype m_sentOfFirst = 0; // of m_queue's first frame
    qint64 m_queuedBytes = 0;
    std::unique_ptr<QSocketNotifier> m_writable; // made at the first backlog
};
