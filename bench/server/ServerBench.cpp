// Measures the real parleyd under load (DB: a file, or :memory:):
//   server_bench rate DB N RATE    N chats at RATE/s from one sender to 10 receivers:
//                                  end-to-end latency p50/p99 (send to receipt)
//   server_bench calm DB N RATE    the same with parleyd's default limits (20 frames/s per peer)
//   server_bench flood DB N RATE   calm, while another process floods the room as fast as it
//                                  can (reconnecting whenever it is thrown out)
//   server_bench max DB N WINDOW   N chats as fast as acks come back (WINDOW unacked at most):
//                                  persisted chats per second
//   server_bench guess DB N RATE   calm, in a room with a password, while another process makes
//                                  300 wrong password guesses from 300 loopback addresses
//                                  (127.0.1.1 and on), 100 a second
//   server_bench joins DB N RATE   calm, in a room with a password, while another process has
//                                  200 members with the right password join at once, each from
//                                  its own loopback address, coming back as the desktop client
//                                  does when told to try again, then all again with their
//                                  identity tokens: how long until all are in, each time
// PARLEYD in the environment runs another parleyd (an older build, for a "before").
// Prints one JSON object; bench/run runs the modes side by side and alternates them.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int Receivers = 10;

QElapsedTimer clock_;

struct Server
{
    QProcess process;
    QUrl url;
    QString passwordFile; // a room with a password, if set

    /// defaultLimits: parleyd as shipped; otherwise with per-connection limits high enough for a
    /// measuring sender that posts hundreds of chats a second.
    bool start(const QString &db, bool defaultLimits = false)
    {
        process.setProgram(qEnvironmentVariable("PARLEYD", QStringLiteral(PARLEYD_PATH)));
        QStringList arguments{u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--db"_s, db};
        if (!defaultLimits)
            arguments += {u"--rate"_s, u"1000"_s, u"--burst"_s, u"100000"_s};
        if (!passwordFile.isEmpty())
            arguments += {u"--password-file"_s, passwordFile};
        process.setArguments(arguments);
        process.start();
        static const QRegularExpression listening(u"listening on (ws://\\S+)"_s);
        QByteArray output;
        while (process.waitForReadyRead(10000)) {
            output += process.readAllStandardOutput();
            if (const auto match = listening.match(QString::fromUtf8(output)); match.hasMatch()) {
                url = QUrl(match.captured(1));
                return true;
            }
        }
        return false;
    }
    ~Server()
    {
        process.terminate();
        process.waitForFinished(5000);
    }
};

std::unique_ptr<QWebSocket> join(const QUrl &url, const QString &name, const QString &password = {})
{
    auto socket = std::make_unique<QWebSocket>();
    QEventLoop loop;
    QObject::connect(socket.get(), &QWebSocket::textMessageReceived, &loop, [&](const QString &text) {
        if (text.contains(u"\"welcome\""_s))
            loop.quit();
    });
    QObject::connect(socket.get(), &QWebSocket::connected, &loop, [&] {
        socket->sendTextMessage(
            password.isEmpty()
                ? u"{\"type\":\"hello\",\"name\":\"%1\"}"_s.arg(name)
                : u"{\"type\":\"hello\",\"name\":\"%1\",\"password\":\"%2\"}"_s.arg(name, password));
    });
    socket->open(url);
    loop.exec();
    socket->disconnect(&loop);
    return socket;
}

QString chatFrame(int index)
{
    return u"{\"type\":\"chat\",\"text\":\"benchmark message %1 with some ordinary length to it\",\"clientId\":\"b%1\"}"_s
        .arg(index);
}

int indexOf(const QString &frame)
{
    static const QRegularExpression number(u"(?:message |\"clientId\":\"b)(\\d+)"_s);
    const auto match = number.match(frame);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

/// A peer that sends as fast as the socket takes it and comes back whenever it is closed.
class Flooder : public QObject
{
public:
    explicit Flooder(const QUrl &url)
        : m_url(url)
    {
        connect(&m_socket, &QWebSocket::connected, this, [this] { m_pump.start(); });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            m_pump.stop();
            ++reconnects;
            QTimer::singleShot(10, this, [this] { m_socket.open(m_url); }); // straight back in
        });
        m_pump.setInterval(0);
        connect(&m_pump, &QTimer::timeout, this, [this] {
            for (int i = 0; i < 50 && m_socket.state() == QAbstractSocket::ConnectedState &&
                            m_socket.bytesToWrite() < 256 * 1024;
                 ++i, ++sent)
                m_socket.sendTextMessage(
                    u"{\"type\":\"chat\",\"text\":\"flood\",\"clientId\":\"f%1\"}"_s.arg(sent));
        });
        m_socket.open(m_url);
    }

    qint64 sent = 0;
    int reconnects = 0;

private:
    QUrl m_url;
    QWebSocket m_socket;
    QTimer m_pump;
};

/// A raw WebSocket connection from loopback address number index (127.0.1.1 and on; QWebSocket
/// cannot choose its local address) that says hello once upgraded; onRead gets what it reads.
QTcpSocket *helloFrom(QObject *parent, const QUrl &url, int index, const QByteArray &hello,
                      std::function<void(QTcpSocket *, const QByteArray &)> onRead)
{
    auto *socket = new QTcpSocket(parent);
    const QHostAddress from(u"127.0.%1.%2"_s.arg(1 + index / 250).arg(1 + index % 250));
    if (!socket->bind(from))
        std::fprintf(stderr, "cannot bind %s\n", qPrintable(from.toString()));
    QObject::connect(socket, &QTcpSocket::connected, socket, [socket] {
        socket->write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    });
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, hello, onRead] {
        if (!socket->property("upgraded").toBool() && socket->peek(12) == "HTTP/1.1 101") {
            socket->setProperty("upgraded", true);
            // The shortest length encoding, as RFC 6455 requires (Qt closes on any other).
            QByteArray frame("\x81");
            if (hello.size() < 126) {
                frame.append(char(0x80 | hello.size()));
            } else {
                frame.append(char(0x80 | 126));
                frame.append(char(hello.size() >> 8));
                frame.append(char(hello.size() & 0xff));
            }
            frame.append(4, '\0'); // the zero mask: the payload goes as it is
            socket->write(frame + hello);
        }
        onRead(socket, socket->readAll());
    });
    socket->connectToHost(url.host(), quint16(url.port()));
    return socket;
}

/// Wrong password guesses from many addresses, each a connection of its own that says hello
/// with a wrong password.
class Guesser : public QObject
{
public:
    Guesser(const QUrl &url, int count, int perSecond)
    {
        m_pacer.setInterval(1000 / perSecond);
        connect(&m_pacer, &QTimer::timeout, this, [this, url, count] {
            if (m_started == count) {
                m_pacer.stop();
                return;
            }
            const int index = m_started++;
            QTcpSocket *socket = helloFrom(
                this, url, index,
                u"{\"type\":\"hello\",\"name\":\"Guesser %1\",\"password\":\"guess %1\"}"_s.arg(index)
                    .toUtf8(),
                [](QTcpSocket *, const QByteArray &) {});
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        });
        m_pacer.start();
    }

private:
    int m_started = 0;
    QTimer m_pacer;
};

/// Members with the right password joining at once, each from an address of its own, and then
/// all of them again with the identity tokens the room has seen prove the password (a room
/// coming back after a network outage). One told to try again (1013: too many checks at once) or
/// cut off comes back as the desktop client does: after 1 s, then 2, 4…, half of it random.
/// Prints how long until everyone was welcomed, each time.
class Joiners : public QObject
{
public:
    Joiners(const QUrl &url, int count)
        : m_url(url)
        , m_count(count)
    {
        startWave();
        QTimer::singleShot(60000, this, [this] { finish(); }); // rate() waits 70 s for this
    }

private:
    struct Wave
    {
        double seconds = 0;
        int welcomed = 0;
        int retries = 0;
    };

    void startWave()
    {
        m_waves.push_back({});
        m_elapsed.start();
        for (int i = 0; i < m_count; ++i)
            join(i, 0);
    }

    void join(int index, int attempt)
    {
        auto welcomed = std::make_shared<bool>(false);
        auto tail = std::make_shared<QByteArray>(); // the word may be split between two reads
        const size_t wave = m_waves.size() - 1;
        QTcpSocket *socket =
            helloFrom(this, m_url, index,
                      u"{\"type\":\"hello\",\"name\":\"Member %1\",\"password\":\"the right password\","
                      "\"token\":\"bench-member-token-%1\"}"_s.arg(index)
                          .toUtf8(),
                      [this, welcomed, tail, wave](QTcpSocket *, const QByteArray &bytes) {
                          if (*welcomed)
                              return;
                          *tail += bytes;
                          if (!tail->contains("\"welcome\"")) {
                              *tail = tail->right(16);
                              return;
                          }
                          *welcomed = true;
                          if (++m_waves[wave].welcomed == m_count)
                              waveDone();
                      });
        m_sockets.push_back(socket);
        connect(socket, &QTcpSocket::disconnected, socket, [this, socket, welcomed, index, attempt, wave] {
            socket->deleteLater();
            if (*welcomed || wave != m_waves.size() - 1)
                return;
            ++m_waves[wave].retries;
            const qint64 exponential = std::min<qint64>(30000, qint64(1000) << std::min(attempt, 16));
            const auto delay =
                exponential / 2 + qint64(QRandomGenerator::global()->bounded(double(exponential / 2 + 1)));
            QTimer::singleShot(delay, this, [this, index, attempt] { join(index, attempt + 1); });
        });
    }

    void waveDone()
    {
        m_waves.back().seconds = m_elapsed.nsecsElapsed() / 1e9;
        if (m_waves.size() == 2) {
            finish();
            return;
        }
        // Everyone drops at once, and comes back at once.
        for (const QPointer<QTcpSocket> &socket : std::exchange(m_sockets, {})) {
            if (socket)
                socket->abort();
        }
        startWave();
    }

    void finish()
    {
        if (std::exchange(m_done, true))
            return;
        const Wave first = m_waves.front();
        const Wave again = m_waves.size() > 1 ? m_waves.back() : Wave{};
        std::printf("{\"joined\": %d, \"joinSeconds\": %.3f, \"retries\": %d, \"rejoined\": %d, "
                    "\"rejoinSeconds\": %.3f, \"rejoinRetries\": %d}\n",
                    first.welcomed, first.seconds, first.retries, again.welcomed, again.seconds,
                    again.retries);
        std::fflush(stdout);
        QCoreApplication::exit(again.welcomed == m_count ? 0 : 1);
    }

    QUrl m_url;
    int m_count;
    std::vector<Wave> m_waves;
    std::vector<QPointer<QTcpSocket>> m_sockets;
    bool m_done = false;
    QElapsedTimer m_elapsed;
};

enum class Load { Plain, Calm, Flood, Guess, Joins };

int rate(const QString &db, int count, int perSecond, Load load)
{
    Server server;
    QTemporaryDir dir;
    const bool withPassword = load == Load::Guess || load == Load::Joins;
    const QString password = withPassword ? u"the right password"_s : QString();
    if (withPassword) {
        server.passwordFile = dir.filePath(u"password"_s);
        QFile file(server.passwordFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(password.toUtf8() + '\n') < 0)
            return 1;
    }
    if (!server.start(db, load != Load::Plain))
        return 1;
    auto sender = join(server.url, u"sender"_s, password);
    std::vector<std::unique_ptr<QWebSocket>> receivers;
    for (int i = 0; i < Receivers; ++i)
        receivers.push_back(join(server.url, u"r%1"_s.arg(i), password));
    const bool flood = load == Load::Flood || load == Load::Guess || load == Load::Joins;
    // The flooder runs in a process of its own, so it competes with parleyd, not with this one.
    QProcess flooder;
    if (flood) {
        flooder.setProgram(QCoreApplication::applicationFilePath());
        flooder.setArguments({load == Load::Guess   ? u"guesser"_s
                              : load == Load::Joins ? u"joiners"_s
                                                    : u"flooder"_s,
                              server.url.toString()});
        if (load != Load::Joins)
            flooder.setStandardOutputFile(QProcess::nullDevice());
        flooder.start();
        flooder.waitForStarted();
    }

    std::vector<qint64> sentAt(size_t(count), 0);
    std::vector<double> latencies;
    latencies.reserve(size_t(count * Receivers));
    int received = 0;
    QEventLoop done;
    for (auto &receiver : receivers) {
        QObject::connect(receiver.get(), &QWebSocket::textMessageReceived, [&](const QString &text) {
            const int index = indexOf(text);
            if (index < 0 || index >= count || !text.startsWith(u"{\"from\""_s))
                return; // not one of ours (an ack, presence, or the flooder's chats)
            latencies.push_back((clock_.nsecsElapsed() - sentAt[size_t(index)]) / 1e6);
            if (++received == count * Receivers)
                done.quit();
        });
    }
    int next = 0;
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    pacer.setInterval(1000 / perSecond);
    QObject::connect(&pacer, &QTimer::timeout, [&] {
        if (next == count) {
            pacer.stop();
            return;
        }
        sentAt[size_t(next)] = clock_.nsecsElapsed();
        sender->sendTextMessage(chatFrame(next++));
    });
    pacer.start();
    QTimer::singleShot(count * 1000 / perSecond + 20000, &done, &QEventLoop::quit);
    done.exec();
    QByteArray joins = "{}"; // what the joiners say: how long until all were in
    if (load == Load::Joins) {
        flooder.waitForFinished(70000); // false if it finished already
        if (const QByteArray said = flooder.readAllStandardOutput().trimmed(); !said.isEmpty())
            joins = said;
    }
    if (flood) {
        flooder.kill();
        flooder.waitForFinished();
    }
    std::printf("{\"mode\": \"%s\", \"db\": \"%s\", \"chats\": %d, \"perSecond\": %d, \"deliveries\": %d, "
                "\"p50Ms\": %.3f, \"p99Ms\": %.3f, \"joins\": %s}\n",
                load == Load::Flood   ? "flood"
                : load == Load::Guess ? "guess"
                : load == Load::Joins ? "joins"
                : load == Load::Calm  ? "calm"
                                      : "rate",
                qPrintable(db), count, perSecond, received, percentile(latencies, 0.5),
                percentile(latencies, 0.99), joins.constData());
    return received == count * Receivers ? 0 : 1;
}

int max(const QString &db, int count, int window)
{
    Server server;
    if (!server.start(db))
        return 1;
    auto sender = join(server.url, u"sender"_s);
    int sent = 0;
    int acked = 0;
    QEventLoop done;
    QElapsedTimer elapsed;
    const auto fill = [&] {
        while (sent < count && sent - acked < window)
            sender->sendTextMessage(chatFrame(sent++));
    };
    QObject::connect(sender.get(), &QWebSocket::textMessageReceived, [&](const QString &text) {
        if (!text.contains(u"\"ack\""_s))
            return;
        if (++acked == count)
            done.quit();
        fill();
    });
    elapsed.start();
    fill();
    QTimer::singleShot(120000, &done, &QEventLoop::quit);
    done.exec();
    const double seconds = elapsed.nsecsElapsed() / 1e9;
    std::printf("{\"mode\": \"max\", \"db\": \"%s\", \"chats\": %d, \"window\": %d, \"acked\": %d, "
                "\"perSecond\": %.0f}\n",
                qPrintable(db), count, window, acked, acked / seconds);
    return acked == count ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    clock_.start();
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == u"flooder") {
        Flooder flooder{QUrl(args.at(2))};
        return app.exec();
    }
    if (args.size() == 3 && args.at(1) == u"guesser") {
        Guesser guesser{QUrl(args.at(2)), 300, 100};
        return app.exec();
    }
    if (args.size() == 3 && args.at(1) == u"joiners") {
        Joiners joiners{QUrl(args.at(2)), 200};
        return app.exec();
    }
    if (args.size() == 5 && args.at(1) == u"rate")
        return rate(args.at(2), args.at(3).toInt(), args.at(4).toInt(), Load::Plain);
    if (args.size() == 5 && args.at(1) == u"calm")
        return rate(args.at(2), args.at(3).toInt(), args.at(4).toInt(), Load::Calm);
    if (args.size() == 5 && args.at(1) == u"flood")
        return rate(args.at(2), args.at(3).toInt(), args.at(4).toInt(), Load::Flood);
    if (args.size() == 5 && args.at(1) == u"guess")
        return rate(args.at(2), args.at(3).toInt(), args.at(4).toInt(), Load::Guess);
    if (args.size() == 5 && args.at(1) == u"joins")
        return rate(args.at(2), args.at(3).toInt(), args.at(4).toInt(), Load::Joins);
    if (args.size() == 5 && args.at(1) == u"max")
        return max(args.at(2), args.at(3).toInt(), args.at(4).toInt());
    std::fprintf(stderr, "usage: server_bench rate|calm|flood|guess|joins|max DB COUNT RATE|WINDOW\n");
    return 2;
}
