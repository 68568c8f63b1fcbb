#pragma once

#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslKey>

/// How a wss:// room speaks TLS: its certificate and key, checked to belong together, and only
/// cipher suites with forward secrecy (TLS 1.3, and ECDHE in TLS 1.2).
class TlsSettings
{
public:
    /// Whether key is the private key of certificate's public key (a mismatched pair makes every
    /// handshake fail, with nothing said).
    static bool keyMatches(const QSslCertificate &certificate, const QSslKey &key);
    /// The server side of TLS for a room.
    static QSslConfiguration serverConfiguration(const QSslCertificate &certificate, const QSslKey &key);
    /// The suites a room offers: recorded traffic stays secret even if the key leaks later.
    static QList<QSslCipher> forwardSecretCiphers();
};
