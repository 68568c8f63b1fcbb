#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>

/// The opening HTTP request of a connection, checked before QWebSocketServer sees it, so that
/// what is not a WebSocket handshake gets an HTTP answer that says why (QWebSocketServer would
/// close such a connection without a word) and a trusted reverse proxy's X-Forwarded-For or
/// Forwarded header can name the real client.
class UpgradeRequest
{
public:
    static constexpr qsizetype MaxHeaderBytes = 8 * 1024;
    static constexpr int MaxHeaderLines = 64;

    enum class Progress { Incomplete, Complete };

    /// Reads the request head from the bytes received so far (nothing is consumed).
    /// Incomplete: wait for more. Complete: status() says whether it may be upgraded.
    Progress parse(const QByteArray &received);

    /// 0 if this is a WebSocket handshake QWebSocketServer can take; else the HTTP status to
    /// answer with (400, 426 or 431), reason() saying why.
    int status() const { return m_status; }
    QString reason() const { return m_reason; }
    /// Extra response headers that go with the status (426 names what to upgrade to).
    QByteArray extraHeaders() const { return m_extraHeaders; }

    /// The client as a reverse proxy in front of the room reports it (the last hop of
    /// X-Forwarded-For, or Forwarded's for=), or a null address if the request names none.
    QHostAddress forwardedFor() const { return m_forwardedFor; }

    /// The whole answer for a refused request: status line, headers and a short text.
    static QByteArray response(int status, const QString &reason, const QByteArray &extraHeaders = {});

private:
    Progress refuse(int status, const QString &reason, const QByteArray &extraHeaders = {});

    int m_status = 0;
    QString m_reason;
    QByteArray m_extraHeaders;
    QHostAddress m_forwardedFor;
};
