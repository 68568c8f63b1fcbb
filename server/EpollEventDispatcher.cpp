#include "EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int MaxEventsPerWait = 256; // level-triggered: what is left over comes next pass

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("EpollEventDispatcher: cannot create an epoll set or an eventfd: %s", strerror(errno));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

EpollEventDispatcher::Deadline EpollEventDispatcher::now()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted = false;
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    const bool mayWait = flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupted;
    int timeout = 0;
    if (mayWait) {
        Q_EMIT aboutToBlock();
        timeout = flags.testFlag(QEventLoop::X11ExcludeTimers) ? -1 : timeUntilNextTimer();
    }
    epoll_event events[MaxEventsPerWait];
    int ready = epoll_wait(m_epoll, events, MaxEventsPerWait, timeout);
    if (ready < 0) {
        if (errno != EINTR)
            qWarning("EpollEventDispatcher: epoll_wait: %s", strerror(errno));
        ready = 0;
    }
    int activated = 0;
    for (int i = 0; i < ready; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wakeFd) {
            eventfd_t count;
            eventfd_read(m_wakeFd, &count);
            m_wakeUpPending = false;
            continue; // the posted events that woke us go at the start of the next pass
        }
        if (!flags.testFlag(QEventLoop::ExcludeSocketNotifiers))
            activated += activate(fd, events[i].events);
    }
    if (!flags.testFlag(QEventLoop::X11ExcludeTimers))
        activated += activateTimers();
    return activated > 0;
}

int EpollEventDispatcher::activate(int fd, quint32 events)
{
    // As Qt's own dispatcher: an error or hang-up wakes the reader (and the writer, for an
    // error), who then learns what happened. Each notifier is looked up again before it is
    // activated: the one before may have disabled or deleted it.
    int activated = 0;
    const auto send = [&](QSocketNotifier *Watch::*slot) {
        const auto found = m_watches.find(fd);
        if (found == m_watches.end() || !(found->second.*slot))
            return;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(found->second.*slot, &event);
        ++activated;
    };
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        send(&Watch::read);
    if (events & (EPOLLOUT | EPOLLERR))
        send(&Watch::write);
    if (events & EPOLLPRI)
        send(&Watch::exception);
    return activated;
}

quint32 EpollEventDispatcher::Watch::events() const
{
    return (read ? EPOLLIN : 0) | (write ? EPOLLOUT : 0) | (exception ? EPOLLPRI : 0);
}

void EpollEventDispatcher::watch(int fd, const Watch &watch)
{
    epoll_event event{};
    event.events = watch.events();
    event.data.fd = fd;
    if (event.events == 0) {
        // A descriptor closed before its notifiers went has left the set by itself.
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &event);
        return;
    }
    // The set may still hold a descriptor of this number that was closed and opened again, or
    // have dropped one this map still knows: whichever it is, the other call does it.
    if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) == 0)
        return;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0)
        qWarning("EpollEventDispatcher: cannot watch descriptor %d: %s", fd, strerror(errno));
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    Watch &entry = m_watches[fd];
    QSocketNotifier *&slot = notifier->type() == QSocketNotifier::Read    ? entry.read
                             : notifier->type() == QSocketNotifier::Write ? entry.write
                                                                          : entry.exception;
    if (slot && slot != notifier) // as Qt's dispatcher: the newer one wins, and it is a bug
        qWarning("EpollEventDispatcher: multiple socket notifiers of one type for descriptor %d", fd);
    slot = notifier;
    watch(fd, entry);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto found = m_watches.find(fd);
    if (found == m_watches.end())
        return;
    Watch &entry = found->second;
    for (QSocketNotifier **slot : {&entry.read, &entry.write, &entry.exception}) {
        if (*slot == notifier)
            *slot = nullptr;
    }
    watch(fd, entry);
    if (entry.events() == 0)
        m_watches.erase(found);
}

void EpollEventDispatcher::schedule(int timerId, Timer &timer, Deadline at)
{
    timer.due = m_due.emplace(at, timerId);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    if (const auto old = m_timers.find(timerId); old != m_timers.end())
        m_due.erase(old->second.due);
    Timer &timer = m_timers[timerId];
    timer = {interval, timerType, object, m_due.end()};
    schedule(timerId, timer, now() + interval * 1'000'000);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return false;
    m_due.erase(found->second.due);
    m_timers.erase(found);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.object == object) {
            m_due.erase(it->second.due);
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    for (const auto &[id, timer] : m_timers) {
        if (timer.object == object)
            timers.append(TimerInfo(id, int(timer.interval), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return -1;
    return int(std::max<qint64>(0, (found->second.due->first - now() + 999'999) / 1'000'000));
}

int EpollEventDispatcher::timeUntilNextTimer() const
{
    if (m_due.empty())
        return -1;
    const qint64 ms = (m_due.begin()->first - now() + 999'999) / 1'000'000; // never early
    return int(std::clamp<qint64>(ms, 0, std::numeric_limits<int>::max()));
}

int EpollEventDispatcher::activateTimers()
{
    // Each timer due now fires once this pass, also if its handler makes it due again (a zero
    // timer) or restarts others: the ones due are taken first, then fired if still there.
    const Deadline current = now();
    std::vector<int> due;
    for (auto it = m_due.begin(); it != m_due.end() && it->first <= current; ++it)
        due.push_back(it->second);
    int fired = 0;
    for (const int id : due) {
        const auto found = m_timers.find(id);
        if (found == m_timers.end() || found->second.due->first > current)
            continue; // stopped by a timer before it (and maybe its id taken by a new one)
        Timer &timer = found->second;
        const qint64 interval = timer.interval * 1'000'000;
        const Deadline next = timer.due->first + interval;
        m_due.erase(timer.due);
        schedule(id, timer, next > current ? next : current + interval); // late: no catch-up burst
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer.object, &event);
        ++fired;
    }
    return fired;
}

void EpollEventDispatcher::wakeUp()
{
    if (!m_wakeUpPending.exchange(true))
        eventfd_write(m_wakeFd, 1);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted = true;
    wakeUp();
}
