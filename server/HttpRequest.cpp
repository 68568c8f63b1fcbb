#include "HttpRequest.h"

#include <QHostInfo>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace {

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

QByteArray HttpRequest::statusText(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 416:
        return "Range Not Satisfiable";
    case 422:
        return "Unprocessable Content";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    case 507:
        return "Insufficient Storage";
    default:
        return "Error";
    }
}

HttpRequest::Progress HttpRequest::refuse(int status, const QString &reason, const QByteArray &extraHeaders)
{
    m_status = status;
    m_reason = reason;
    m_extraHeaders = extraHeaders;
    return Progress::Complete;
}

HttpRequest::Progress HttpRequest::parse(const QByteArray &received)
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
    m_headSize = end + 4;
    const QList<QByteArray> lines = received.left(end).split('\n');
    if (lines.size() > MaxHeaderLines)
        return refuse(431, u"the request has more than %1 header lines"_s.arg(MaxHeaderLines));

    const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(1).startsWith('/') ||
        !requestLine.at(2).startsWith("HTTP/"))
        return refuse(400, u"not an HTTP request"_s);
    m_method = requestLine.at(0);
    m_version = requestLine.at(2);
    if (m_version != "HTTP/1.1" && m_version != "HTTP/1.0")
        return refuse(505, u"only HTTP/1.1 is spoken here"_s);
    const QByteArray &target = requestLine.at(1);
    const qsizetype question = target.indexOf('?');
    m_path = question < 0 ? target : target.left(question);
    if (question >= 0)
        m_query.setQuery(QString::fromUtf8(target.mid(question + 1)));

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return refuse(400, u"a header line without a name"_s);
        m_headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    // Two lengths are two readings of where the body ends: a proxy and this server could differ.
    int lengths = 0;
    for (const auto &[name, value] : std::as_const(m_headers))
        lengths += name == "content-length" ? 1 : 0;
    if (lengths > 1)
        return refuse(400, u"the request has more than one Content-Length"_s);
    return Progress::Complete;
}

QByteArray HttpRequest::header(const QByteArray &lowerCaseName) const
{
    for (auto it = m_headers.crbegin(); it != m_headers.crend(); ++it) {
        if (it->first == lowerCaseName)
            return it->second; // the last one wins: proxies append
    }
    return {};
}

bool HttpRequest::keepAlive() const
{
    const QByteArray connection = header("connection").toLower();
    if (m_version == "HTTP/1.0")
        return connection.contains("keep-alive");
    return !connection.contains("close");
}

bool HttpRequest::checkUpgrade()
{
    if (m_version != "HTTP/1.1") {
        refuse(400, u"a WebSocket handshake needs HTTP/1.1, not %1"_s.arg(QString::fromLatin1(m_version)));
        return false;
    }
    if (m_method != "GET") {
        refuse(400, u"a WebSocket handshake is a GET request"_s);
        return false;
    }
    if (header("upgrade").toLower() != "websocket" || !header("connection").toLower().contains("upgrade")) {
        refuse(426, u"this is a Parley chat room: open it in the Parley app, which speaks WebSocket"_s,
               "Upgrade: websocket\r\nConnection: Upgrade\r\n");
        return false;
    }
    if (header("sec-websocket-version") != "13") {
        refuse(426, u"only WebSocket version 13 is spoken here"_s, "Sec-WebSocket-Version: 13\r\n");
        return false;
    }
    if (header("sec-websocket-key").isEmpty()) {
        refuse(400, u"the handshake has no Sec-WebSocket-Key"_s);
        return false;
    }
    return true;
}

QHostAddress HttpRequest::forwardedFor() const
{
    // The hop closest to this server is the one its proxy added: the last in each list. The
    // standard Forwarded header wins: a proxy that sets only it may pass on an X-Forwarded-For
    // the client wrote itself.
    QHostAddress address;
    if (const QByteArray forwarded = header("forwarded"); !forwarded.isEmpty()) {
        for (const QByteArray &pair : forwarded.split(',').constLast().split(';')) {
            if (pair.trimmed().toLower().startsWith("for="))
                address = parseNode(pair.trimmed().mid(4));
        }
    } else if (const QByteArray forwardedFor = header("x-forwarded-for"); !forwardedFor.isEmpty()) {
        address = parseNode(forwardedFor.split(',').constLast());
    }
    return address;
}

QByteArray HttpRequest::response(int status, const QString &reason, const QByteArray &extraHeaders)
{
    const QByteArray body = reason.toUtf8() + '\n';
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status) + "\r\n" + extraHeaders +
           "Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

bool HttpRequest::originAllowed(const QStringList &allowedOrigins) const
{
    // Native clients send no Origin; a browser always does, and only the room's own page and
    // listed sites may connect (otherwise any web page could join from a visitor's browser).
    const QString origin = QString::fromUtf8(header("origin"));
    if (origin.isEmpty() || allowedOrigins.contains(origin))
        return true;
    // The page this room served: the same host and port as the request went to. Only by an
    // address or the machine's own name: a name someone else's DNS gives this address (DNS
    // rebinding) would make their page "the same origin".
    const QUrl page(origin);
    const QUrl target(u"//"_s + QString::fromLatin1(header("host")));
    const int defaultPort = page.scheme() == u"https" ? 443 : 80;
    if (!page.isValid() || !target.isValid() || (page.scheme() != u"http" && page.scheme() != u"https") ||
        page.host().compare(target.host(), Qt::CaseInsensitive) != 0 ||
        page.port(defaultPort) != target.port(defaultPort))
        return false;
    const QString host = page.host().toLower();
    const QString machine = QHostInfo::localHostName().toLower();
    return !QHostAddress(host).isNull() || host == u"localhost" || host == machine ||
           host == machine + u".local"_s;
}
