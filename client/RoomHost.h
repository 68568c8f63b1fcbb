#pragma once

#include "DiscoveryPacket.h"
#include "ServerConfig.h"

#include <QObject>
#include <QThread>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

class ChatGateway;

/// Hosts a room inside the app: runs a ChatGateway on its own thread, so the GUI never waits
/// on the room and the room never waits on the GUI. The host's own ChatClient joins through
/// localUrl over a loopback socket, like every other member.
class RoomHost : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    Q_PROPERTY(int port READ port NOTIFY runningChanged)
    Q_PROPERTY(QUrl localUrl READ localUrl NOTIFY runningChanged)
    Q_PROPERTY(QStringList shareUrls READ shareUrls NOTIFY runningChanged)
    /// The same addresses for a browser (http:// or https://): the room serves its web client
    /// (this computer's own, 127.0.0.1, where it has no network).
    Q_PROPERTY(QStringList webUrls READ webUrls NOTIFY runningChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    /// Limits for the next start() (defaults as parleyd's; see docs/RELIABILITY.md).
    Q_PROPERTY(int maxClients MEMBER m_maxClients NOTIFY limitsChanged)
    Q_PROPERTY(double messagesPerSecond MEMBER m_messagesPerSecond NOTIFY limitsChanged)
    Q_PROPERTY(int maxTextLength MEMBER m_maxTextLength NOTIFY limitsChanged)
    Q_PROPERTY(int maxMessageKiB MEMBER m_maxMessageKiB NOTIFY limitsChanged)
    Q_PROPERTY(int idleTimeoutSeconds MEMBER m_idleTimeoutSeconds NOTIFY limitsChanged)
    Q_PROPERTY(int maxQueueKiB MEMBER m_maxQueueKiB NOTIFY limitsChanged)
    /// Whether the next start() announces the room on the local network (false: a private room,
    /// joined only by typing its address).
    Q_PROPERTY(bool announced MEMBER m_announced NOTIFY announcedChanged)
    /// UDP port announcements go to (Discovery::DefaultPort; tests pick their own).
    Q_PROPERTY(int discoveryPort MEMBER m_discoveryPort NOTIFY announcedChanged)
    /// Why a running room could not be announced (it still works by address), or empty.
    Q_PROPERTY(QString announceError READ announceError NOTIFY runningChanged)
    /// The identity token of the person hosting (ChatClient::identityToken): that member is the
    /// room's moderator while it runs.
    Q_PROPERTY(QString hostToken MEMBER m_hostToken NOTIFY hostTokenChanged)
    /// For wss:// rooms: the SHA-256 fingerprint members can compare with what their app shows.
    Q_PROPERTY(QString certificateFingerprint READ certificateFingerprint NOTIFY runningChanged)

public:
    explicit RoomHost(QObject *parent = nullptr);
    ~RoomHost() override;

    bool isRunning() const { return m_running; }
    /// Starting or stopping.
    bool isBusy() const { return m_gateway && !m_running; }
    int port() const { return m_port; }
    QUrl localUrl() const;
    /// Addresses people on the network can type to join (this machine's non-loopback IPs).
    QStringList shareUrls() const;
    QStringList webUrls() const;
    QString errorString() const { return m_errorString; }
    QString announceError() const { return m_running ? m_announceError : QString(); }
    QString certificateFingerprint() const { return m_running ? m_certificateFingerprint : QString(); }

    /// The history file of a hosted room with this name (under AppDataLocation/rooms).
    static QString databasePathFor(const QString &roomName);

    /// Starts a room called roomName on port (0 picks a free one), on all interfaces, with the
    /// history it had when last hosted under that name.
    /// With tls, the room speaks wss:// with a self-signed certificate made on first use.
    Q_INVOKABLE void start(const QString &roomName, int port, const QString &password = {}, bool tls = false);
    void start(const ServerConfig &config);
    /// Closes the room: every member is told (1001) and disconnected, then stopped() follows.
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void hostTokenChanged();
    void started();
    void failed(const QString &error);
    void stopped();
    void runningChanged();
    void busyChanged();
    void errorStringChanged();
    void limitsChanged();
    void announcedChanged();

private:
    /// This computer's network addresses (not loopback) as SCHEME://ADDRESS:PORT/.
    QStringList urlsFor(const QString &scheme) const;
    void onListenResult(bool ok, quint16 port, const QString &error, const QString &announceError = {});
    void onThreadFinished();

    QThread m_thread;
    ChatGateway *m_gateway = nullptr; // lives on m_thread
    bool m_running = false;
    bool m_stopRequested = false;
    quint16 m_port = 0;
    QString m_errorString;
    QString m_certificateFingerprint;
    QString m_announceError;
    bool m_announced = true;
    int m_discoveryPort = Discovery::DefaultPort;
    bool m_tls = false;
    QString m_hostToken;
    int m_maxClients = ServerConfig().maxClients;
    double m_messagesPerSecond = ServerConfig().ratePerSecond;
    int m_maxTextLength = int(ServerConfig().limits.maxTextLength);
    int m_maxMessageKiB = int(ServerConfig().limits.maxMessageBytes / 1024);
    int m_idleTimeoutSeconds = int(ServerConfig().idleTimeout.count() / 1000);
    int m_maxQueueKiB = int(ServerConfig().maxQueuedBytes / 1024);
};
