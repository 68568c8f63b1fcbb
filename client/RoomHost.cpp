#include "RoomHost.h"

#include "ChatGateway.h"
#include "ClientLogging.h"
#include "GatewayAnnouncer.h"
#include "Limits.h"
#include "SelfSignedCertificate.h"
#include "Validation.h"

#include <QCryptographicHash>
#include <QNetworkInterface>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

RoomHost::RoomHost(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(u"room-host"_s);
    connect(&m_thread, &QThread::finished, this, &RoomHost::onThreadFinished);
}

RoomHost::~RoomHost()
{
    // Without a stop() first, members see the connection drop rather than a close frame.
    m_thread.quit();
    m_thread.wait();
}

QUrl RoomHost::localUrl() const
{
    if (!m_running)
        return {};
    return QUrl(u"%1://127.0.0.1:%2/"_s.arg(m_tls ? u"wss"_s : u"ws"_s).arg(m_port));
}

QStringList RoomHost::shareUrls() const
{
    return urlsFor(m_tls ? u"wss"_s : u"ws"_s);
}

QStringList RoomHost::webUrls() const
{
    const QString scheme = m_tls ? u"https"_s : u"http"_s;
    QStringList urls = urlsFor(scheme);
    // No network: a browser on this computer can still come in.
    if (urls.isEmpty() && m_running)
        urls.append(u"%1://127.0.0.1:%2/"_s.arg(scheme).arg(m_port));
    return urls;
}

QStringList RoomHost::urlsFor(const QString &scheme) const
{
    QStringList urls;
    if (!m_running)
        return urls;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.isLinkLocal() ||
            address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        urls.append(u"%1://%2:%3/"_s.arg(scheme, address.toString()).arg(m_port));
    }
    return urls;
}

QString RoomHost::databasePathFor(const QString &roomName)
{
    // One history per hosted room: a readable name plus a hash, so "Lab 1" and "Lab-1" differ.
    QString readable = roomName;
    readable.replace(QRegularExpression(u"[^A-Za-z0-9_-]+"_s), u"-"_s);
    const QByteArray hash =
        QCryptographicHash::hash(roomName.toUtf8(), QCryptographicHash::Sha256).toHex().left(8);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/rooms/"_s +
           readable.left(40) + u'-' + QString::fromLatin1(hash) + u".sqlite"_s;
}

void RoomHost::start(const QString &roomName, int port, const QString &password, bool tls)
{
    ServerConfig config;
    const auto name = Protocol::normalizeName(roomName, config.limits);
    if (const auto *error = std::get_if<Protocol::ProtocolError>(&name)) {
        onListenResult(false, 0, tr("Room name: %1").arg(error->message));
        return;
    }
    if (port < 0 || port > 65535) {
        onListenResult(false, 0, tr("The port must be a number from 0 to 65535"));
        return;
    }
    if (m_maxClients < 1 || m_messagesPerSecond <= 0 || m_maxTextLength < 1 || m_maxMessageKiB < 1 ||
        m_idleTimeoutSeconds < 1 || m_maxQueueKiB < 64) {
        onListenResult(false, 0, tr("The room's limits must be positive numbers"));
        return;
    }
    config.roomName = std::get<QString>(name);
    if (!m_hostToken.isEmpty())
        config.moderatorTokens = {m_hostToken};
    config.port = quint16(port);
    config.maxClients = m_maxClients;
    config.ratePerSecond = m_messagesPerSecond;
    config.rateBurst = 2 * m_messagesPerSecond;
    config.limits.maxTextLength = m_maxTextLength;
    config.limits.maxMessageBytes = quint64(m_maxMessageKiB) * 1024;
    if (const qint64 needed = Protocol::largestChatFrame(config.limits);
        needed > qint64(config.limits.maxMessageBytes)) {
        onListenResult(false, 0,
                       tr("Messages of %1 characters need frames of at least %2 KiB; allow larger frames or "
                          "shorter messages")
                           .arg(m_maxTextLength)
                           .arg((needed + 1023) / 1024));
        return;
    }
    config.idleTimeout = std::chrono::seconds(m_idleTimeoutSeconds);
    config.pingInterval = std::min(config.pingInterval, config.idleTimeout / 3);
    config.maxQueuedBytes = qint64(m_maxQueueKiB) * 1024;
    config.databasePath = databasePathFor(config.roomName);
    if (!password.isEmpty())
        config.password = RoomPassword::fromPlainText(password);
    if (tls) {
        QString error;
        const auto identity = SelfSignedCertificate::loadOrCreate(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/tls"_s, u"Parley room"_s,
            &error);
        if (!identity) {
            onListenResult(false, 0, tr("Cannot set up encryption: %1").arg(error));
            return;
        }
        config.tlsCertificate = identity->certificate;
        config.tlsKey = identity->key;
    }
    start(config);
}

void RoomHost::start(const ServerConfig &config)
{
    if (m_gateway)
        return; // already running, starting or stopping
    m_errorString.clear();
    Q_EMIT errorStringChanged();
    m_tls = config.usesTls();
    m_certificateFingerprint = m_tls ? SelfSignedCertificate::fingerprint(config.tlsCertificate) : QString();

    m_gateway = new ChatGateway(config);
    m_gateway->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_gateway, &QObject::deleteLater);
    connect(m_gateway, &ChatGateway::stopped, &m_thread, &QThread::quit);
    m_thread.start();
    Q_EMIT busyChanged();

    const bool announce = m_announced;
    const quint16 discoveryPort = quint16(std::clamp(m_discoveryPort, 1, 65535));
    QMetaObject::invokeMethod(m_gateway, [this, gateway = m_gateway, announce, discoveryPort] {
        // On the room's thread, where the announcer lives too, next to the gateway.
        const bool ok = gateway->listen();
        QString announceError;
        if (ok && announce) {
            auto *announcer = new GatewayAnnouncer(gateway);
            if (!announcer->start(discoveryPort))
                announceError = announcer->errorString();
        }
        QMetaObject::invokeMethod(
            this,
            [this, ok, port = gateway->port(), error = gateway->errorString(), announceError] {
                onListenResult(ok, port, error, announceError);
            },
            Qt::QueuedConnection);
    });
}

void RoomHost::stop()
{
    if (!m_gateway)
        return;
    const bool wasRunning = m_running;
    m_running = false;
    m_stopRequested = true;
    QMetaObject::invokeMethod(m_gateway, [gateway = m_gateway] {
        gateway->shutdown(QWebSocketProtocol::CloseCode(Protocol::CloseCodeRoomClosed),
                          u"the host closed the room"_s);
    });
    if (wasRunning)
        Q_EMIT runningChanged();
    Q_EMIT busyChanged();
}

void RoomHost::onListenResult(bool ok, quint16 port, const QString &error, const QString &announceError)
{
    if (m_stopRequested)
        return; // stop() came first: the gateway shuts down and stopped() follows, never started()
    if (!ok) {
        qCWarning(lcClient) << "hosting failed:" << error;
        m_errorString = error;
        Q_EMIT errorStringChanged();
        m_thread.quit(); // the gateway goes with the thread
        Q_EMIT failed(error);
        return;
    }
    m_port = port;
    m_announceError = announceError;
    if (!announceError.isEmpty())
        qCWarning(lcClient) << "hosting without announcing:" << announceError;
    m_running = true;
    Q_EMIT runningChanged();
    Q_EMIT busyChanged();
    Q_EMIT started();
}

void RoomHost::onThreadFinished()
{
    if (!m_gateway)
        return;
    m_gateway = nullptr;
    if (std::exchange(m_running, false))
        Q_EMIT runningChanged();
    Q_EMIT busyChanged();
    if (std::exchange(m_stopRequested, false))
        Q_EMIT stopped();
}
