#pragma once

#include <QObject>

/// Turns SIGINT and SIGTERM (Ctrl+C / console close on Windows) into a Qt signal delivered on
/// the event loop, where it is safe to close sockets. One instance per process.
class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested(int signalNumber);

private:
    void onNotified();
};
