#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrlQuery>

/// The head of an HTTP/1.1 request on the room's port: a WebSocket handshake (peeked before
/// QWebSocketServer reads it, so that a mistaken one gets an HTTP answer that says why instead
/// of a silent close) or a plain request for files (HttpConnection).
class HttpRequest
{
public:
    static constexpr qsizetype MaxHeaderBytes = 8 * 1024;
    static constexpr int MaxHeaderLines = 64;

    enum class Progress { Incomplete, Complete };

    /// Reads the request head from the bytes received so far (nothing is consumed).
    /// Incomplete: wait for more. Complete: status() says whether it is well-formed.
    Progress parse(const QByteArray &received);

    /// 0 if the head is well-formed; else the HTTP status to answer with (400, 431 or 505),
    /// reason() saying why.
    int status() const { return m_status; }
    QString reason() const { return m_reason; }
    /// Extra response headers that go with the status (426 names what to upgrade to).
    QByteArray extraHeaders() const { return m_extraHeaders; }
    /// The bytes the head takes, the blank line after it included.
    qsizetype headSize() const { return m_headSize; }

    QByteArray method() const { return m_method; }
    /// The target's path ("/files/…"), without the query.
    QByteArray path() const { return m_path; }
    QUrlQuery query() const { return m_query; }
    /// A header's value (the last one of that name), by its lower-case name; empty if absent.
    QByteArray header(const QByteArray &lowerCaseName) const;
    /// Whether the connection may carry another request after this one's answer.
    bool keepAlive() const;

    /// Whether the request asks for an upgrade (to WebSocket), rightly or not.
    bool wantsUpgrade() const { return !header("upgrade").isEmpty(); }
    /// Checks the head as a WebSocket handshake QWebSocketServer can take: false, with
    /// status(), reason() and extraHeaders() set (400 or 426), if it is not one.
    bool checkUpgrade();

    /// Whether a browser page may join from where it came (its Origin): no Origin (not a
    /// browser), a listed one, or the room's own page (docs/PROTOCOL.md, "Origins").
    bool originAllowed(const QStringList &allowedOrigins) const;

    /// The client as a reverse proxy in front of the room reports it (the last hop of
    /// X-Forwarded-For, or Forwarded's for=), or a null address if the request names none.
    QHostAddress forwardedFor() const;

    /// The whole answer for a refused request: status line, headers and a short text.
    static QByteArray response(int status, const QString &reason, const QByteArray &extraHeaders = {});
    static QByteArray statusText(int status);

private:
    Progress refuse(int status, const QString &reason, const QByteArray &extraHeaders = {});

    int m_status = 0;
    QString m_reason;
    QByteArray m_extraHeaders;
    qsizetype m_headSize = 0;
    QByteArray m_method;
    QByteArray m_path;
    QByteArray m_version;
    QUrlQuery m_query;
    QList<std::pair<QByteArray, QByteArray>> m_headers; // names in lower case
};
