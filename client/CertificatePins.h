#pragma once

#include <QHash>
#include <QString>

/// Trust on first use, as SSH does: the SHA-256 fingerprint of each room's self-signed TLS
/// certificate, remembered by host:port the first time it is seen (a small JSON file under the
/// app's data folder).
class CertificatePins
{
public:
    /// fileName: where the pins live (default: QStandardPaths::AppDataLocation/certificate-pins.json).
    explicit CertificatePins(QString fileName = {});

    QString pinFor(const QString &hostAndPort) const { return m_pins.value(hostAndPort); }
    void pin(const QString &hostAndPort, const QString &fingerprint);

private:
    QString m_fileName;
    QHash<QString, QString> m_pins;
};
