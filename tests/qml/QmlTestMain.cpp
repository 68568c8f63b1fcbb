// Qt Quick Test runner with Parley's static QML modules linked in. Every TestCase makes any
// warning fail its test (failOnWarning in init()): a TypeError, a binding loop or an unknown
// property is a defect in the app, never noise.
#include "AppIdentity.h"

#include <QApplication>
#include <QMimeData>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Parley_ClientPlugin)
Q_IMPORT_QML_PLUGIN(ParleyPlugin)

/// Drops files on a window the way the platform hands over a drop from a file manager (the
/// same QDragEnterEvent, QDragMoveEvent and QDropEvent), which Quick Test cannot do from QML.
class Drops : public QObject
{
    Q_OBJECT

public:
    /// Whether the drop was taken.
    Q_INVOKABLE bool dropFiles(QQuickWindow *window, QPointF position, const QList<QUrl> &files)
    {
        QMimeData data;
        data.setUrls(files);
        QDragEnterEvent enter(position.toPoint(), Qt::CopyAction, &data, Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &enter);
        QDragMoveEvent move(position.toPoint(), Qt::CopyAction, &data, Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &move);
        QDropEvent drop(position, Qt::CopyAction, &data, Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &drop);
        return drop.isAccepted();
    }
};

class Setup : public QObject
{
    Q_OBJECT

public:
    // Fresh settings and data folders for every run, as a first start of the app has.
    Setup()
    {
        qputenv("XDG_DATA_HOME", m_data.path().toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
    }

public Q_SLOTS:
    void applicationAvailable() { AppIdentity::apply(); }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // Static modules keep their qmldir in the resources (qrc:/Parley/qmldir).
        engine->addImportPath(QStringLiteral("qrc:/"));
        // What CMake's project() says; the app must show the same.
        engine->rootContext()->setContextProperty(QStringLiteral("projectVersion"),
                                                  QStringLiteral(PARLEY_PROJECT_VERSION));
        engine->rootContext()->setContextProperty(QStringLiteral("drops"), &m_drops);
    }

private:
    Drops m_drops;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
};

int main(int argc, char **argv)
{
    // As in the app: the tray icon of Qt.labs.platform falls back to Qt Widgets on Linux.
    QApplication app(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "parley_qml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "QmlTestMain.moc"
