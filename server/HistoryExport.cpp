#include "HistoryExport.h"

#include "HistoryBackup.h"
#include "JsonCodec.h"
#include "MessageStore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTemporaryDir>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int PageSize = 1000;

QJsonObject toJson(const Protocol::Member &member)
{
    return {{u"id"_s, member.id}, {u"name"_s, member.name}};
}

} // namespace

QString HistoryExport::fileNameOf(const QString &conversation)
{
    return QString(conversation).replace(u':', u'_') + u".jsonl"_s;
}

HistoryExport::Result HistoryExport::run(const QString &database, const QString &folder)
{
    const QDir target(folder);
    if (target.exists() && !target.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return {false, u"%1 is not empty; an export is never written over anything"_s.arg(folder)};
    if (!QDir().mkpath(folder))
        return {false, u"cannot make the folder %1"_s.arg(folder)};
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return {false, u"cannot make a temporary folder: %1"_s.arg(scratch.errorString())};
    const QString snapshot = scratch.filePath(u"snapshot.sqlite"_s);
    const HistoryBackup::Result copied = HistoryBackup::run(database, snapshot);
    if (!copied.ok)
        return {false, copied.errorString};
    MessageStore store(snapshot); // a copy of its own: migrated if it is older, never the room's file
    if (!store.open())
        return {false, store.errorString()};

    QList<QJsonObject> conversations{
        {{u"id"_s, u"general"_s}, {u"kind"_s, u"channel"_s}, {u"name"_s, u"general"_s}}};
    const auto channels = store.channels();
    const auto directs = store.directConversations();
    if (!channels || !directs)
        return {false, u"cannot read the conversations of %1"_s.arg(database)};
    for (const MessageStore::Channel &channel : *channels) {
        conversations.append({{u"id"_s, channel.id},
                              {u"kind"_s, u"channel"_s},
                              {u"name"_s, channel.name},
                              {u"topic"_s, channel.topic}});
    }
    for (const MessageStore::Direct &direct : *directs) {
        conversations.append(
            {{u"id"_s, direct.id},
             {u"kind"_s, u"direct"_s},
             {u"members"_s, QJsonArray{toJson(direct.members[0]), toJson(direct.members[1])}}});
    }

    Result result{true, {}};
    QSaveFile index(target.filePath(u"conversations.jsonl"_s));
    if (!index.open(QIODevice::WriteOnly))
        return {false, u"cannot write %1: %2"_s.arg(index.fileName(), index.errorString())};
    for (QJsonObject conversation : conversations) {
        const QString id = conversation.value(u"id"_s).toString();
        QSaveFile file(target.filePath(fileNameOf(id)));
        if (!file.open(QIODevice::WriteOnly))
            return {false, u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString())};
        qint64 count = 0;
        for (qint64 after = 0;;) {
            const auto page = store.inOrder(id, after, PageSize);
            if (!page)
                return {false, u"cannot read the messages of %1 in %2"_s.arg(id, database)};
            for (const Protocol::ChatMessage &chat : *page)
                file.write(
                    Protocol::JsonCodec::encode(Protocol::ServerMessage{chat}, Protocol::NewestVersion) +
                    '\n');
            count += page->size();
            if (page->size() < PageSize)
                break;
            after = page->constLast().seq;
        }
        if (!file.commit())
            return {false, u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString())};
        conversation.insert(u"file"_s, fileNameOf(id));
        conversation.insert(u"messages"_s, count);
        index.write(QJsonDocument(conversation).toJson(QJsonDocument::Compact) + '\n');
        result.messages += count;
        ++result.conversations;
    }
    if (!index.commit())
        return {false, u"cannot write %1: %2"_s.arg(index.fileName(), index.errorString())};
    return result;
}
