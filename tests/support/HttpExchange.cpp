#include "HttpExchange.h"

#include <QList>
#include <QTcpSocket>
#include <QTest>

QByteArray HttpExchange::header(const QByteArray &name) const
{
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return line.mid(name.size() + 1).trimmed();
    }
    return {};
}

HttpExchange HttpExchange::run(quint16 port, const QByteArray &method, const QByteArray &target,
                               const QByteArray &headers, const QByteArray &body)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request =
        method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers;
    if (!body.isEmpty() || method == "PUT")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    socket.write(request + "\r\n" + body);
    QByteArray received;
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000);
    received += socket.readAll();
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0)
        return {};
    return {received.mid(9, 3).toInt(), received.left(end), received.mid(end + 4)};
}
