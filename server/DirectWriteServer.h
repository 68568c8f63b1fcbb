#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

class EventLoopTurns;

/// A QTcpServer whose connections are DirectWriteSockets, or with a TLS configuration, plain
/// QSslSockets (their bytes must go through TLS, so nothing can bypass Qt's buffer); their
/// encryption is left to the caller, which may refuse a connection before paying for it.
/// Create it on the thread that will run its sockets: it counts that thread's event-loop turns
/// for them.
class DirectWriteServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit DirectWriteServer(QObject *parent = nullptr);

    void setTlsConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    EventLoopTurns *m_turns;
    std::optional<QSslConfiguration> m_tls;
};
