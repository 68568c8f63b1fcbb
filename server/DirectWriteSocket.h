#pragma once

#include <QTcpSocket>

class EventLoopTurns;

/// A QTcpSocket whose first write of each event-loop turn goes straight to the kernel.
///
/// In a room of people chatting each chat is a turn of its own, and through Qt's buffer every
/// recipient would cost a copy, a write notifier and a second pass through the event loop before
/// the same write(). Later writes of the turn go into Qt's buffer, which writes them together
/// once the turn is over: in a busy room one write() carries dozens of frames. Only an empty
/// buffer is bypassed, so nothing overtakes what waits there.
///
/// It also means a connection that is only ever sent a little (the handshake response, a
/// welcome, presence) never makes Qt allocate its 32 KiB write buffer, which it would keep for
/// the life of the socket.
///
/// bytesWritten() reports only what went through Qt's buffer. Linux and the BSDs; elsewhere
/// this is a plain QTcpSocket.
///
/// A broadcast reaches every member through writeFrame() and backlog(), which know whether Qt's
/// buffer holds anything without asking it: the common case, an empty buffer and the turn's first
/// write, costs one send() and no QIODevice bookkeeping.
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

    /// write(), cheaper on a broadcast's path (see above).
    void writeFrame(const QByteArray &frame);
    /// bytesToWrite(), without asking Qt when its buffer has been empty since it last drained.
    qint64 backlog() const { return m_buffered ? bytesToWrite() : 0; }

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    /// Sends the first write of a turn on an empty buffer to the kernel: all of it taken, or the
    /// rest queued in Qt's buffer; false if it is not that write (Qt's path then takes it whole).
    bool sendDirectly(const char *data, qint64 size, qint64 *written);

    const EventLoopTurns &m_turns;
    QObject *m_lingerOwner;
    quint64 m_lastDirectWriteTurn = ~quint64(0);
    int m_descriptor = -1;   // while connected
    bool m_buffered = false; // Qt's buffer may hold bytes (it has not drained since)
};
