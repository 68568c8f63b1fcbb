// parley: the desktop client.
#include "AppIdentity.h"
#include "AppSettings.h"
#include "ClientOptions.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QTextStream>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Parley_ClientPlugin)
Q_IMPORT_QML_PLUGIN(ParleyPlugin)

using namespace Qt::Literals::StringLiterals;

namespace {
QString loginName()
{
    QString name = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")).left(32);
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}
} // namespace

int main(int argc, char *argv[])
{
    // Keep the command line as given: on X11, QGuiApplication consumes --name (its -name option).
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    // --help, --version and mistakes are answered before any window system is needed, so they
    // work in a terminal without a display (and for help2man at build time).
    ClientOptions options;
    const ClientOptions::Outcome outcome = options.parse(arguments);
    if (outcome != ClientOptions::Outcome::Run) {
        QCoreApplication core(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        switch (outcome) {
        case ClientOptions::Outcome::ShowHelp:
            out << options.helpText();
            return 0;
        case ClientOptions::Outcome::ShowVersion:
            out << "parley " << PARLEY_VERSION << Qt::endl;
            return 0;
        default:
            err << "parley: " << options.errorText() << "\nTry 'parley --help'." << Qt::endl;
            return 2;
        }
    }

    // QApplication rather than QGuiApplication: on Linux the tray icon falls back to QtWidgets.
    QApplication app(argc, argv);
    AppIdentity::apply();
    app.setDesktopFileName(u"io.github.parley.Parley"_s); // matches the installed .desktop entry
    app.setWindowIcon(QIcon(u":/Parley/icons/parley.svg"_s));

    AppSettings &settings = AppSettings::instance();
    if (!options.name().isEmpty())
        settings.setDisplayName(options.name()); // as if typed on the start page
    else if (settings.displayName().isEmpty() && options.action() != ClientOptions::Action::ShowStartPage)
        settings.setDisplayName(loginName()); // joining straight away: the login name, until changed

    const QLocale locale = options.language().isEmpty() ? QLocale() : QLocale(options.language());
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, u"qt"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTranslator);
    QTranslator translator;
    // A language Parley has no words for gets the English ones, plural forms included.
    if (translator.load(locale, u"parley"_s, u"_"_s, u":/i18n"_s) ||
        translator.load(u"parley_en"_s, u":/i18n"_s))
        app.installTranslator(&translator);

    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(u"Fusion"_s);

    QQmlApplicationEngine engine;
    const int action = options.action() == ClientOptions::Action::Join   ? 1
                       : options.action() == ClientOptions::Action::Host ? 2
                                                                         : 0;
    engine.setInitialProperties({
        {u"startupAction"_s, action},
        {u"startupUrl"_s, options.connectUrl()},
        {u"startupRoom"_s, options.roomName()},
        {u"startupPort"_s, options.port()},
        {u"startupEncrypted"_s, options.encrypted()},
        {u"startupAnnounced"_s, !options.isPrivate()},
    });
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/Parley/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return 1;
    return app.exec();
}
