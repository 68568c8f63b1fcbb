#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <chrono>
#include <functional>
#include <optional>

using namespace std::chrono_literals;

/// A real QWebSocket client for tests. It records every frame it receives as raw JSON (parsed
/// with QJsonDocument, not with Parley's codec, so the wire format itself is under test) and
/// waits for frames by condition, never by sleeping.
class TestClient : public QObject
{
    Q_OBJECT

public:
    using Predicate = std::function<bool(const QJsonObject &)>;

    explicit TestClient(QObject *parent = nullptr);

    /// Opens the socket and waits until it is connected.
    bool open(const QUrl &url, std::chrono::milliseconds timeout = 5s);
    /// Opens, says hello and waits for the welcome.
    bool join(const QUrl &url, const QString &name, std::chrono::milliseconds timeout = 5s);

    void send(const QJsonObject &object);
    void sendText(const QString &text);
    void sendChat(const QString &text, const QString &clientId);

    /// The first received frame of this type matching predicate, waiting for it if need be.
    std::optional<QJsonObject> waitFor(const QString &type, const Predicate &predicate = {},
                                       std::chrono::milliseconds timeout = 5s);
    /// Waits until the latest "users" frame says count.
    bool waitForCount(int count, std::chrono::milliseconds timeout = 5s);
    /// Waits until the server has closed the connection.
    bool waitForClose(std::chrono::milliseconds timeout = 5s);

    QList<QJsonObject> received(const QString &type) const;
    int lastCount() const;
    QString id() const { return m_id; }
    QWebSocket &socket() { return m_socket; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QList<QByteArray> protocolErrors() const { return m_protocolErrors; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
    QList<QByteArray> m_protocolErrors; // frames that were not JSON objects with a "type"
    QString m_id;
};
