#pragma once

#include <QTcpServer>

class EventLoopTurns;

/// A QTcpServer whose connections are DirectWriteSockets. Create it on the thread that will
/// run its sockets: it counts that thread's event-loop turns for them.
class DirectWriteServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit DirectWriteServer(QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    EventLoopTurns *m_turns;
};
