#include "Outbox.h"

#include "ClientLogging.h"
#include "Messages.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

Outbox::Outbox(QString directory)
    : m_directory(directory.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/outbox"_s
                      : std::move(directory))
{}

QString Outbox::fileName() const
{
    const QByteArray key = QCryptographicHash::hash((m_room.toString() + u'\n' + m_identity).toUtf8(),
                                                    QCryptographicHash::Sha256)
                               .toHex();
    return m_directory + u'/' + QString::fromLatin1(key.left(32)) + u".json"_s;
}

void Outbox::setRoom(const QUrl &room, const QString &identity)
{
    m_room = room;
    m_identity = identity;
    m_entries.clear();
    QFile file(fileName());
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_errorString = file.errorString();
        qCWarning(lcClient) << "cannot read the outbox" << file.fileName() << file.errorString();
        return;
    }
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    for (const QJsonValue &value : document.object().value(u"unsent"_s).toArray()) {
        const QString clientId = value[u"clientId"_s].toString();
        const QString text = value[u"text"_s].toString();
        if (!clientId.isEmpty() && !text.isEmpty())
            m_entries.append({clientId, text, value[u"roomId"_s].toString(),
                              value[u"conversation"_s].toString(Protocol::GeneralConversation.toString()),
                              value[u"replyTo"_s].toInteger()});
    }
}

void Outbox::add(const Entry &entry)
{
    m_entries.append(entry);
    save();
}

void Outbox::assignRoom(const QString &roomId)
{
    bool changed = false;
    for (Entry &entry : m_entries) {
        if (entry.roomId.isEmpty() && !roomId.isEmpty()) {
            entry.roomId = roomId;
            changed = true;
        }
    }
    if (changed)
        save();
}

void Outbox::remove(const QString &clientId)
{
    if (m_entries.removeIf([&](const Entry &e) { return e.clientId == clientId; }) > 0)
        save();
}

void Outbox::save()
{
    if (m_room.isEmpty())
        return;
    if (m_entries.isEmpty()) {
        QFile::remove(fileName());
        return;
    }
    QJsonArray unsent;
    for (const Entry &entry : std::as_const(m_entries)) {
        QJsonObject object{{u"clientId"_s, entry.clientId},
                           {u"text"_s, entry.text},
                           {u"roomId"_s, entry.roomId},
                           {u"conversation"_s, entry.conversation}};
        if (entry.replyTo > 0)
            object.insert(u"replyTo"_s, entry.replyTo);
        unsent.append(object);
    }
    const QJsonObject root{{u"room"_s, m_room.toString()}, {u"unsent"_s, unsent}};

    QDir().mkpath(m_directory);
    QSaveFile file(fileName());
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        m_errorString = file.errorString();
        qCWarning(lcClient) << "cannot save the outbox" << file.fileName() << file.errorString();
    }
}
