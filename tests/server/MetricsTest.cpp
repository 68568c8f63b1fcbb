// GET /metrics and /healthz on the room's port: Prometheus' text format, scraped by a plain HTTP
// peer, from allowed addresses only.
#include "GatewayTest.h"
#include "HttpExchange.h"

#include <QRegularExpression>

namespace {

/// Every sample of a scrape by name (with its labels), after checking each line's grammar.
QHash<QString, double> parse(const QByteArray &text)
{
    static const QRegularExpression sample(
        uR"(^([a-z_]+(?:\{[a-z_]+="[^"]*"\})?) (-?[0-9.e+-]+|\+Inf|NaN)$)"_s);
    static const QRegularExpression comment(uR"(^# (HELP|TYPE) [a-z_]+ .+$)"_s);
    QHash<QString, double> samples;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        const QString decoded = QString::fromUtf8(line);
        if (comment.match(decoded).hasMatch())
            continue;
        const auto match = sample.match(decoded);
        EXPECT_TRUE(match.hasMatch()) << line.constData();
        samples.insert(match.captured(1), match.captured(2).toDouble());
    }
    return samples;
}

} // namespace

TEST_F(ChatGatewayTest, MetricsCountWhatHappensAndHealthSaysTheRoomServes)
{
    TestClient *alice = joined(u"Alice"_s);
    TestClient *bob = joined(u"Bob"_s);
    TestClient *carol = joined(u"Carol"_s);
    alice->sendChat(u"one"_s, u"a-1"_s);
    alice->sendChat(u"two"_s, u"a-2"_s);
    ASSERT_TRUE(carol->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"two"_s; }));
    bob->sendChat(QString(5000, u'x'), u"b-1"_s); // refused: too long
    ASSERT_TRUE(bob->waitFor(u"error"_s));

    const HttpExchange scrape = HttpExchange::run(gateway->port(), "GET", "/metrics");
    ASSERT_EQ(scrape.status, 200) << scrape.body.constData();
    EXPECT_TRUE(scrape.header("content-type").startsWith("text/plain; version=0.0.4"));
    const auto samples = parse(scrape.body);
    EXPECT_EQ(samples.value(u"parley_members"_s), 3);
    EXPECT_EQ(samples.value(u"parley_connections{transport=\"websocket\"}"_s), 3);
    EXPECT_EQ(samples.value(u"parley_messages_total"_s), 2);
    EXPECT_EQ(samples.value(u"parley_deliveries_total"_s), 4); // two chats, two others each
    EXPECT_EQ(samples.value(u"parley_refusals_total{reason=\"too_long\"}"_s), 1);
    EXPECT_GE(samples.value(u"parley_store_commit_seconds_count"_s), 1);
    EXPECT_EQ(samples.value(u"parley_store_commit_seconds_bucket{le=\"+Inf\"}"_s),
              samples.value(u"parley_store_commit_seconds_count"_s));
    EXPECT_TRUE(samples.contains(u"parley_bytes_queued"_s));

    const HttpExchange health = HttpExchange::run(gateway->port(), "GET", "/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.body, "ok\n");
}

TEST_F(ChatGatewayTest, MetricsAreForAllowedAddressesOnly)
{
    ServerConfig config;
    config.metricsAllowedFrom = {QHostAddress::parseSubnet(u"10.0.0.0/8"_s)};
    startGateway(config);
    EXPECT_EQ(HttpExchange::run(gateway->port(), "GET", "/metrics").status, 403);
    EXPECT_EQ(HttpExchange::run(gateway->port(), "GET", "/healthz").status, 403);
    EXPECT_EQ(HttpExchange::run(gateway->port(), "POST", "/metrics").status, 405);
}
