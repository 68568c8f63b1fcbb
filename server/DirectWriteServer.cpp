#include "DirectWriteServer.h"

#include "DirectWriteSocket.h"
#include "EventLoopTurns.h"
#include "Logging.h"

#include <QSslSocket>

DirectWriteServer::DirectWriteServer(QObject *parent)
    : QTcpServer(parent)
    , m_turns(new EventLoopTurns(this))
{}

void DirectWriteServer::incomingConnection(qintptr socketDescriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        auto *tlsSocket = new QSslSocket(this);
        tlsSocket->setSslConfiguration(*m_tls);
        socket = tlsSocket;
    } else {
        socket = new DirectWriteSocket(*m_turns, this, this);
    }
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcServer) << "cannot take an incoming connection:" << socket->errorString();
        delete socket;
        return;
    }
    addPendingConnection(socket);
}
