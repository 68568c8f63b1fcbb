#pragma once

#include <QByteArray>

/// One HTTP request on a connection of its own ("Connection: close") to 127.0.0.1:port, and the
/// whole answer: the room's HTTP as a plain TCP peer sees it (nothing of Qt's HTTP stack between).
struct HttpExchange
{
    int status = 0; ///< 0 if no answer came
    QByteArray head;
    QByteArray body;

    /// A response header's value (case-insensitive name), empty if absent.
    QByteArray header(const QByteArray &name) const;

    /// Sends method target with the extra header lines (each ending in \r\n) and body; a PUT or a
    /// body gets its Content-Length.
    static HttpExchange run(quint16 port, const QByteArray &method, const QByteArray &target,
                            const QByteArray &headers = {}, const QByteArray &body = {});
};
