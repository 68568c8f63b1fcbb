#pragma once

#include <QAbstractEventDispatcher>

#include <atomic>
#include <map>
#include <unordered_map>

class QSocketNotifier;

/// The event dispatcher parleyd runs on (Linux): epoll instead of Qt's poll(). Qt's dispatcher
/// hands the kernel every descriptor at every wake-up, so a room of 10,000 idle members spent
/// most of its heartbeat's CPU in poll() (docs/BENCHMARKS.md); epoll is told once and reports
/// only the descriptors that are ready. Timers, posted events and notifiers behave as Qt's own:
/// each expired timer fires once per pass and not inside its own handler's nested loop, a
/// notifier deleted or disabled during a pass is not activated, and posted events (also from
/// other threads, through wakeUp()) go first.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    using Deadline = qint64; // steady clock, nanoseconds

    struct Timer
    {
        qint64 interval; // milliseconds
        Qt::TimerType type;
        QObject *object;
        std::multimap<Deadline, int>::iterator due;
        bool firing; // its handler runs (maybe a nested loop, where it is not due)
    };

    /// The notifiers of one descriptor, by QSocketNotifier::Type.
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 generation = 0; // tells a reused descriptor number from the one an event is for
        quint32 events() const;
    };

    static Deadline now();
    void schedule(int timerId, Timer &timer, Deadline at);
    /// Milliseconds until the next timer is due: 0 if one is, -1 if there is none.
    int timeUntilNextTimer() const;
    int activateTimers();
    int activate(int fd, quint32 generation, quint32 events);
    void watch(int fd, const Watch &watch);

    int m_epoll = -1;
    int m_wakeOnlyEpoll = -1; // waited on when socket notifiers are excluded
    int m_wakeFd = -1;        // an eventfd: wakeUp() from any thread
    std::atomic_bool m_wakeUpPending = false;
    std::atomic_bool m_interrupted = false;
    std::unordered_map<int, Watch> m_watches;
    quint32 m_generations = 0;
    std::unordered_map<int, Timer> m_timers;
    std::multimap<Deadline, int> m_due; // timer ids by when they fire next
};
