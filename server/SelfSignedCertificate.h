#pragma once

#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>

#include <optional>

/// A TLS identity made on this machine (OpenSSL: an EC P-256 key and a self-signed X.509
/// certificate, valid for ten years). Peers cannot verify it against a CA; Parley clients pin
/// its fingerprint on first use instead, as SSH does.
struct SelfSignedCertificate
{
    QSslCertificate certificate;
    QSslKey key;

    /// Makes a new identity for commonName, valid for these IP addresses and "localhost".
    static std::optional<SelfSignedCertificate> generate(const QString &commonName,
                                                         const QList<QHostAddress> &addresses = {});
    /// The identity kept in directory (certificate.pem, key.pem), made there on first use.
    static std::optional<SelfSignedCertificate> loadOrCreate(const QString &directory,
                                                             const QString &commonName, QString *error);
    /// "AB:CD:…": the SHA-256 fingerprint people compare by eye.
    static QString fingerprint(const QSslCertificate &certificate);
};
