// GoogleTest main with a QCoreApplication, so tests can run event loops and real sockets.
#include <QCoreApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the real settings, outboxes or rooms
    return RUN_ALL_TESTS();
}
