// Qt Quick Test runner with Parley's static QML modules linked in.
#include <QCoreApplication>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Parley_ClientPlugin)
Q_IMPORT_QML_PLUGIN(ParleyPlugin)

class Setup : public QObject
{
    Q_OBJECT

public:
    // Hosted rooms keep their history under the data folder: use a fresh one for every run.
    Setup() { qputenv("XDG_DATA_HOME", m_data.path().toLocal8Bit()); }

public Q_SLOTS:
    // As parley's main() does; tests compare what the UI shows with parleyVersion.
    void applicationAvailable() { QCoreApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION)); }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // Static modules keep their qmldir in the resources (qrc:/Parley/qmldir).
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->rootContext()->setContextProperty(QStringLiteral("parleyVersion"),
                                                  QStringLiteral(PARLEY_VERSION));
    }

private:
    QTemporaryDir m_data;
};

QUICK_TEST_MAIN_WITH_SETUP(parley_qml, Setup)

#include "QmlTestMain.moc"
