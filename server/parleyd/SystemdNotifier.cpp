#include "SystemdNotifier.h"

#ifdef PARLEY_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

SystemdNotifier::SystemdNotifier(QObject *parent)
    : QObject(parent)
    , m_watchdog(this)
{
#ifdef PARLEY_HAVE_SYSTEMD
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        // Twice per period, as sd_watchdog_enabled(3) advises: a ping from the event loop
        // itself, so a room stuck in a turn is restarted.
        m_watchdog.setInterval(std::chrono::milliseconds(usec / 2000));
        connect(&m_watchdog, &QTimer::timeout, this, [] { sd_notify(0, "WATCHDOG=1"); });
    }
#endif
}

void SystemdNotifier::ready(const QString &status)
{
#ifdef PARLEY_HAVE_SYSTEMD
    const QByteArray state = "READY=1\nSTATUS=" + status.toUtf8();
    sd_notify(0, state.constData());
    if (m_watchdog.interval() > 0)
        m_watchdog.start();
#else
    Q_UNUSED(status)
#endif
}

void SystemdNotifier::stopping()
{
#ifdef PARLEY_HAVE_SYSTEMD
    m_watchdog.stop();
    sd_notify(0, "STOPPING=1");
#endif
}
