// parleyd's event dispatcher keeps Qt's promises: this test binary runs on it (TestMain), so
// every server test exercises it; these tests check what the others would only hit by chance.
#include "EpollEventDispatcher.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QPointer>
#include <QSocketNotifier>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <memory>
#include <thread>
#include <unistd.h>
#include <utility>

using namespace std::chrono_literals;

namespace {

/// Both ends of a pipe, closed at the end.
struct Pipe
{
    int fds[2] = {-1, -1};
    Pipe() { EXPECT_EQ(::pipe(fds), 0); }
    ~Pipe()
    {
        ::close(fds[0]);
        ::close(fds[1]);
    }
    void fill() { ASSERT_EQ(::write(fds[1], "x", 1), 1); }
};

} // namespace

TEST(EpollEventDispatcher, IsTheOneTheServerTestsRunOn)
{
    EXPECT_TRUE(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

TEST(EpollEventDispatcher, TimersFireInTheOrderTheyAreDue)
{
    QList<int> fired;
    QTimer::singleShot(60ms, [&] { fired.append(60); });
    QTimer::singleShot(20ms, [&] { fired.append(20); });
    QTimer::singleShot(40ms, [&] { fired.append(40); });
    QTimer::singleShot(0ms, [&] { fired.append(0); });
    EXPECT_TRUE(QTest::qWaitFor([&] { return fired.size() == 4; }, 5000));
    EXPECT_EQ(fired, (QList<int>{0, 20, 40, 60}));
}

TEST(EpollEventDispatcher, ABusyZeroTimerStarvesNeitherOtherTimersNorSockets)
{
    int spins = 0;
    QTimer busy; // restarts at once, forever: each pass must still get to everything else
    busy.setInterval(0);
    QObject::connect(&busy, &QTimer::timeout, [&] { ++spins; });
    busy.start();
    bool timed = false;
    QTimer::singleShot(30ms, [&] { timed = true; });
    Pipe pipe;
    QSocketNotifier readable(pipe.fds[0], QSocketNotifier::Read);
    bool read = false;
    QObject::connect(&readable, &QSocketNotifier::activated, [&] {
        char c;
        EXPECT_EQ(::read(pipe.fds[0], &c, 1), 1);
        read = true;
    });
    pipe.fill();
    EXPECT_TRUE(QTest::qWaitFor([&] { return timed && read; }, 5000));
    EXPECT_GT(spins, 0);
}

TEST(EpollEventDispatcher, ATimerKnowsWhatIsLeftAndCanBeListed)
{
    QTimer timer;
    timer.start(10s);
    const int left = timer.remainingTime();
    EXPECT_GT(left, 9000);
    EXPECT_LE(left, 10000);
    const auto listed = QAbstractEventDispatcher::instance()->registeredTimers(&timer);
    ASSERT_EQ(listed.size(), 1);
    EXPECT_EQ(listed.first().interval, 10000);
    timer.stop();
    EXPECT_TRUE(QAbstractEventDispatcher::instance()->registeredTimers(&timer).isEmpty());
}

// Two descriptors ready in one pass: the first one's handler deletes the other's notifier, or
// disables it, and it must not be activated.
TEST(EpollEventDispatcher, ANotifierGoneDuringAPassIsNotActivated)
{
    for (const bool destroy : {true, false}) {
        Pipe a, b;
        auto first = std::make_unique<QSocketNotifier>(a.fds[0], QSocketNotifier::Read);
        auto second = std::make_unique<QSocketNotifier>(b.fds[0], QSocketNotifier::Read);
        int activations = 0;
        const auto handle = [&](QSocketNotifier *self, QSocketNotifier *other) {
            ++activations;
            self->setEnabled(false); // still readable: it would come again
            if (destroy)
                (other == first.get() ? first : second).reset();
            else
                other->setEnabled(false);
        };
        QObject::connect(first.get(), &QSocketNotifier::activated,
                         [&, self = first.get(), other = second.get()] { handle(self, other); });
        QObject::connect(second.get(), &QSocketNotifier::activated,
                         [&, self = second.get(), other = first.get()] { handle(self, other); });
        a.fill();
        b.fill();
        EXPECT_TRUE(QTest::qWaitFor([&] { return activations > 0; }, 5000));
        QTest::qWait(0); // another pass: the other one is still readable, and gone or disabled
        EXPECT_EQ(activations, 1) << (destroy ? "deleted" : "disabled");
    }
}

TEST(EpollEventDispatcher, AnEventPostedFromAnotherThreadWakesTheLoopFromItsWait)
{
    QEventLoop loop;
    std::promise<void> blocking;
    bool told = false;
    const auto connection =
        QObject::connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock, [&] {
            if (!std::exchange(told, true))
                blocking.set_value();
        });
    std::thread poster([&] {
        blocking.get_future().wait(); // the loop is about to wait in epoll_wait
        QMetaObject::invokeMethod(
            &loop, [&] { loop.exit(1); }, Qt::QueuedConnection);
    });
    QTimer::singleShot(5s, &loop, [&] { loop.exit(2); }); // a lost wake-up fails instead of hanging
    EXPECT_EQ(loop.exec(), 1);
    poster.join();
    QObject::disconnect(connection);
}

// A handler that runs a nested loop (QDialog::exec(), waitFor… elsewhere) is not called again
// by its own timer inside that loop, as with Qt's dispatcher.
TEST(EpollEventDispatcher, ATimerDoesNotFireInsideItsOwnHandlersNestedLoop)
{
    QTimer timer;
    timer.setInterval(0);
    int depth = 0, deepest = 0, fired = 0;
    QObject::connect(&timer, &QTimer::timeout, [&] {
        deepest = std::max(deepest, ++depth);
        if (++fired < 5)
            QCoreApplication::processEvents(); // would call this again if the timer fired in it
        --depth;
    });
    timer.start();
    EXPECT_TRUE(QTest::qWaitFor([&] { return fired >= 5; }, 5000));
    timer.stop();
    EXPECT_EQ(deepest, 1);
}

TEST(EpollEventDispatcher, DeleteLaterDeletesOnceTheLoopGetsBackToIt)
{
    QPointer<QObject> object = new QObject;
    QEventLoop loop;
    QTimer::singleShot(0, &loop, [&] {
        object->deleteLater();
        QTimer::singleShot(0, &loop, &QEventLoop::quit); // the next pass: posted events go first
    });
    loop.exec();
    EXPECT_TRUE(object.isNull());
}
