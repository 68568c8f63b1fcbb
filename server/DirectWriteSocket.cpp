#include "DirectWriteSocket.h"

#include "EventLoopTurns.h"
#include "SocketLinger.h"

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

DirectWriteSocket::DirectWriteSocket(const EventLoopTurns &turns, QObject *lingerOwner, QObject *parent)
    : QTcpSocket(parent)
    , m_turns(turns)
    , m_lingerOwner(lingerOwner)
{}

void DirectWriteSocket::close()
{
    SocketLinger::take(this, m_lingerOwner);
    QTcpSocket::close();
}

qint64 DirectWriteSocket::writeData(const char *data, qint64 size)
{
#ifdef MSG_NOSIGNAL
    if (size > 0 && state() == ConnectedState && bytesToWrite() == 0 &&
        m_lastDirectWriteTurn != m_turns.current()) {
        m_lastDirectWriteTurn = m_turns.current();
        const auto sent = ::send(int(socketDescriptor()), data, size_t(size), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent == size)
            return size;
        if (sent > 0) {
            const qint64 queued = QTcpSocket::writeData(data + sent, size - sent);
            return queued < 0 ? sent : sent + queued;
        }
        // The kernel's buffer is full, or the connection failed: Qt's buffer queues the bytes, or
        // reports the error, as it does for any write.
    }
#endif
    return QTcpSocket::writeData(data, size);
}
