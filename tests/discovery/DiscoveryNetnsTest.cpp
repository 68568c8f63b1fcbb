// Discovery between two machines: this test runs in one network namespace (see
// run-in-netns.sh) and starts parleyd in another, joined by a veth pair. What it checks is
// what a user sees: the room in the Join list's model within 3 s, its member count following,
// and the room gone after the host stops (at once) or is killed (after the expiry time).
#include "NearbyRoomModel.h"
#include "RoomHost.h"
#include "TestClient.h"

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString HostAddress = u"10.231.0.1"_s;

QString hostNamespace()
{
    return qEnvironmentVariable("PARLEY_TEST_HOST_NETNS");
}

/// parleyd run in the other namespace.
class RemoteParleyd
{
public:
    ~RemoteParleyd()
    {
        m_process.kill();
        m_process.waitForFinished();
    }

    /// Starts it with arguments and waits for its "listening on" line; the port it reports.
    quint16 start(const QStringList &arguments)
    {
        m_process.setProgram(u"ip"_s);
        m_process.setArguments(
            QStringList{u"netns"_s, u"exec"_s, hostNamespace(), QStringLiteral(PARLEYD_PATH)} + arguments);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        static const QRegularExpression listening(u"^listening on ws://0\\.0\\.0\\.0:(\\d+)/$"_s,
                                                  QRegularExpression::MultilineOption);
        QByteArray output;
        QRegularExpressionMatch match;
        const bool done = QTest::qWaitFor(
            [&] {
                output += m_process.readAllStandardOutput();
                match = listening.match(QString::fromUtf8(output));
                return match.hasMatch() || m_process.state() == QProcess::NotRunning;
            },
            10000);
        return done && match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    }
    void terminate() { m_process.terminate(); }
    void kill() { m_process.kill(); }

private:
    QProcess m_process;
};

/// parleyd --discover run in namespace (empty: this one); its exit code and output lines.
std::pair<int, QStringList> discover(const QString &netns, int seconds)
{
    QProcess process;
    QStringList arguments{u"--discover"_s, QString::number(seconds)};
    if (netns.isEmpty()) {
        process.setProgram(QStringLiteral(PARLEYD_PATH));
    } else {
        process.setProgram(u"ip"_s);
        arguments = QStringList{u"netns"_s, u"exec"_s, netns, QStringLiteral(PARLEYD_PATH)} + arguments;
    }
    process.setArguments(arguments);
    process.start();
    process.waitForFinished(3000 * seconds + 10000);
    return {process.exitCode(),
            QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)};
}

class DiscoveryNetnsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (hostNamespace().isEmpty())
            GTEST_SKIP() << "run through run-in-netns.sh";
    }

    /// The row of the room called name in model, or -1.
    static int rowOf(const NearbyRoomModel &model, const QString &name)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.data(model.index(row), NearbyRoomModel::NameRole).toString() == name)
                return row;
        }
        return -1;
    }
};

} // namespace

TEST_F(DiscoveryNetnsTest, AHostInAnotherNamespaceIsListedLiveAndDroppedWhenItStops)
{
    NearbyRoomModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setActive(true);
    ASSERT_TRUE(model.errorString().isEmpty()) << model.errorString().toStdString();

    RemoteParleyd host;
    const quint16 port = host.start(
        {u"--announce"_s, u"--db"_s, u":memory:"_s, u"--name"_s, u"Across the LAN"_s, u"--port"_s, u"0"_s});
    ASSERT_NE(port, 0);
    QElapsedTimer sinceStart;
    sinceStart.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return rowOf(model, u"Across the LAN"_s) >= 0; }, 3000))
        << "not listed within 3 s";
    RecordProperty("found_after_ms", int(sinceStart.elapsed()));
    const QModelIndex row = model.index(rowOf(model, u"Across the LAN"_s));
    const QUrl url = row.data(NearbyRoomModel::UrlRole).toUrl();
    EXPECT_EQ(url, QUrl(u"ws://%1:%2/"_s.arg(HostAddress).arg(port)));
    EXPECT_EQ(row.data(NearbyRoomModel::MembersRole).toInt(), 0);
    EXPECT_FALSE(row.data(NearbyRoomModel::PasswordRequiredRole).toBool());
    EXPECT_TRUE(row.data(NearbyRoomModel::CompatibleRole).toBool());

    // Joining through the listed address works, and the list follows the member count.
    TestClient alice;
    ASSERT_TRUE(alice.join(url, u"Alice"_s));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return model.index(rowOf(model, u"Across the LAN"_s))
                       .data(NearbyRoomModel::MembersRole)
                       .toInt() == 1;
        },
        3000));

    // An admin's check from this machine sees it too.
    const auto [exitCode, lines] = discover({}, 2);
    EXPECT_EQ(exitCode, 0);
    EXPECT_EQ(lines, QStringList{u"Across the LAN\tws://%1:%2/\t1"_s.arg(HostAddress).arg(port)});

    // Stopped cleanly, the host says goodbye: gone at once, well before it would expire.
    host.terminate();
    sinceStart.restart();
    const auto expiry = std::chrono::milliseconds(Discovery::ExpiryTime).count();
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == 0; }, int(expiry + 2000)));
    // Gone by the goodbye: expiring would have taken at least expiry − AnnounceInterval.
    EXPECT_LT(sinceStart.elapsed(), expiry - std::chrono::milliseconds(Discovery::AnnounceInterval).count());
}

TEST_F(DiscoveryNetnsTest, AKilledHostDisappearsAfterTheExpiryTime)
{
    NearbyRoomModel model;
    model.setActive(true);
    RemoteParleyd host;
    ASSERT_NE(host.start(
                  {u"--announce"_s, u"--db"_s, u":memory:"_s, u"--name"_s, u"Doomed"_s, u"--port"_s, u"0"_s}),
              0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == 1; }, 3000));

    host.kill(); // no goodbye
    QElapsedTimer sinceKill;
    sinceKill.start();
    const auto expiry = std::chrono::milliseconds(Discovery::ExpiryTime).count();
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == 0; }, int(expiry + 2000)));
    // Heard until the kill, so it lasted at least the part of the expiry time after the last
    // announcement (announcements come every AnnounceInterval).
    EXPECT_GE(sinceKill.elapsed(),
              expiry - std::chrono::milliseconds(Discovery::AnnounceInterval).count() - 250);
}

TEST_F(DiscoveryNetnsTest, ARoomHostedInTheAppIsListedUnlessPrivate)
{
    for (const bool announced : {true, false}) {
        RoomHost host;
        host.setProperty("announced", announced);
        QSignalSpy started(&host, &RoomHost::started);
        host.start(announced ? u"Open room"_s : u"Private room"_s, 0, u"secret"_s);
        ASSERT_TRUE(started.wait(5000));
        EXPECT_TRUE(host.announceError().isEmpty()) << host.announceError().toStdString();

        const auto [exitCode, lines] = discover(hostNamespace(), 2);
        if (announced) {
            EXPECT_EQ(exitCode, 0);
            EXPECT_EQ(lines, QStringList{u"Open room\tws://10.231.0.2:%1/\t0"_s.arg(host.port())});
        } else {
            EXPECT_EQ(exitCode, 1);
            EXPECT_TRUE(lines.isEmpty()) << lines.join(u'\n').toStdString();
        }
        QSignalSpy stopped(&host, &RoomHost::stopped);
        host.stop();
        ASSERT_TRUE(stopped.wait(5000));
    }
}
