#include "DirectWriteSocket.h"

#include "EventLoopTurns.h"
#include "SocketLinger.h"

#include <QPointer>
#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <sys/uio.h>
#endif

#include <array>
#include <cstring>

namespace {

#ifdef MSG_NOSIGNAL
constexpr int SendFlags = MSG_DONTWAIT | MSG_NOSIGNAL;

bool wouldBlock()
{
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}
#endif

} // namespace

DirectWriteSocket::DirectWriteSocket(const EventLoopTurns &turns, QObject *lingerOwner, QObject *parent)
    : QTcpSocket(parent)
    , m_turns(turns)
    , m_lingerOwner(lingerOwner)
{
    // Gone (or closing through Qt, whose buffer then holds the rest): nothing more goes around Qt,
    // and the descriptor's number may soon be another connection's.
    connect(this, &QAbstractSocket::stateChanged, this, [this](SocketState state) {
        if (state != ConnectedState)
            dropQueue();
    });
}

DirectWriteSocket::~DirectWriteSocket()
{
    // Deleted with frames still queued (a QWebSocket deleted right after close(), whose flush()
    // only reaches Qt's buffer): what the kernel takes now still goes, as Qt's flush() would
    // have written it.
    if (draining() && !lostDescriptor())
        sendQueued();
    // ~QAbstractSocket still disconnects (stateChanged) when this part is gone: the lambda above
    // must not hear it.
    disconnect(this, nullptr, this, nullptr);
}

bool DirectWriteSocket::setSocketDescriptor(qintptr descriptor, SocketState state, OpenMode openMode)
{
    const bool taken = QTcpSocket::setSocketDescriptor(descriptor, state, openMode);
#ifdef MSG_NOSIGNAL
    m_descriptor = taken && state == ConnectedState ? int(descriptor) : -1;
#endif
    m_closing = Closing::No;
    return taken;
}

void DirectWriteSocket::close()
{
    // abort() ends in close() too, having set the write channels to none: then nothing waits.
    if (writeChannelCount() == 0 || lostDescriptor())
        dropQueue();
    m_closing = Closing::Close;
    if (draining())
        return; // onWritable() closes once the queue is out: QAbstractSocket::close() would not wait
    SocketLinger::take(this, m_lingerOwner);
    QTcpSocket::close();
}

void DirectWriteSocket::disconnectFromHost()
{
    // Qt also calls this when the peer has closed, having closed the descriptor already.
    if (lostDescriptor())
        dropQueue();
    m_closing = std::max(m_closing, Closing::Disconnect);
    if (!draining())
        QTcpSocket::disconnectFromHost();
}

qint64 DirectWriteSocket::bytesToWrite() const
{
    return m_queuedBytes + QTcpSocket::bytesToWrite();
}

void DirectWriteSocket::writeFrame(const QByteArray &frame)
{
    if (ownsWrites() && sendOrQueue(frame.constData(), frame.size(), &frame))
        return;
    if (m_closing == Closing::No)
        write(frame); // Qt's path reports what is wrong
}

qint64 DirectWriteSocket::writeData(const char *data, qint64 size)
{
    if (ownsWrites() && sendOrQueue(data, size, nullptr))
        return size;
    if (m_closing != Closing::No) {
        setErrorString(tr("The connection is closing"));
        return -1;
    }
    return QTcpSocket::writeData(data, size);
}

bool DirectWriteSocket::sendOrQueue(const char *data, qsizetype size, const QByteArray *whole)
{
    const qsizetype sent = sendNow(data, size);
    if (sent < 0)
        return false;
    if (sent < size) // a whole frame waits as itself, shared with everyone it goes to
        enqueue(whole ? *whole : QByteArray(data + sent, size - sent), whole ? sent : 0);
    return true;
}

qsizetype DirectWriteSocket::sendNow(const char *data, qsizetype size)
{
    // Only the turn's first write on an empty queue: the others wait to go out together, and
    // nothing overtakes what waits.
    if (size <= 0 || !m_queue.isEmpty() || m_lastDirectWriteTurn == m_turns.current())
        return 0;
    m_lastDirectWriteTurn = m_turns.current();
#ifdef MSG_NOSIGNAL
    const auto sent = ::send(m_descriptor, data, size_t(size), SendFlags);
    if (sent >= 0)
        return sent;
    if (wouldBlock())
        return 0;
    // The connection failed: Qt's path takes over from here and reports it as it does.
    m_descriptor = -1;
#else
    Q_UNUSED(data)
#endif
    return -1;
}

void DirectWriteSocket::enqueue(const QByteArray &frame, qsizetype sent)
{
    if (m_queue.isEmpty())
        m_sentOfFirst = sent;
    m_queue.append(frame);
    m_queuedBytes += frame.size() - sent;
    if (!m_writable) {
        m_writable = std::make_unique<QSocketNotifier>(m_descriptor, QSocketNotifier::Write);
        connect(m_writable.get(), &QSocketNotifier::activated, this, &DirectWriteSocket::onWritable);
    }
    m_writable->setEnabled(true);
}

void DirectWriteSocket::onWritable()
{
#ifdef MSG_NOSIGNAL
    if (lostDescriptor()) { // its number may be another connection's by now
        dropQueue();
        return;
    }
    const qint64 written = sendQueued();
    if (written < 0)
        return;
    const bool drained = m_queue.isEmpty();
    if (drained) {
        m_queue = {}; // its memory goes too
        m_writable->setEnabled(false);
    }
    const QPointer<DirectWriteSocket> alive(this);
    if (written > 0)
        Q_EMIT bytesWritten(written);
    if (!alive || !drained || state() != ConnectedState)
        return;
    if (m_closing == Closing::Close) {
        SocketLinger::take(this, m_lingerOwner);
        QTcpSocket::close();
    } else if (m_closing == Closing::Disconnect) {
        QTcpSocket::disconnectFromHost();
    }
#endif
}

qint64 DirectWriteSocket::sendQueued()
{
#ifdef MSG_NOSIGNAL
    qint64 written = 0;
    while (!m_queue.isEmpty()) {
        // Up to 64 frames in one syscall, the first from where the last send stopped.
        std::array<iovec, 64> parts{};
        size_t count = 0;
        size_t asked = 0;
        for (const QByteArray &frame : std::as_const(m_queue)) {
            const qsizetype skip = count == 0 ? m_sentOfFirst : 0;
            parts[count] = {const_cast<char *>(frame.constData()) + skip, size_t(frame.size() - skip)};
            asked += parts[count].iov_len;
            if (++count == parts.size())
                break;
        }
        msghdr message{};
        message.msg_iov = parts.data();
        message.msg_iovlen = count;
        const auto sent = ::sendmsg(m_descriptor, &message, SendFlags);
        if (sent < 0) {
            if (wouldBlock())
                break;
            // The connection failed: what waits cannot arrive. Qt says so, as for its own writes.
            setSocketError(RemoteHostClosedError);
            setErrorString(QString::fromLocal8Bit(strerror(errno)));
            dropQueue();
            QMetaObject::invokeMethod(
                this, [this] { abort(); }, Qt::QueuedConnection);
            return -1;
        }
        written += sent;
        m_queuedBytes -= sent;
        for (qsizetype left = sent; left > 0;) {
            const qsizetype rest = m_queue.constFirst().size() - m_sentOfFirst;
            if (left < rest) {
                m_sentOfFirst += left;
                break;
            }
            left -= rest;
            m_queue.removeFirst();
            m_sentOfFirst = 0;
        }
        if (size_t(sent) < asked)
            break; // the kernel's buffer is full
    }
    return written;
#else
    return 0;
#endif
}

void DirectWriteSocket::dropQueue()
{
    m_descriptor = -1;
    m_queue = {};
    m_sentOfFirst = 0;
    m_queuedBytes = 0;
    if (m_writable)
        m_writable->setEnabled(false);
}
