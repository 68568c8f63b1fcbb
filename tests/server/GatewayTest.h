#pragma once

// Fixtures for tests of the gateway with real QWebSocket clients on loopback, server on port 0.
#include "ChatGateway.h"
#include "TestClient.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

class ChatGatewayTest : public ::testing::Test
{
protected:
    void TearDown() override
    {
        // Whatever else a test checks, the server never sent a frame that is not a typed JSON object.
        for (const auto &client : clients)
            EXPECT_TRUE(client->protocolErrors().isEmpty())
                << client->protocolErrors().constFirst().toStdString();
    }

    void SetUp() override { startGateway(ServerConfig()); }

    void startGateway(ServerConfig config)
    {
        config.bindAddress = QHostAddress::LocalHost;
        config.port = config.port == Protocol::DefaultPort ? 0 : config.port;
        config.helloTimeout = std::min(config.helloTimeout, std::chrono::milliseconds(100));
        gateway = std::make_unique<ChatGateway>(config);
        ASSERT_TRUE(gateway->listen()) << gateway->errorString().toStdString();
        url = QUrl(u"ws://127.0.0.1:%1/"_s.arg(gateway->port()));
    }

    /// Stops the room (its clients with it) and starts it again on the same history, as after a
    /// restart; change adjusts the configuration first.
    void restartGateway(const std::function<void(ServerConfig &)> &change = {})
    {
        ServerConfig config = gateway->config();
        if (change)
            change(config);
        clients.clear();
        gateway.reset();
        startGateway(config);
    }

    TestClient *joined(const QString &name)
    {
        clients.push_back(std::make_unique<TestClient>());
        EXPECT_TRUE(clients.back()->join(url, name)) << name.toStdString();
        return clients.back().get();
    }

    // Everything a sender sent before this point has been handled by the server once the marker,
    // sent afterwards on another connection, reaches `observer`.
    void syncThrough(TestClient *sender, TestClient *observer)
    {
        const QString marker = u"marker-%1"_s.arg(++markers);
        sender->sendChat(marker, marker);
        ASSERT_TRUE(
            observer->waitFor(u"chat"_s, [&](const QJsonObject &c) { return c[u"text"_s] == marker; }));
    }

    std::unique_ptr<ChatGateway> gateway;
    QUrl url;
    std::vector<std::unique_ptr<TestClient>> clients;
    int markers = 0;
};

class ConversationsTest : public ChatGatewayTest
{
protected:
    void SetUp() override
    {
        ServerConfig config;
        config.databasePath = dir.filePath(u"server.sqlite"_s);
        config.directOpensPerMinute = 3;
        startGateway(config);
    }

    /// A member speaking protocol 2 (or 1), with an identity token so it can come back.
    TestClient *member(const QString &name, int protocol = 2, std::optional<qint64> since = {})
    {
        clients.push_back(std::make_unique<TestClient>());
        TestClient *client = clients.back().get();
        EXPECT_TRUE(client->open(url));
        QJsonObject hello{
            {u"type"_s, u"hello"_s}, {u"name"_s, name}, {u"token"_s, u"token-of-%1-0123456789"_s.arg(name)}};
        if (protocol != 1)
            hello.insert(u"protocol"_s, protocol);
        if (since)
            hello.insert(u"since"_s, *since);
        client->send(hello);
        EXPECT_TRUE(client->waitFor(u"welcome"_s)) << name.toStdString();
        return client;
    }

    /// Opens the direct conversation of a with b and returns its id, once both know it.
    QString openDirect(TestClient *a, TestClient *b)
    {
        a->send({{u"type"_s, u"open_direct"_s}, {u"member"_s, b->id()}});
        const auto opened = a->waitFor(u"conversation"_s, [&](const QJsonObject &c) {
            return c[u"conversation"_s][u"with"_s][u"id"_s] == b->id();
        });
        return opened ? (*opened)[u"conversation"_s][u"id"_s].toString() : QString();
    }

    static QJsonObject chat(const QString &conversation, const QString &text, const QString &clientId)
    {
        return {{u"type"_s, u"chat"_s},
                {u"conversation"_s, conversation},
                {u"text"_s, text},
                {u"clientId"_s, clientId}};
    }

    static bool hasText(const QList<QJsonObject> &frames, const QString &text)
    {
        for (const QJsonObject &frame : frames) {
            if (frame[u"text"_s] == text)
                return true;
            for (const QJsonValue &message : frame[u"messages"_s].toArray()) {
                if (message[u"text"_s] == text)
                    return true;
            }
        }
        return false;
    }

    std::optional<QJsonObject> errorAbout(TestClient *client, const QString &code)
    {
        return client->waitFor(u"error"_s, [&](const QJsonObject &e) { return e[u"code"_s] == code; });
    }

    QTemporaryDir dir;
};
