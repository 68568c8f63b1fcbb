#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

class QAbstractSocket;

/// Ends a TCP connection gracefully after its QTcpSocket has closed: holds a duplicate of the
/// socket's descriptor, and once Qt has written everything and let go of its own, sends a FIN
/// and reads and drops whatever the peer still sends, until the peer closes its side too or the
/// deadline passes. Then it deletes itself.
///
/// Why: closing a socket whose peer has sent bytes not read yet makes the kernel reset the
/// connection (RST) instead, and the peer then loses what it had not read yet: a WebSocket close
/// frame (1008 to a flooder, 1009 to an oversized upload) would never reach it. Qt's sockets
/// have no half-close, so this is done below them. Linux and the BSDs.
class SocketLinger : public QObject
{
    Q_OBJECT

public:
    static constexpr int DeadlineMs = 2000;
    /// The descriptor is closed this long after take() at the latest.
    static constexpr int GiveUpMs = 10000;

    /// Takes over a duplicate of socket's descriptor; call just before the socket closes.
    static void take(QAbstractSocket *socket, QObject *parent);

    ~SocketLinger() override;

private:
    SocketLinger(int descriptor, QObject *parent);
    void start();
    void drain();

    int m_descriptor;
    bool m_started = false;
    QSocketNotifier m_readable;
    QTimer m_deadline;
};
