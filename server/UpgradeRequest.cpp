#include "UpgradeRequest.h"

#include <QList>

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray statusText(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

/// An address as proxies write it: "203.0.113.7", "[2001:db8::1]:4711", "\"[2001:db8::1]\"".
QHostAddress parseNode(QByteArray node)
{
    node = node.trimmed();
    if (node.startsWith('"') && node.endsWith('"'))
        node = node.mid(1, node.size() - 2);
    if (node.startsWith('[')) {
        node = node.mid(1, node.indexOf(']') - 1);
    } else if (node.count(':') == 1) {
        node = node.left(node.indexOf(':')); // IPv4 with a port
    }
    return QHostAddress(QString::fromLatin1(node));
}

} // namespace

UpgradeRequest::Progress UpgradeRequest::refuse(int status, const QString &reason,
                                                const QByteArray &extraHeaders)
{
    m_status = status;
    m_reason = reason;
    m_extraHeaders = extraHeaders;
    return Progress::Complete;
}

UpgradeRequest::Progress UpgradeRequest::parse(const QByteArray &received)
{
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0) {
        if (received.size() > MaxHeaderBytes)
            return refuse(431, u"the request's headers are larger than %1 bytes"_s.arg(MaxHeaderBytes));
        if (received.count('\n') > MaxHeaderLines)
            return refuse(431, u"the request has more than %1 header lines"_s.arg(MaxHeaderLines));
        return Progress::Incomplete;
    }
    if (end > MaxHeaderBytes)
        return refuse(431, u"the request's headers are larger than %1 bytes"_s.arg(MaxHeaderBytes));
    const QList<QByteArray> lines = received.left(end).split('\n');
    if (lines.size() > MaxHeaderLines)
        return refuse(431, u"the request has more than %1 header lines"_s.arg(MaxHeaderLines));

    const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(1).startsWith('/') ||
        !requestLine.at(2).startsWith("HTTP/"))
        return refuse(400, u"not an HTTP request"_s);
    if (requestLine.at(2) != "HTTP/1.1")
        return refuse(400, u"a WebSocket handshake needs HTTP/1.1, not %1"_s.arg(
                               QString::fromLatin1(requestLine.at(2))));
    if (requestLine.at(0) != "GET")
        return refuse(400, u"a WebSocket handshake is a GET request"_s);

    bool upgrade = false;
    bool connectionUpgrade = false;
    bool hasKey = false;
    QByteArray version;
    QByteArray forwardedFor;
    QByteArray forwarded;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return refuse(400, u"a header line without a name"_s);
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "upgrade")
            upgrade = value.toLower() == "websocket";
        else if (name == "connection")
            connectionUpgrade = value.toLower().contains("upgrade");
        else if (name == "sec-websocket-key")
            hasKey = !value.isEmpty();
        else if (name == "sec-websocket-version")
            version = value;
        else if (name == "x-forwarded-for")
            forwardedFor = value; // the last one wins: proxies append
        else if (name == "forwarded")
            forwarded = value;
    }
    if (!upgrade || !connectionUpgrade) {
        return refuse(426, u"this is a Parley chat room: open it in the Parley app, which speaks WebSocket"_s,
                      "Upgrade: websocket\r\nConnection: Upgrade\r\n");
    }
    if (version != "13")
        return refuse(426, u"only WebSocket version 13 is spoken here"_s, "Sec-WebSocket-Version: 13\r\n");
    if (!hasKey)
        return refuse(400, u"the handshake has no Sec-WebSocket-Key"_s);

    // The hop closest to this server is the one its proxy added: the last in each list. The
    // standard Forwarded header wins: a proxy that sets only it may pass on an X-Forwarded-For
    // the client wrote itself.
    if (!forwarded.isEmpty()) {
        for (const QByteArray &pair : forwarded.split(',').constLast().split(';')) {
            if (pair.trimmed().toLower().startsWith("for="))
                m_forwardedFor = parseNode(pair.trimmed().mid(4));
        }
    } else if (!forwardedFor.isEmpty()) {
        m_forwardedFor = parseNode(forwardedFor.split(',').constLast());
    }
    return Progress::Complete;
}

QByteArray UpgradeRequest::response(int status, const QString &reason, const QByteArray &extraHeaders)
{
    const QByteArray body = reason.toUtf8() + '\n';
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status) + "\r\n" + extraHeaders +
           "Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}
