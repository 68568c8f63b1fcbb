// parleyd: the headless Parley room server.
#include "ChatGateway.h"
#ifdef Q_OS_LINUX
#include "EpollEventDispatcher.h"
#endif
#include "GatewayAnnouncer.h"
#include "HistoryBackup.h"
#include "HistoryExport.h"
#include "RoomBrowser.h"
#include "ServerOptions.h"
#include "ShutdownSignals.h"
#include "SystemdNotifier.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace {

/// parleyd --discover: prints each room as it is heard, for an admin checking a network.
int discover(const ServerOptions &options)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    Discovery::RoomBrowser browser;
    int found = 0;
    QObject::connect(&browser, &Discovery::RoomBrowser::roomFound,
                     [&](const Discovery::DiscoveredRoom &room) {
                         ++found;
                         out << room.announcement.name << '\t' << room.url().toString() << '\t'
                             << room.announcement.members << Qt::endl;
                     });
    if (!browser.start(options.discoveryPort())) {
        err << "parleyd: " << browser.errorString() << Qt::endl;
        return 1;
    }
    QTimer::singleShot(std::chrono::seconds(options.discoverSeconds()), qApp, &QCoreApplication::quit);
    qApp->exec();
    if (found == 0) {
        err << "parleyd: no rooms announced on UDP port " << options.discoveryPort() << " in "
            << options.discoverSeconds() << " s" << Qt::endl;
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Debian's Qt defaults to the GLib event dispatcher, which costs two extra syscalls per
    // socket write; the plain Unix dispatcher is measurably faster for a relay (and is what
    // parleyd's other threads, such as the uploads' disk writer, run on).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
#ifdef Q_OS_LINUX
    // Qt's dispatchers hand every descriptor to poll() at every wake-up: at 10,000 members
    // that was most of the heartbeat's CPU (see EpollEventDispatcher).
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
#endif

    QCoreApplication app(argc, argv);
    app.setApplicationName(u"parleyd"_s);
    app.setOrganizationName(u"Parley"_s);
    app.setApplicationVersion(QStringLiteral(PARLEY_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    ServerOptions options;
    const ServerOptions::Outcome outcome = options.parse(app.arguments());
    switch (outcome) {
    case ServerOptions::Outcome::ShowHelp:
        out << options.helpText();
        return 0;
    case ServerOptions::Outcome::ShowVersion:
        out << app.applicationName() << ' ' << app.applicationVersion() << Qt::endl;
        return 0;
    case ServerOptions::Outcome::Error:
        err << "parleyd: " << options.errorText() << "\nTry 'parleyd --help'." << Qt::endl;
        return 2;
    case ServerOptions::Outcome::Discover:
    case ServerOptions::Outcome::Backup:
    case ServerOptions::Outcome::Export:
    case ServerOptions::Outcome::Run:
        break;
    }
    if (options.verbose())
        QLoggingCategory::setFilterRules(u"parley.*.debug=true\nparley.*.info=true"_s);
    if (outcome == ServerOptions::Outcome::Discover)
        return discover(options);
    if (outcome == ServerOptions::Outcome::Backup) {
        const HistoryBackup::Result backup =
            HistoryBackup::run(options.config().databasePath, options.backupPath());
        if (!backup.ok) {
            err << "parleyd: " << backup.errorString << Qt::endl;
            return 1;
        }
        out << "backed up " << backup.messages << " messages to " << options.backupPath() << Qt::endl;
        return 0;
    }
    if (outcome == ServerOptions::Outcome::Export) {
        const HistoryExport::Result exported =
            HistoryExport::run(options.config().databasePath, options.exportPath());
        if (!exported.ok) {
            err << "parleyd: " << exported.errorString << Qt::endl;
            return 1;
        }
        out << "exported " << exported.messages << " messages in " << exported.conversations
            << " conversations to " << options.exportPath() << Qt::endl;
        return 0;
    }

    // Handle signals before announcing the port: whoever reads the line may signal at once.
    ShutdownSignals shutdownSignals;
    ChatGateway gateway(options.config());
    SystemdNotifier systemd;
    QObject::connect(&shutdownSignals, &ShutdownSignals::shutdownRequested, &gateway, [&gateway, &systemd] {
        systemd.stopping();
        gateway.shutdown();
    });
    QObject::connect(&gateway, &ChatGateway::stopped, &app, &QCoreApplication::quit);
    if (!gateway.listen()) {
        err << "parleyd: " << gateway.errorString() << Qt::endl;
        return 1;
    }
    GatewayAnnouncer announcer(&gateway);
    for (const QHostAddress &target : options.announceTargets())
        announcer.addTarget(target, options.discoveryPort());
    if (options.announce() && !announcer.start(options.discoveryPort()))
        err << "parleyd: not announced on the local network: " << announcer.errorString() << Qt::endl;
    out << "listening on " << gateway.url().toString() << Qt::endl;
    systemd.ready(u"listening on "_s + gateway.url().toString());
    return app.exec();
}
