#pragma once

#include <QObject>
#include <QTimer>

/// Tells systemd how parleyd is doing (sd_notify, for a unit of Type=notify): READY once the room
/// is listening, so that `systemctl start` returns when it really serves; WATCHDOG pings while
/// its event loop turns, if the unit has WatchdogSec; STOPPING when it shuts down. Does nothing
/// where there is no systemd (NOTIFY_SOCKET unset, or a build without libsystemd).
class SystemdNotifier : public QObject
{
    Q_OBJECT

public:
    explicit SystemdNotifier(QObject *parent = nullptr);

    void ready(const QString &status);
    void stopping();

private:
    QTimer m_watchdog;
};
