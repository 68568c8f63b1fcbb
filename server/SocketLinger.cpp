#include "SocketLinger.h"

#include <QAbstractSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

void SocketLinger::take(QAbstractSocket *socket, QObject *parent)
{
#if defined(Q_OS_UNIX) && defined(SHUT_WR)
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    const int descriptor = ::dup(int(socket->socketDescriptor()));
    if (descriptor < 0)
        return;
    auto *linger = new SocketLinger(descriptor, parent);
    // Qt may still be writing what was queued (it closes once that is out), or may be deleted
    // without a signal: either way it has let go of the connection.
    connect(socket, &QAbstractSocket::disconnected, linger, &SocketLinger::start);
    connect(socket, &QObject::destroyed, linger, &SocketLinger::start);
#else
    Q_UNUSED(socket);
    Q_UNUSED(parent);
#endif
}

SocketLinger::SocketLinger(int descriptor, QObject *parent)
    : QObject(parent)
    , m_descriptor(descriptor)
    , m_readable(descriptor, QSocketNotifier::Read)
{
    m_readable.setEnabled(false);
    connect(&m_readable, &QSocketNotifier::activated, this, &SocketLinger::drain);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &QObject::deleteLater);
    // Whatever happens to the socket (if it goes without a signal), the descriptor is not kept.
    m_deadline.start(GiveUpMs);
}

SocketLinger::~SocketLinger()
{
#ifdef Q_OS_UNIX
    ::close(m_descriptor);
#endif
}

void SocketLinger::start()
{
#if defined(Q_OS_UNIX) && defined(SHUT_WR)
    if (std::exchange(m_started, true))
        return;
    ::shutdown(m_descriptor, SHUT_WR);
    m_readable.setEnabled(true);
    m_deadline.start(DeadlineMs);
    drain();
#endif
}

void SocketLinger::drain()
{
#ifdef Q_OS_UNIX
    char discard[16384];
    for (;;) {
        const auto got = ::recv(m_descriptor, discard, sizeof discard, MSG_DONTWAIT);
        if (got > 0)
            continue;
        if (got < 0 && errno == EAGAIN)
            return;
        // The peer closed its side (or the connection failed): done.
        m_readable.setEnabled(false);
        deleteLater();
        return;
    }
#endif
}
