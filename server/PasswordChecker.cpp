#include "PasswordChecker.h"

#include <QThread>

PasswordChecker::PasswordChecker(RoomPassword password, QObject *parent)
    : QObject(parent)
    , m_password(std::move(password))
{
    // Half the cores at most: checks must never starve the room's own thread.
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() / 2));
    m_pool.setObjectName(QStringLiteral("password-checks"));
}

PasswordChecker::~PasswordChecker()
{
    m_pool.clear(); // the waiting ones are not needed any more
    m_pool.waitForDone();
}

bool PasswordChecker::check(quint64 ticket, const QString &candidate)
{
    if (m_pending >= MaxPending)
        return false;
    ++m_pending;
    m_pool.start([this, ticket, candidate] {
        const bool matches = m_password.matches(candidate);
        // Queued to this object's thread; the destructor waits for this lambda to finish.
        QMetaObject::invokeMethod(
            this,
            [this, ticket, matches] {
                --m_pending;
                Q_EMIT checked(ticket, matches);
            },
            Qt::QueuedConnection);
    });
    return true;
}
