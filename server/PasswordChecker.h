#pragma once

#include "RoomPassword.h"

#include <QObject>
#include <QThreadPool>

/// Checks room passwords away from the room's thread. Each check is a PBKDF2 derivation (tens
/// of milliseconds, on purpose); on the room's thread, a few hundred guesses would stall every
/// member's chat. Checks run on a small pool of their own and report back on the room's thread;
/// how many may wait is bounded, so a flood of guesses costs a bounded amount of work.
class PasswordChecker : public QObject
{
    Q_OBJECT

public:
    /// Checks waiting or running at most; beyond, check() refuses (try again later).
    static constexpr int MaxPending = 64;

    explicit PasswordChecker(RoomPassword password, QObject *parent = nullptr);
    /// Waits for the checks that are running (a few tens of milliseconds).
    ~PasswordChecker() override;

    /// Starts checking candidate; checked(ticket, …) follows. False if too many are pending.
    bool check(quint64 ticket, const QString &candidate);
    int pending() const { return m_pending; }

Q_SIGNALS:
    void checked(quint64 ticket, bool matches);

private:
    const RoomPassword m_password;
    QThreadPool m_pool;
    int m_pending = 0;
};
