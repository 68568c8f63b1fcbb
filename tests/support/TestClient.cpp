#include "TestClient.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

TestClient::TestClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (!document.isObject() || !document.object().value(u"type"_s).isString()) {
            m_protocolErrors.append(text.toUtf8());
            return;
        }
        m_frames.append(document.object());
        if (m_frames.constLast().value(u"type"_s) == u"welcome"_s)
            m_id = m_frames.constLast().value(u"you"_s).toObject().value(u"id"_s).toString();
    });
}

bool TestClient::open(const QUrl &url, std::chrono::milliseconds timeout)
{
    m_socket.open(url);
    return QTest::qWaitFor([this] { return isConnected(); }, int(timeout.count()));
}

bool TestClient::join(const QUrl &url, const QString &name, std::chrono::milliseconds timeout)
{
    if (!open(url, timeout))
        return false;
    send({{u"type"_s, u"hello"_s}, {u"name"_s, name}});
    return waitFor(u"welcome"_s, {}, timeout).has_value();
}

void TestClient::send(const QJsonObject &object)
{
    sendText(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void TestClient::sendText(const QString &text)
{
    m_socket.sendTextMessage(text);
}

void TestClient::sendChat(const QString &text, const QString &clientId)
{
    send({{u"type"_s, u"chat"_s}, {u"text"_s, text}, {u"clientId"_s, clientId}});
}

std::optional<QJsonObject> TestClient::waitFor(const QString &type, const Predicate &predicate,
                                               std::chrono::milliseconds timeout)
{
    std::optional<QJsonObject> found;
    (void)QTest::qWaitFor(
        [&] {
            for (const QJsonObject &frame : std::as_const(m_frames)) {
                if (frame.value(u"type"_s) == type && (!predicate || predicate(frame))) {
                    found = frame;
                    return true;
                }
            }
            return false;
        },
        int(timeout.count()));
    return found;
}

bool TestClient::waitForCount(int count, std::chrono::milliseconds timeout)
{
    return QTest::qWaitFor([&] { return lastCount() == count; }, int(timeout.count()));
}

bool TestClient::waitForClose(std::chrono::milliseconds timeout)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           int(timeout.count()));
}

QList<QJsonObject> TestClient::received(const QString &type) const
{
    QList<QJsonObject> result;
    for (const QJsonObject &frame : m_frames) {
        if (frame.value(u"type"_s) == type)
            result.append(frame);
    }
    return result;
}

int TestClient::lastCount() const
{
    const QList<QJsonObject> counts = received(u"users"_s);
    return counts.isEmpty() ? -1 : counts.constLast().value(u"count"_s).toInt();
}
