// GoogleTest main with a QCoreApplication, so tests can run event loops and real sockets.
// Compiled into each test binary: the server tests run on parleyd's event dispatcher.
#include <QCoreApplication>
#include <QStandardPaths>

#ifdef PARLEY_TEST_EPOLL_DISPATCHER
#include "EpollEventDispatcher.h"
#endif

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
#ifdef PARLEY_TEST_EPOLL_DISPATCHER
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher); // as parleyd runs
#endif
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the real settings, outboxes or rooms
    return RUN_ALL_TESTS();
}
