// parleyd: the headless Parley room server.
#include "ChatGateway.h"
#include "ServerOptions.h"
#include "ShutdownSignals.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    // Debian's Qt defaults to the GLib event dispatcher, which costs two extra syscalls per
    // socket write; the plain Unix dispatcher is measurably faster for a relay.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");

    QCoreApplication app(argc, argv);
    app.setApplicationName(u"parleyd"_s);
    app.setOrganizationName(u"Parley"_s);
    app.setApplicationVersion(QStringLiteral(PARLEY_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    ServerOptions options;
    switch (options.parse(app.arguments())) {
    case ServerOptions::Outcome::ShowHelp:
        out << options.helpText();
        return 0;
    case ServerOptions::Outcome::ShowVersion:
        out << app.applicationName() << ' ' << app.applicationVersion() << Qt::endl;
        return 0;
    case ServerOptions::Outcome::Error:
        err << "parleyd: " << options.errorText() << "\nTry 'parleyd --help'." << Qt::endl;
        return 2;
    case ServerOptions::Outcome::Run:
        break;
    }
    if (options.verbose())
        QLoggingCategory::setFilterRules(u"parley.*.debug=true\nparley.*.info=true"_s);

    // Handle signals before announcing the port: whoever reads the line may signal at once.
    ShutdownSignals shutdownSignals;
    ChatGateway gateway(options.config());
    QObject::connect(&shutdownSignals, &ShutdownSignals::shutdownRequested, &gateway,
                     [&gateway] { gateway.shutdown(); });
    QObject::connect(&gateway, &ChatGateway::stopped, &app, &QCoreApplication::quit);
    if (!gateway.listen()) {
        err << "parleyd: " << gateway.errorString() << Qt::endl;
        return 1;
    }
    out << "listening on " << gateway.url().toString() << Qt::endl;
    return app.exec();
}
