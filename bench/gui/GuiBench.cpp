// Measures the desktop client (offscreen):
//   gui_bench cold-start          ms from main() to the first frame of the real main window
//   gui_bench memory N            RSS growth with N messages in the model and a MessageView on screen
//   gui_bench append BASE COUNT   ms per appended message (model row to rendered frame) with BASE shown
//   gui_bench stream RATE SECONDS messages arriving at RATE/s in the open conversation: frame times
//                                 and arrival-to-screen latency, early and late (a backlog grows)
// Prints one JSON object; bench/run collects them into docs/BENCHMARKS.md.
#include "JsonCodec.h"
#include "MessageListModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickView>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdio>
#include <vector>

Q_IMPORT_QML_PLUGIN(Parley_ClientPlugin)
Q_IMPORT_QML_PLUGIN(ParleyPlugin)

using namespace Qt::Literals::StringLiterals;

namespace {

QElapsedTimer sinceMain;

qint64 rssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').at(0).toLongLong();
    }
    return -1;
}

/// Waits (bounded) for the window's next rendered frame.
bool waitForFrame(QQuickWindow *window, int timeoutMs = 2000)
{
    QEventLoop loop;
    QObject::connect(window, &QQuickWindow::frameSwapped, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, [&loop] { loop.exit(1); });
    window->update();
    return loop.exec() == 0;
}

void fill(MessageListModel &model, int count, int firstSeq = 1)
{
    const Protocol::Member alice{u"a"_s, u"Alice"_s};
    const Protocol::Member bob{u"b"_s, u"Bob"_s};
    for (int i = 0; i < count; ++i) {
        const int seq = firstSeq + i;
        model.insertChat(
            {seq, 1764150000000 + seq * 1000, seq % 3 ? alice : bob,
             u"Message %1: the quarterly review moved to room 4, see https://example.com/%1"_s.arg(seq)});
    }
}

int visibleDelegates(QQuickItem *root)
{
    const auto *view = root;
    const QQuickItem *content = view->property("contentItem").value<QQuickItem *>();
    return content ? int(content->childItems().size()) : -1;
}

QQuickView *showMessageView(MessageListModel *model)
{
    auto *view = new QQuickView;
    view->setInitialProperties({{u"model"_s, QVariant::fromValue(model)}});
    view->setSource(QUrl(u"qrc:/Parley/MessageView.qml"_s));
    if (view->status() != QQuickView::Ready)
        qFatal("cannot load MessageView.qml");
    view->setResizeMode(QQuickView::SizeRootObjectToView);
    view->resize(800, 600);
    view->show();
    waitForFrame(view);
    return view;
}

int coldStart()
{
    QQmlApplicationEngine engine;
    engine.load(QUrl(u"qrc:/Parley/Main.qml"_s));
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
    if (!window)
        return 1;
    QObject::connect(window, &QQuickWindow::frameSwapped, qApp, [] {
        std::printf("{\"coldStartMs\": %.1f}\n", sinceMain.nsecsElapsed() / 1e6);
        QCoreApplication::exit(0);
    });
    return qApp->exec();
}

int memory(int count)
{
    MessageListModel model;
    std::unique_ptr<QQuickView> view(showMessageView(&model));
    const qint64 before = rssKiB();
    fill(model, count);
    waitForFrame(view.get());
    const qint64 after = rssKiB();
    std::printf(
        "{\"messages\": %d, \"rssBeforeKiB\": %lld, \"rssAfterKiB\": %lld, \"bytesPerMessage\": %.0f, "
        "\"delegates\": %d}\n",
        count, before, after, (after - before) * 1024.0 / count, visibleDelegates(view->rootObject()));
    return 0;
}

int append(int base, int count)
{
    MessageListModel model;
    fill(model, base);
    std::unique_ptr<QQuickView> view(showMessageView(&model));
    waitForFrame(view.get());
    std::vector<double> ms;
    ms.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        QElapsedTimer timer;
        timer.start();
        fill(model, 1, base + i + 1);
        if (!waitForFrame(view.get()))
            qFatal("no frame after an append");
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("{\"shown\": %d, \"appends\": %d, \"p50Ms\": %.3f, \"p99Ms\": %.3f, \"delegates\": %d}\n",
                base, count, ms[ms.size() / 2], ms[ms.size() * 99 / 100],
                visibleDelegates(view->rootObject()));
    return 0;
}

double percentile(std::vector<double> values, int p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, values.size() * size_t(p) / 100)];
}

/// Frame time: from the window's update request (the frame starts: polish, sync, render) to its
/// swap, as the software renderer does it on this thread.
class FrameTimer : public QObject
{
public:
    explicit FrameTimer(QQuickWindow *window)
    {
        window->installEventFilter(this);
        connect(window, &QQuickWindow::frameSwapped, this, [this] {
            if (m_frame.isValid())
                frames.push_back(m_frame.nsecsElapsed() / 1e6);
            m_frame.invalidate();
        });
    }
    std::vector<double> frames;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::UpdateRequest)
            m_frame.start();
        return false;
    }

private:
    QElapsedTimer m_frame;
};

int stream(int rate, int seconds)
{
    MessageListModel model;
    fill(model, 1000); // a conversation with some history, read at its newest
    std::unique_ptr<QQuickView> view(showMessageView(&model));
    waitForFrame(view.get());
    FrameTimer timer(view.get());

    // Each message arrives as the client gets it: a JSON frame, decoded, inserted in its place.
    const Protocol::Member bob{u"b"_s, u"Bob"_s};
    const int total = rate * seconds;
    QList<QByteArray> frames;
    frames.reserve(total);
    for (int i = 0; i < total; ++i)
        frames.append(Protocol::JsonCodec::encode(
            Protocol::ServerMessage{Protocol::ChatMessage{
                1001 + i, 1764150000000 + i * 5, bob,
                u"Message %1: the quarterly review moved to room 4, see https://example.com/%1"_s.arg(i),
                u"general"_s}},
            2));

    QElapsedTimer clock;
    clock.start();
    std::vector<qint64> arrivedAt(size_t(total), 0);
    std::vector<double> early, late; // arrival to the end of the frame that shows it, ms
    int sent = 0;
    int shown = 0;
    QObject::connect(view.get(), &QQuickWindow::frameSwapped, view.get(), [&] {
        const qint64 now = clock.nsecsElapsed();
        for (; shown < sent; ++shown)
            (shown < total / 2 ? early : late).push_back((now - arrivedAt[size_t(shown)]) / 1e6);
    });
    QTimer arrivals;
    arrivals.setTimerType(Qt::PreciseTimer);
    QObject::connect(&arrivals, &QTimer::timeout, &arrivals, [&] {
        // As many as are due by now (a late timer catches up, as a socket's backlog would).
        const qint64 due = std::min<qint64>(total, clock.nsecsElapsed() * rate / 1000000000 + 1);
        for (; sent < due; ++sent) {
            const auto message = Protocol::JsonCodec::decodeServerMessage(frames.at(sent));
            arrivedAt[size_t(sent)] = clock.nsecsElapsed();
            model.insertChat(std::get<Protocol::ChatMessage>(std::get<Protocol::ServerMessage>(message)));
        }
        if (sent == total)
            arrivals.stop();
    });
    arrivals.start(1000 / rate);
    while (shown < total && clock.elapsed() < (seconds + 10) * 1000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const bool atEnd = view->rootObject()->property("atYEnd").toBool();
    std::printf(
        "{\"rate\": %d, \"seconds\": %d, \"messages\": %d, \"shown\": %d, \"frames\": %zu, "
        "\"frameP50Ms\": %.2f, \"frameP99Ms\": %.2f, \"frameMaxMs\": %.2f, "
        "\"toScreenP50Ms\": %.2f, \"toScreenP99FirstHalfMs\": %.2f, \"toScreenP99SecondHalfMs\": %.2f, "
        "\"followingNewest\": %s}\n",
        rate, seconds, total, shown, timer.frames.size(), percentile(timer.frames, 50),
        percentile(timer.frames, 99), percentile(timer.frames, 100), percentile(early, 50),
        percentile(early, 99), percentile(late, 99), atEnd ? "true" : "false");
    return shown == total ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    sinceMain.start();
    QTemporaryDir settings; // never touch the user's settings or data
    qputenv("XDG_CONFIG_HOME", settings.path().toLocal8Bit());
    qputenv("XDG_DATA_HOME", settings.path().toLocal8Bit());
    QApplication app(argc, argv);
    app.setOrganizationName(u"ParleyBench"_s);
    QQuickStyle::setStyle(u"Fusion"_s);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    if (mode == u"cold-start")
        return coldStart();
    if (mode == u"memory")
        return memory(args.value(2, u"100000"_s).toInt());
    if (mode == u"append")
        return append(args.value(2, u"10000"_s).toInt(), args.value(3, u"500"_s).toInt());
    if (mode == u"stream")
        return stream(args.value(2, u"200"_s).toInt(), args.value(3, u"20"_s).toInt());
    QTextStream(stderr)
        << "usage: gui_bench cold-start | memory N | append BASE COUNT | stream RATE SECONDS\n";
    return 2;
}
