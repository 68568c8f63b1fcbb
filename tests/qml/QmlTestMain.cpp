// Qt Quick Test runner with Parley's static QML modules linked in.
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Parley_ClientPlugin)
Q_IMPORT_QML_PLUGIN(ParleyPlugin)

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    // Static modules keep their qmldir in the resources (qrc:/Parley/qmldir).
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/")); }
};

QUICK_TEST_MAIN_WITH_SETUP(parley_qml, Setup)

#include "QmlTestMain.moc"
