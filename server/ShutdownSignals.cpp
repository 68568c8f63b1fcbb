#include "ShutdownSignals.h"

#include <QCoreApplication>

#include <csignal>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <sys/socket.h>
#include <unistd.h>

namespace {
// The handler may only do async-signal-safe work: it writes the signal number to a socket
// pair, and a QSocketNotifier reads it on the event loop (the pattern from Qt's docs).
int s_fds[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    [[maybe_unused]] const auto written = ::write(s_fds[0], &byte, 1);
}
} // namespace

ShutdownSignals::ShutdownSignals(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_fds) != 0)
        qFatal("cannot create the signal socket pair");
    auto *notifier = new QSocketNotifier(s_fds[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, &ShutdownSignals::onNotified);

    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

ShutdownSignals::~ShutdownSignals()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    ::close(s_fds[0]);
    ::close(s_fds[1]);
    s_fds[0] = s_fds[1] = -1;
}

void ShutdownSignals::onNotified()
{
    char byte = 0;
    if (::read(s_fds[1], &byte, 1) == 1)
        Q_EMIT shutdownRequested(int(byte));
}

#else // Windows: the console control handler runs on its own thread, so queue the signal.
#include <qt_windows.h>

namespace {
ShutdownSignals *s_instance = nullptr;

BOOL WINAPI onConsoleEvent(DWORD)
{
    if (s_instance)
        QMetaObject::invokeMethod(
            s_instance, [] { Q_EMIT s_instance->shutdownRequested(SIGINT); }, Qt::QueuedConnection);
    return TRUE;
}
} // namespace

ShutdownSignals::ShutdownSignals(QObject *parent)
    : QObject(parent)
{
    s_instance = this;
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

ShutdownSignals::~ShutdownSignals()
{
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    s_instance = nullptr;
}

void ShutdownSignals::onNotified()
{}
#endif
