#include "CertificatePins.h"

#include "ClientLogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

CertificatePins::CertificatePins(QString fileName)
    : m_fileName(fileName.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                          u"/certificate-pins.json"_s
                                    : std::move(fileName))
{
    QFile file(m_fileName);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject pins = QJsonDocument::fromJson(file.readAll()).object();
    for (auto it = pins.begin(); it != pins.end(); ++it)
        m_pins.insert(it.key(), it.value().toString());
}

void CertificatePins::pin(const QString &hostAndPort, const QString &fingerprint)
{
    m_pins.insert(hostAndPort, fingerprint);
    QJsonObject pins;
    for (auto it = m_pins.cbegin(); it != m_pins.cend(); ++it)
        pins.insert(it.key(), it.value());
    QDir().mkpath(QFileInfo(m_fileName).absolutePath());
    QSaveFile file(m_fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(pins).toJson()) < 0 || !file.commit())
        qCWarning(lcClient) << "cannot save certificate pins to" << m_fileName << file.errorString();
}
