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
{
    // Closing (disconnectFromHost()) or gone: nothing more goes around Qt.
    connect(this, &QAbstractSocket::stateChanged, this, [this](SocketState state) {
        if (state != ConnectedState)
            m_descriptor = -1;
    });
    connect(this, &QIODevice::bytesWritten, this, [this] {
        if (bytesToWrite() == 0)
            m_buffered = false;
    });
}

DirectWriteSocket::~DirectWriteSocket()
{
    // ~QAbstractSocket still disconnects (stateChanged, maybe bytesWritten) when this part is
    // gone: the lambdas above must not hear it.
    disconnect(this, nullptr, this, nullptr);
}

bool DirectWriteSocket::setSocketDescriptor(qintptr descriptor, SocketState state, OpenMode openMode)
{
    const bool taken = QTcpSocket::setSocketDescriptor(descriptor, state, openMode);
    m_descriptor = taken && state == ConnectedState ? int(descriptor) : -1;
    return taken;
}

void DirectWriteSocket::close()
{
    m_descriptor = -1; // the number may soon be another connection's
    SocketLinger::take(this, m_lingerOwner);
    QTcpSocket::close();
}

void DirectWriteSocket::writeFrame(const QByteArray &frame)
{
    qint64 written = 0;
    if (!sendDirectly(frame.constData(), frame.size(), &written))
        write(frame);
}

qint64 DirectWriteSocket::writeData(const char *data, qint64 size)
{
    qint64 written = 0;
    if (sendDirectly(data, size, &written))
        return written;
    m_buffered = true;
    return QTcpSocket::writeData(data, size);
}

bool DirectWriteSocket::sendDirectly(const char *data, qint64 size, qint64 *written)
{
#ifdef MSG_NOSIGNAL
    if (size <= 0 || m_descriptor < 0 || m_buffered || m_lastDirectWriteTurn == m_turns.current())
        return false;
    m_lastDirectWriteTurn = m_turns.current();
    const auto sent = ::send(m_descriptor, data, size_t(size), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (sent == size) {
        *written = size;
        return true;
    }
    if (sent > 0) {
        m_buffered = true;
        const qint64 queued = QTcpSocket::writeData(data + sent, size - sent);
        *written = queued < 0 ? sent : sent + queued;
        return true;
    }
    // The kernel's buffer is full, or the connection failed: Qt's buffer queues the bytes, or
    // reports the error, as it does for any write.
#else
    Q_UNUSED(data)
    Q_UNUSED(size)
    Q_UNUSED(written)
#endif
    return false;
}
