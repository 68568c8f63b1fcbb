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

constexpr int MaxEventsPerWait = 256;      // level-triggered: what is left over comes next pass
constexpr quint64 WakeUpTag = ~quint64(0); // no watch has this generation and descriptor

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeOnlyEpoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeOnlyEpoll < 0 || m_wakeFd < 0)
        qFatal("EpollEventDispatcher: cannot create an epoll set or an eventfd: %s", strerror(errno));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = WakeUpTag;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event);
    epoll_ctl(m_wakeOnlyEpoll, EPOLL_CTL_ADD, m_wakeFd, &event);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_wakeOnlyEpoll);
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
    if (mayWait)
        Q_EMIT aboutToBlock();
    if (m_interrupted)
        return false;
    const int timeout = !mayWait                                       ? 0
                        : flags.testFlag(QEventLoop::X11ExcludeTimers) ? -1
                                                                       : timeUntilNextTimer();
    epoll_event events[MaxEventsPerWait];
    // Without the notifiers, ready descriptors must not end the wait: only a wake-up does.
    const bool notifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    int ready = epoll_wait(notifiers ? m_epoll : m_wakeOnlyEpoll, events, MaxEventsPerWait, timeout);
    if (ready < 0) {
        if (errno != EINTR)
            qWarning("EpollEventDispatcher: epoll_wait: %s", strerror(errno));
        ready = 0;
    }
    int activated = 0;
    for (int i = 0; i < ready; ++i) {
        const int fd = int(events[i].data.u64 & 0xffffffff);
        if (events[i].data.u64 == WakeUpTag) {
            eventfd_t count;
            eventfd_read(m_wakeFd, &count);
            m_wakeUpPending = false;
            continue; // the posted events that woke us go at the start of the next pass
        }
        activated += activate(fd, quint32(events[i].data.u64 >> 32), events[i].events);
    }
    if (!flags.testFlag(QEventLoop::X11ExcludeTimers))
        activated += activateTimers();
    return activated > 0;
}

int EpollEventDispatcher::activate(int fd, quint32 generation, quint32 events)
{
    // As Qt's own dispatcher: an error or hang-up wakes every notifier of the descriptor, who
    // then learns what happened. Each is looked up again before it is activated: the one before
    // may have disabled or deleted it, or closed the descriptor and had its number reused (then
    // the generation differs).
    int activated = 0;
    const auto send = [&](QSocketNotifier *Watch::*slot) {
        const auto found = m_watches.find(fd);
        if (found == m_watches.end() || found->second.generation != generation || !(found->second.*slot))
            return;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(found->second.*slot, &event);
        ++activated;
    };
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        send(&Watch::read);
    if (events & (EPOLLOUT | EPOLLHUP | EPOLLERR))
        send(&Watch::write);
    if (events & (EPOLLPRI | EPOLLHUP | EPOLLERR))
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
    event.data.u64 = (quint64(watch.generation) << 32) | quint32(fd);
    if (event.events == 0) {
        // Fails harmlessly if the descriptor was closed first: it left the set by itself (Qt
        // disables a socket's notifiers before it closes, so a dup() cannot keep it there).
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
    const auto [found, added] = m_watches.try_emplace(fd);
    Watch &entry = found->second;
    if (added)
        entry.generation = ++m_generations;
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
    timer = {interval, timerType, object, m_due.end(), false};
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
    // A timer whose handler runs a nested loop (this one) is not due in it.
    const auto next = std::find_if(m_due.begin(), m_due.end(),
                                   [&](const auto &due) { return !m_timers.at(due.second).firing; });
    if (next == m_due.end())
        return -1;
    const qint64 ms = (next->first - now() + 999'999) / 1'000'000; // never early
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
        auto found = m_timers.find(id);
        if (found == m_timers.end() || found->second.firing || found->second.due->first > current)
            continue; // stopped by a timer before it (its id maybe taken by a new one), or firing
        Timer &timer = found->second;
        const qint64 interval = timer.interval * 1'000'000;
        const Deadline next = timer.due->first + interval;
        m_due.erase(timer.due);
        schedule(id, timer, next > current ? next : current + interval); // late: no catch-up burst
        if (interval > 0)
            ++fired; // as Qt's: a zero timer alone does not count as work done
        timer.firing = true;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer.object, &event);
        found = m_timers.find(id);
        if (found != m_timers.end())
            found->second.firing = false;
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
