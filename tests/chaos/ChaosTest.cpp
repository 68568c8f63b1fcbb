// Parley loses nothing and duplicates nothing, even when the server process is killed.
//
// Several ChatClients send thousands of messages while parleyd is killed with SIGKILL and
// restarted several times and client sockets are aborted at random moments. At the end every
// client has every message exactly once, in seq order, and every message sent was acked.
// Bounded: a fixed number of messages and kills, and a deadline.
#include "ChatClient.h"
#include "MessageRows.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr int Clients = 4;
constexpr int MessagesPerClient = 500;
constexpr int Kills = 4;

/// The real parleyd, started on a port and killed without warning.
class Parleyd
{
public:
    explicit Parleyd(QString database, QStringList extraArguments = {})
        : m_database(std::move(database))
        , m_extraArguments(std::move(extraArguments))
    {}
    ~Parleyd() { kill(); }

    bool start(quint16 port)
    {
        m_process.setProgram(QStringLiteral(PARLEYD_PATH));
        m_process.setArguments(QStringList{u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(port),
                                           u"--db"_s, m_database} +
                               m_extraArguments);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        static const QRegularExpression listening(u"^listening on ws://127\\.0\\.0\\.1:(\\d+)/$"_s,
                                                  QRegularExpression::MultilineOption);
        QByteArray output;
        const bool started = QTest::qWaitFor(
            [&] {
                output += m_process.readAllStandardOutput();
                const auto match = listening.match(QString::fromUtf8(output));
                if (match.hasMatch())
                    m_port = quint16(match.captured(1).toUInt());
                return match.hasMatch() || m_process.state() == QProcess::NotRunning;
            },
            10000);
        m_listening = started && m_process.state() == QProcess::Running;
        return m_listening;
    }

    void kill()
    {
        m_listening = false;
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill(); // SIGKILL: no close frames, no flush, no goodbye
            m_process.waitForFinished(5000);
        }
    }

    /// Started and listening: one still starting (a slow start, under a sanitizer) is not killed
    /// from under start(), which waits for it in a nested event loop.
    bool isListening() const { return m_listening && m_process.state() == QProcess::Running; }
    quint16 port() const { return m_port; }

private:
    QString m_database;
    QStringList m_extraArguments;
    QProcess m_process;
    quint16 m_port = 0;
    bool m_listening = false;
};

/// Clients "client 0"… in the room, quick to reconnect; none if they could not all join.
std::vector<std::unique_ptr<ChatClient>> connectedClients(const QUrl &url)
{
    std::vector<std::unique_ptr<ChatClient>> clients;
    for (int i = 0; i < Clients; ++i) {
        clients.push_back(std::make_unique<ChatClient>());
        clients.back()->setDisplayName(u"client %1"_s.arg(i));
        clients.back()->setReconnectDelays(20ms, 300ms);
        clients.back()->connectToRoom(url);
    }
    const bool connected = QTest::qWaitFor(
        [&] {
            return std::all_of(clients.begin(), clients.end(),
                               [](const auto &c) { return c->state() == ChatClient::State::Connected; });
        },
        10000);
    return connected ? std::move(clients) : decltype(clients){};
}

/// What is wrong with seqs that should be 1..total: "extra 12×2; missing 7 9; out of order at row 40 …".
std::string seqProblems(const QList<qint64> &seqs, qint64 total)
{
    std::map<qint64, int> seen;
    QStringList problems;
    for (qsizetype i = 0; i < seqs.size(); ++i) {
        ++seen[seqs[i]];
        if (i > 0 && seqs[i] <= seqs[i - 1])
            problems.append(u"out of order at row %1 (%2 after %3)"_s.arg(i).arg(seqs[i]).arg(seqs[i - 1]));
    }
    QStringList missing, repeated;
    for (qint64 seq = 1; seq <= total; ++seq) {
        if (!seen.contains(seq))
            missing.append(QString::number(seq));
    }
    for (const auto &[seq, count] : seen) {
        if (count > 1 || seq < 1 || seq > total)
            repeated.append(u"%1×%2"_s.arg(seq).arg(count));
    }
    if (!missing.isEmpty())
        problems.prepend(u"missing "_s + missing.mid(0, 20).join(u' '));
    if (!repeated.isEmpty())
        problems.prepend(u"extra "_s + repeated.mid(0, 20).join(u' ')); // seq×times
    return problems.join(u"; "_s).toStdString();
}

} // namespace

TEST(Chaos, NothingIsLostOrDuplicatedThroughKillsAndDroppedConnections)
{
    QTemporaryDir dir;
    Parleyd server(dir.filePath(u"chaos.sqlite"_s));
    ASSERT_TRUE(server.start(0));
    const quint16 port = server.port();
    const QUrl url(u"ws://127.0.0.1:%1/"_s.arg(port));

    std::vector<std::unique_ptr<ChatClient>> clients = connectedClients(url);
    ASSERT_EQ(int(clients.size()), Clients);

    QRandomGenerator random(20261126);
    std::vector<int> sent(Clients, 0);
    QTimer sender;
    sender.setInterval(8);
    QObject::connect(&sender, &QTimer::timeout, [&] {
        for (int i = 0; i < Clients; ++i) {
            if (sent[size_t(i)] < MessagesPerClient) {
                ASSERT_TRUE(
                    clients[size_t(i)]->sendMessage(u"client %1 message %2"_s.arg(i).arg(sent[size_t(i)])));
                ++sent[size_t(i)];
            }
        }
    });

    int kills = 0;
    int aborts = 0;
    int tick = 0;
    QTimer chaos;
    chaos.setInterval(200);
    QObject::connect(&chaos, &QTimer::timeout, [&] {
        ++tick;
        if (tick % 5 == 0 && kills < Kills && server.isListening()) {
            server.kill();
            ++kills;
            QTimer::singleShot(std::chrono::milliseconds(100 + random.bounded(300)), [&] {
                EXPECT_TRUE(server.start(port)) << "parleyd did not come back on port " << port;
            });
            return;
        }
        ChatClient *victim = clients[random.bounded(Clients)].get();
        if (auto *socket = victim->findChild<QWebSocket *>();
            socket && socket->state() == QAbstractSocket::ConnectedState) {
            socket->abort();
            ++aborts;
        }
    });

    sender.start();
    chaos.start();
    const int total = Clients * MessagesPerClient;
    const auto everythingSent = [&] {
        return std::all_of(sent.begin(), sent.end(), [](int n) { return n == MessagesPerClient; }) &&
               kills == Kills;
    };
    ASSERT_TRUE(QTest::qWaitFor(everythingSent, 60000)) << "kills " << kills;
    chaos.stop();
    sender.stop();
    ASSERT_TRUE(QTest::qWaitFor([&] { return server.isListening(); }, 5000));

    const bool converged = QTest::qWaitFor(
        [&] {
            return std::all_of(clients.begin(), clients.end(), [&](const auto &c) {
                return c->messages()->unsent().isEmpty() && chatSeqs(c->messages()).size() >= total;
            });
        },
        60000);
    EXPECT_TRUE(converged);
    EXPECT_EQ(kills, Kills);
    EXPECT_GE(aborts, 5);

    QList<qint64> expected;
    for (qint64 seq = 1; seq <= total; ++seq)
        expected.append(seq);
    for (int i = 0; i < Clients; ++i) {
        const MessageListModel *model = clients[size_t(i)]->messages();
        // Every message exactly once, in seq order: no gap, no duplicate.
        EXPECT_EQ(chatSeqs(model), expected) << "client " << i << ": " << seqProblems(chatSeqs(model), total);
        // Every message this client sent was acked, once.
        std::set<QString> own;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row);
            if (!index.data(MessageListModel::IsOwnRole).toBool())
                continue;
            EXPECT_EQ(index.data(MessageListModel::StatusRole).value<MessageListModel::Status>(),
                      MessageListModel::Status::Sent);
            EXPECT_TRUE(own.insert(index.data(MessageListModel::TextRole).toString()).second)
                << "duplicate " << index.data(MessageListModel::TextRole).toString().toStdString() << " (seq "
                << index.data(MessageListModel::SeqRole).toLongLong() << ")";
        }
        EXPECT_EQ(int(own.size()), MessagesPerClient) << "client " << i;
    }
}

// The same through several conversations at once: every message lands once, in order, in its
// own conversation only, on the screens of its members only.
TEST(Chaos, EveryConversationStaysWholeAndApartThroughKillsAndDroppedConnections)
{
    constexpr int Messages = 150; // per client
    constexpr int ConversationKills = 3;
    QTemporaryDir dir;
    Parleyd server(dir.filePath(u"chaos.sqlite"_s), {u"--channel"_s, u"c0"_s});
    ASSERT_TRUE(server.start(0));
    const quint16 port = server.port();
    const QUrl url(u"ws://127.0.0.1:%1/"_s.arg(port));

    std::vector<std::unique_ptr<ChatClient>> clients = connectedClients(url);
    ASSERT_EQ(int(clients.size()), Clients);
    // Clients 0 and 1 are in #c0; 2 and 3 write to each other directly.
    const auto idOf = [](ChatClient &client, const QString &title) {
        const ConversationListModel *list = client.conversations();
        for (int row = 0; row < list->rowCount(); ++row) {
            if (list->index(row).data(ConversationListModel::TitleRole) == title)
                return list->index(row).data(ConversationListModel::IdRole).toString();
        }
        return QString();
    };
    const QString channel = idOf(*clients[0], u"#c0"_s);
    ASSERT_FALSE(channel.isEmpty());
    clients[0]->joinChannel(channel);
    clients[1]->joinChannel(channel);
    clients[2]->openDirect(clients[3]->selfId());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return clients[0]->currentConversation() == channel &&
                   clients[1]->currentConversation() == channel && clients[2]->currentIsDirect() &&
                   !idOf(*clients[3], u"client 2"_s).isEmpty();
        },
        10000));
    const QString direct = clients[2]->currentConversation();
    const QString general = u"general"_s;
    const QString own[Clients] = {channel, channel, direct, direct};

    QRandomGenerator random(20261201);
    std::map<QString, QStringList> sentTo; // conversation -> texts, in the order sent
    std::vector<int> sent(Clients, 0);
    QTimer sender;
    sender.setInterval(8);
    QObject::connect(&sender, &QTimer::timeout, [&] {
        for (int i = 0; i < Clients; ++i) {
            if (sent[size_t(i)] >= Messages)
                continue;
            const QString conversation = sent[size_t(i)] % 3 == 0 ? general : own[i];
            const QString text = u"client %1 message %2"_s.arg(i).arg(sent[size_t(i)]++);
            clients[size_t(i)]->setCurrentConversation(conversation);
            ASSERT_TRUE(clients[size_t(i)]->sendMessage(text));
            sentTo[conversation].append(text);
        }
    });
    int kills = 0;
    int tick = 0;
    QTimer chaos;
    chaos.setInterval(200);
    QObject::connect(&chaos, &QTimer::timeout, [&] {
        if (++tick % 5 == 0 && kills < ConversationKills && server.isListening()) {
            server.kill();
            ++kills;
            QTimer::singleShot(std::chrono::milliseconds(100 + random.bounded(300)),
                               [&] { EXPECT_TRUE(server.start(port)) << "parleyd did not come back"; });
            return;
        }
        ChatClient *victim = clients[random.bounded(Clients)].get();
        if (auto *socket = victim->findChild<QWebSocket *>();
            socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->abort();
    });
    sender.start();
    chaos.start();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return kills == ConversationKills &&
                   std::all_of(sent.begin(), sent.end(), [](int n) { return n == Messages; });
        },
        60000));
    chaos.stop();
    sender.stop();
    ASSERT_TRUE(QTest::qWaitFor([&] { return server.isListening(); }, 5000));

    // Who is in what: everyone in #general, two in #c0, two in the direct conversation.
    const std::map<QString, std::vector<int>> members{
        {general, {0, 1, 2, 3}}, {channel, {0, 1}}, {direct, {2, 3}}};
    const auto complete = [&] {
        for (const auto &[conversation, readers] : members) {
            for (const int reader : readers) {
                const MessageListModel *model = clients[size_t(reader)]->messagesFor(conversation);
                if (!model->unsent().isEmpty() || chatTexts(model).size() < sentTo[conversation].size())
                    return false;
            }
        }
        return true;
    };
    EXPECT_TRUE(QTest::qWaitFor(complete, 60000));
    for (const auto &[conversation, readers] : members) {
        QStringList expected = sentTo[conversation];
        expected.sort();
        for (int i = 0; i < Clients; ++i) {
            const MessageListModel *model = clients[size_t(i)]->messagesFor(conversation);
            if (std::find(readers.begin(), readers.end(), i) == readers.end()) {
                EXPECT_TRUE(chatTexts(model).isEmpty())
                    << "client " << i << " sees " << conversation.toStdString();
                continue;
            }
            QStringList got = chatTexts(model);
            got.sort();
            EXPECT_EQ(got, expected) << "client " << i << " in " << conversation.toStdString(); // once each
            const QList<qint64> seqs = chatSeqs(model);
            EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end()) &&
                        std::adjacent_find(seqs.begin(), seqs.end()) == seqs.end())
                << "client " << i << " in " << conversation.toStdString();
        }
    }
}
