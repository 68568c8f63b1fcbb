#include "JsonCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

using namespace Qt::Literals::StringLiterals;

namespace Protocol {

namespace {
constexpr std::array<std::pair<Moderate::Action, const char *>, 8> ActionNames{{
    {Moderate::Action::Kick, "kick"},
    {Moderate::Action::Ban, "ban"},
    {Moderate::Action::Unban, "unban"},
    {Moderate::Action::Mute, "mute"},
    {Moderate::Action::Unmute, "unmute"},
    {Moderate::Action::SlowMode, "slow_mode"},
    {Moderate::Action::Lock, "lock"},
    {Moderate::Action::Unlock, "unlock"},
}};
} // namespace

QString actionName(Moderate::Action action)
{
    for (const auto &[value, name] : ActionNames) {
        if (value == action)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<Moderate::Action> actionFromName(const QString &name)
{
    for (const auto &[value, wire] : ActionNames) {
        if (name == QLatin1StringView(wire))
            return value;
    }
    return std::nullopt;
}

namespace {

// JSON numbers are doubles: integers are exact up to 2^53, which bounds seq and ts.
constexpr qint64 MaxExactInteger = (qint64(1) << 53);

QJsonObject toJson(const Member &member)
{
    return {{u"id"_s, member.id}, {u"name"_s, member.name}};
}

QJsonArray toJson(const QList<Member> &members)
{
    QJsonArray array;
    for (const Member &member : members)
        array.append(toJson(member));
    return array;
}

QJsonObject toJson(const FileInfo &file)
{
    QJsonObject object{
        {u"id"_s, file.id}, {u"name"_s, file.name}, {u"size"_s, file.size}, {u"type"_s, file.type}};
    if (file.isImage()) {
        object.insert(u"width"_s, file.width);
        object.insert(u"height"_s, file.height);
    }
    return object;
}

QJsonObject toJson(const ChatMessage &chat, int version)
{
    const QString text = version < 2 ? chat.textForVersion1() : chat.text;
    QJsonObject object{{u"type"_s, u"chat"_s},
                       {u"seq"_s, chat.seq},
                       {u"ts"_s, chat.ts},
                       {u"from"_s, toJson(chat.from)},
                       {u"text"_s, text}};
    if (version >= 2) {
        object.insert(u"conversation"_s, chat.conversation);
        if (!chat.mentions.isEmpty())
            object.insert(u"mentions"_s, QJsonArray::fromStringList(chat.mentions));
        if (chat.file)
            object.insert(u"file"_s, toJson(*chat.file));
        if (chat.revision > 0)
            object.insert(u"revision"_s, chat.revision);
        if (chat.editedTs > 0)
            object.insert(u"edited"_s, chat.editedTs);
        if (chat.deleted != ChatMessage::Deletion::None)
            object.insert(u"deleted"_s,
                          chat.deleted == ChatMessage::Deletion::ByModerator ? u"moderator"_s : u"author"_s);
        if (chat.reply) {
            QJsonObject reply{{u"seq"_s, chat.reply->seq}, {u"text"_s, chat.reply->text}};
            if (!chat.reply->from.id.isEmpty())
                reply.insert(u"from"_s, toJson(chat.reply->from));
            if (chat.reply->deleted)
                reply.insert(u"deleted"_s, true);
            if (chat.reply->hasFile)
                reply.insert(u"file"_s, true);
            object.insert(u"reply"_s, reply);
        }
    }
    return object;
}

QJsonObject toJson(const RoomState &state)
{
    return {{u"locked"_s, state.locked}, {u"slowMode"_s, state.slowModeSeconds}};
}

QString kindName(Conversation::Kind kind)
{
    return kind == Conversation::Kind::Direct ? u"direct"_s : u"channel"_s;
}

QJsonObject toJson(const Conversation &conversation)
{
    QJsonObject object{{u"id"_s, conversation.id},           {u"kind"_s, kindName(conversation.kind)},
                       {u"lastSeq"_s, conversation.lastSeq}, {u"readSeq"_s, conversation.readSeq},
                       {u"unread"_s, conversation.unread},   {u"mentions"_s, conversation.mentions}};
    if (conversation.kind == Conversation::Kind::Direct) {
        object.insert(u"with"_s, toJson(conversation.with));
    } else {
        object.insert(u"name"_s, conversation.name);
        object.insert(u"topic"_s, conversation.topic);
        object.insert(u"members"_s, conversation.memberCount);
        object.insert(u"joined"_s, conversation.joined);
    }
    return object;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// Reads typed fields from one JSON object, remembering the first problem it meets so a
/// decoder can read everything and check once.
class FieldReader
{
public:
    explicit FieldReader(QJsonObject object, QString where = {})
        : m_object(std::move(object))
        , m_where(std::move(where))
    {}

    QString string(const QString &key, qsizetype maxLength = -1)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isString()) {
            fail(key, value.isUndefined() ? u"is missing"_s : u"must be a string"_s);
            return {};
        }
        QString result = value.toString();
        if (maxLength >= 0 && result.size() > maxLength)
            fail(key, u"is longer than %1 characters"_s.arg(maxLength));
        return result;
    }

    QString optionalString(const QString &key, qsizetype maxLength = -1)
    {
        return m_object.contains(key) ? string(key, maxLength) : QString();
    }

    qint64 integer(const QString &key, qint64 min = 0, qint64 max = MaxExactInteger)
    {
        const QJsonValue value = m_object.value(key);
        const double number = value.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!value.isDouble() || std::trunc(number) != number || number < double(min) ||
            number > double(max)) {
            fail(key, value.isUndefined() ? u"is missing"_s
                                          : u"must be an integer from %1 to %2"_s.arg(min).arg(max));
            return 0;
        }
        return qint64(number);
    }

    std::optional<qint64> optionalInteger(const QString &key)
    {
        if (!m_object.contains(key))
            return std::nullopt;
        return integer(key);
    }

    std::optional<QJsonObject> optionalObject(const QString &key)
    {
        if (!m_object.contains(key))
            return std::nullopt;
        const QJsonValue value = m_object.value(key);
        if (!value.isObject()) {
            fail(key, u"must be an object"_s);
            return std::nullopt;
        }
        return value.toObject();
    }

    bool boolean(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isBool())
            fail(key, value.isUndefined() ? u"is missing"_s : u"must be true or false"_s);
        return value.toBool();
    }

    /// A conversation id (v2), #general where a v1 frame has none.
    QString conversationId(const QString &key = u"conversation"_s)
    {
        const QString id = optionalString(key, Limits{}.maxConversationIdLength);
        if (m_object.contains(key) && id.isEmpty())
            fail(key, u"must not be empty"_s);
        return m_object.contains(key) ? id : GeneralConversation.toString();
    }

    QStringList optionalStrings(const QString &key, qsizetype maxCount)
    {
        if (!m_object.contains(key))
            return {};
        QStringList result = strings(key);
        if (result.size() > maxCount)
            fail(key, u"has more than %1 entries"_s.arg(maxCount));
        return result;
    }

    /// This object read as a chat message.
    ChatMessage chat()
    {
        ChatMessage chat;
        chat.seq = integer(u"seq"_s, 1);
        chat.ts = integer(u"ts"_s);
        chat.from = member(u"from"_s);
        chat.text = string(u"text"_s);
        chat.conversation = conversationId();
        chat.mentions = optionalStrings(u"mentions"_s, Limits{}.maxMentions);
        if (const auto file = optionalObject(u"file"_s)) {
            FieldReader reader(*file, qualified(u"file"_s));
            chat.file = reader.file();
            if (!reader.ok() && ok())
                m_error = reader.m_error;
        }
        if (has(u"revision"_s))
            chat.revision = integer(u"revision"_s, 1);
        if (has(u"edited"_s))
            chat.editedTs = integer(u"edited"_s);
        if (has(u"deleted"_s)) {
            const QString deleted = string(u"deleted"_s);
            if (deleted == u"author")
                chat.deleted = ChatMessage::Deletion::ByAuthor;
            else if (deleted == u"moderator")
                chat.deleted = ChatMessage::Deletion::ByModerator;
            else
                fail(u"deleted"_s, u"must be \"author\" or \"moderator\""_s);
        }
        if (const auto reply = optionalObject(u"reply"_s)) {
            FieldReader reader(*reply, qualified(u"reply"_s));
            chat.reply = reader.replyQuote();
            if (!reader.ok() && ok())
                m_error = reader.m_error;
        }
        return chat;
    }

    /// This object read as the quote of the message a reply answers (v2).
    ReplyQuote replyQuote()
    {
        ReplyQuote quote;
        quote.seq = integer(u"seq"_s, 1);
        if (has(u"from"_s)) // not when the original is gone
            quote.from = member(u"from"_s);
        quote.text = string(u"text"_s, ReplyQuote::MaxLength);
        quote.deleted = has(u"deleted"_s) && boolean(u"deleted"_s);
        quote.hasFile = has(u"file"_s) && boolean(u"file"_s);
        return quote;
    }

    /// This object read as a file (v2).
    FileInfo file()
    {
        FileInfo file;
        file.id = string(u"id"_s, 64);
        static const QRegularExpression sha256(u"^[0-9a-f]{64}$"_s);
        if (ok() && !sha256.match(file.id).hasMatch())
            fail(u"id"_s, u"must be 64 lowercase hex digits"_s); // it names files on disk
        file.name = string(u"name"_s);
        file.size = integer(u"size"_s);
        file.type = string(u"type"_s);
        if (has(u"width"_s) || has(u"height"_s)) {
            file.width = int(integer(u"width"_s, 1, std::numeric_limits<int>::max()));
            file.height = int(integer(u"height"_s, 1, std::numeric_limits<int>::max()));
        }
        return file;
    }

    /// This object read as a conversation (v2).
    Conversation conversation()
    {
        Conversation conversation;
        conversation.id = string(u"id"_s, Limits{}.maxConversationIdLength);
        const QString kind = string(u"kind"_s);
        if (kind != u"channel"_s && kind != u"direct"_s)
            fail(u"kind"_s, u"must be \"channel\" or \"direct\""_s);
        conversation.kind = kind == u"direct"_s ? Conversation::Kind::Direct : Conversation::Kind::Channel;
        if (conversation.kind == Conversation::Kind::Direct) {
            conversation.with = member(u"with"_s);
        } else {
            conversation.name = string(u"name"_s);
            conversation.topic = optionalString(u"topic"_s);
            conversation.memberCount = int(integer(u"members"_s, 0, std::numeric_limits<int>::max()));
            conversation.joined = boolean(u"joined"_s);
        }
        conversation.lastSeq = integer(u"lastSeq"_s);
        conversation.readSeq = integer(u"readSeq"_s);
        conversation.unread = int(integer(u"unread"_s, 0, std::numeric_limits<int>::max()));
        conversation.mentions = int(integer(u"mentions"_s, 0, std::numeric_limits<int>::max()));
        return conversation;
    }

    QList<Conversation> conversations(const QString &key)
    {
        return objects(key, [](FieldReader &reader) { return reader.conversation(); });
    }

    bool has(const QString &key) const { return m_object.contains(key); }

    QList<ChatMessage> chats(const QString &key)
    {
        return objects(key, [](FieldReader &reader) { return reader.chat(); });
    }

    /// The objects of an array field, each read by read() from a reader of its own.
    template<typename Read>
    QList<std::invoke_result_t<Read, FieldReader &>> objects(const QString &key, Read read)
    {
        QList<std::invoke_result_t<Read, FieldReader &>> result;
        const QJsonArray array = arrayField(key);
        for (qsizetype i = 0; i < array.size() && ok(); ++i) {
            const QString where = u"%1[%2]"_s.arg(key).arg(i);
            if (!array.at(i).isObject()) {
                fail(where, u"must be an object"_s);
                continue;
            }
            FieldReader reader(array.at(i).toObject(), qualified(where));
            result.append(read(reader));
            if (!reader.ok())
                m_error = reader.m_error;
        }
        return result;
    }

    Member member(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isObject()) {
            fail(key, u"must be an object"_s);
            return {};
        }
        return readMember(value.toObject(), key);
    }

    QList<Member> members(const QString &key)
    {
        QList<Member> result;
        const QJsonArray array = arrayField(key);
        for (qsizetype i = 0; i < array.size() && ok(); ++i) {
            const QString where = u"%1[%2]"_s.arg(key).arg(i);
            if (!array.at(i).isObject())
                fail(where, u"must be an object"_s);
            else
                result.append(readMember(array.at(i).toObject(), where));
        }
        return result;
    }

    QStringList strings(const QString &key)
    {
        QStringList result;
        const QJsonArray array = arrayField(key);
        for (qsizetype i = 0; i < array.size() && ok(); ++i) {
            if (!array.at(i).isString())
                fail(u"%1[%2]"_s.arg(key).arg(i), u"must be a string"_s);
            else
                result.append(array.at(i).toString());
        }
        return result;
    }

    bool ok() const { return !m_error.has_value(); }
    ProtocolError error() const { return m_error.value_or(ProtocolError{}); }

private:
    QJsonArray arrayField(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isArray()) {
            fail(key, u"must be an array"_s);
            return {};
        }
        return value.toArray();
    }

    Member readMember(const QJsonObject &object, const QString &where)
    {
        FieldReader reader(object, qualified(where));
        Member member{reader.string(u"id"_s), reader.string(u"name"_s)};
        if (!reader.ok() && ok())
            m_error = reader.m_error;
        return member;
    }

    QString qualified(const QString &key) const { return m_where.isEmpty() ? key : m_where + u'.' + key; }

    void fail(const QString &key, const QString &problem)
    {
        if (!m_error)
            m_error = ProtocolError{ErrorCode::BadField, u"field \"%1\" %2"_s.arg(qualified(key), problem)};
    }

    QJsonObject m_object;
    QString m_where;
    std::optional<ProtocolError> m_error;
};

/// The frame's object and its "type", or why there is none.
std::variant<std::pair<QJsonObject, QString>, ProtocolError> parseEnvelope(const QByteArray &frame)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return ProtocolError{
            ErrorCode::BadJson,
            u"not valid JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset)};
    }
    if (!document.isObject())
        return ProtocolError{ErrorCode::BadJson, u"a frame must be a JSON object"_s};
    QJsonObject object = document.object();
    const QJsonValue type = object.value(u"type"_s);
    if (!type.isString())
        return ProtocolError{ErrorCode::UnknownType, u"field \"type\" is missing or not a string"_s};
    return std::pair{std::move(object), type.toString()};
}

template<typename Message>
Decoded<Message> finish(const FieldReader &reader, Message &&message)
{
    if (!reader.ok())
        return reader.error();
    return std::forward<Message>(message);
}

ProtocolError unknownType(const QString &type)
{
    QString shown = type.left(40);
    return ProtocolError{ErrorCode::UnknownType, u"unknown message type \"%1\""_s.arg(shown)};
}

} // namespace

QByteArray JsonCodec::encode(const ClientMessage &message)
{
    const auto toObject = Overloaded{
        [](const Hello &hello) {
            QJsonObject object{{u"type"_s, u"hello"_s}, {u"name"_s, hello.name}};
            if (!hello.token.isEmpty())
                object.insert(u"token"_s, hello.token);
            if (hello.since)
                object.insert(u"since"_s, *hello.since);
            if (!hello.password.isEmpty())
                object.insert(u"password"_s, hello.password);
            if (!hello.roomId.isEmpty())
                object.insert(u"roomId"_s, hello.roomId);
            if (hello.protocol != Version)
                object.insert(u"protocol"_s, hello.protocol);
            return object;
        },
        [](const SendChat &chat) {
            QJsonObject object{{u"type"_s, u"chat"_s}, {u"text"_s, chat.text}};
            if (!chat.clientId.isEmpty())
                object.insert(u"clientId"_s, chat.clientId);
            if (chat.conversation != GeneralConversation)
                object.insert(u"conversation"_s, chat.conversation);
            if (!chat.mentions.isEmpty())
                object.insert(u"mentions"_s, QJsonArray::fromStringList(chat.mentions));
            if (chat.replyTo > 0)
                object.insert(u"replyTo"_s, chat.replyTo);
            return object;
        },
        [](const StartTyping &typing) {
            QJsonObject object{{u"type"_s, u"typing"_s}};
            if (typing.conversation != GeneralConversation)
                object.insert(u"conversation"_s, typing.conversation);
            return object;
        },
        [](const HistoryRequest &request) {
            QJsonObject object{{u"type"_s, u"history"_s}, {u"limit"_s, request.limit}};
            if (request.before > 0)
                object.insert(u"before"_s, request.before);
            if (request.conversation != GeneralConversation)
                object.insert(u"conversation"_s, request.conversation);
            return object;
        },
        [](const OpenDirect &open) {
            return QJsonObject{{u"type"_s, u"open_direct"_s}, {u"member"_s, open.member}};
        },
        [](const MarkRead &read) {
            return QJsonObject{
                {u"type"_s, u"read"_s}, {u"conversation"_s, read.conversation}, {u"seq"_s, read.seq}};
        },
        [](const CreateChannel &create) {
            QJsonObject object{{u"type"_s, u"create_channel"_s}, {u"name"_s, create.name}};
            if (!create.topic.isEmpty())
                object.insert(u"topic"_s, create.topic);
            if (!create.clientId.isEmpty())
                object.insert(u"clientId"_s, create.clientId);
            return object;
        },
        [](const JoinChannel &join) {
            return QJsonObject{{u"type"_s, u"join_channel"_s}, {u"conversation"_s, join.conversation}};
        },
        [](const LeaveChannel &leave) {
            return QJsonObject{{u"type"_s, u"leave_channel"_s}, {u"conversation"_s, leave.conversation}};
        },
        [](const Upload &upload) {
            QJsonObject object{{u"type"_s, u"upload"_s},     {u"conversation"_s, upload.conversation},
                               {u"name"_s, upload.name},     {u"size"_s, upload.size},
                               {u"sha256"_s, upload.sha256}, {u"clientId"_s, upload.clientId}};
            if (!upload.text.isEmpty())
                object.insert(u"text"_s, upload.text);
            if (!upload.mentions.isEmpty())
                object.insert(u"mentions"_s, QJsonArray::fromStringList(upload.mentions));
            return object;
        },
        [](const CancelUpload &cancel) {
            return QJsonObject{{u"type"_s, u"cancel_upload"_s}, {u"uploadId"_s, cancel.uploadId}};
        },
        [](const EditChat &edit) {
            QJsonObject object{{u"type"_s, u"edit"_s},
                               {u"conversation"_s, edit.conversation},
                               {u"seq"_s, edit.seq},
                               {u"text"_s, edit.text}};
            if (!edit.mentions.isEmpty())
                object.insert(u"mentions"_s, QJsonArray::fromStringList(edit.mentions));
            return object;
        },
        [](const DeleteChat &deletion) {
            return QJsonObject{{u"type"_s, u"delete"_s},
                               {u"conversation"_s, deletion.conversation},
                               {u"seq"_s, deletion.seq}};
        },
        [](const BecomeModerator &become) {
            return QJsonObject{{u"type"_s, u"become_moderator"_s}, {u"password"_s, become.password}};
        },
        [](const Moderate &moderate) {
            QJsonObject object{{u"type"_s, u"moderate"_s}, {u"action"_s, actionName(moderate.action)}};
            if (!moderate.member.isEmpty())
                object.insert(u"member"_s, moderate.member);
            if (moderate.minutes > 0)
                object.insert(u"minutes"_s, moderate.minutes);
            if (moderate.action == Moderate::Action::SlowMode)
                object.insert(u"seconds"_s, moderate.seconds);
            if (!moderate.reason.isEmpty())
                object.insert(u"reason"_s, moderate.reason);
            return object;
        },
        [](const AuditLogRequest &request) {
            QJsonObject object{{u"type"_s, u"audit_log"_s}};
            if (request.before > 0)
                object.insert(u"before"_s, request.before);
            return object;
        },
        [](const Search &search) {
            QJsonObject object{
                {u"type"_s, u"search"_s}, {u"query"_s, search.query}, {u"limit"_s, search.limit}};
            if (!search.conversation.isEmpty())
                object.insert(u"conversation"_s, search.conversation);
            if (search.before > 0)
                object.insert(u"before"_s, search.before);
            return object;
        },
    };
    return compact(std::visit(toObject, message));
}

QByteArray JsonCodec::encodeMember(const Member &member)
{
    return compact(toJson(member));
}

bool JsonCodec::dependsOnVersion(const ServerMessage &message)
{
    return std::holds_alternative<Welcome>(message) || std::holds_alternative<ChatMessage>(message) ||
           std::holds_alternative<History>(message) || std::holds_alternative<Ack>(message) ||
           std::holds_alternative<TypingNotice>(message) || std::holds_alternative<ChatChanged>(message) ||
           std::holds_alternative<SearchResults>(message);
}

QByteArray JsonCodec::encode(const ServerMessage &message, int version)
{
    const bool v2 = version >= 2;
    const auto toObject = Overloaded{
        [v2](const Welcome &welcome) {
            QJsonObject object{{u"type"_s, u"welcome"_s},
                               {u"protocol"_s, welcome.protocolVersion},
                               {u"room"_s, welcome.room},
                               {u"you"_s, toJson(welcome.you)},
                               {u"members"_s, toJson(welcome.members)},
                               {u"lastSeq"_s, welcome.lastSeq}};
            if (!welcome.roomId.isEmpty())
                object.insert(u"roomId"_s, welcome.roomId);
            if (welcome.limits != RoomLimits{}) {
                QJsonObject limits{{u"maxText"_s, welcome.limits.maxTextLength},
                                   {u"maxMessageBytes"_s, welcome.limits.maxMessageBytes}};
                if (v2 && welcome.limits.maxFileBytes > 0)
                    limits.insert(u"maxFileBytes"_s, welcome.limits.maxFileBytes);
                if (v2 && welcome.limits.ratePerSecond > 0) {
                    limits.insert(u"rate"_s, welcome.limits.ratePerSecond);
                    limits.insert(u"burst"_s, welcome.limits.rateBurst);
                }
                object.insert(u"limits"_s, limits);
            }
            if (welcome.withoutHello)
                object.insert(u"withoutHello"_s, true);
            if (v2) {
                QJsonArray conversations;
                for (const Conversation &conversation : welcome.conversations)
                    conversations.append(toJson(conversation));
                object.insert(u"conversations"_s, conversations);
                if (!welcome.fileKey.isEmpty())
                    object.insert(u"fileKey"_s, welcome.fileKey);
                if (welcome.state != RoomState{})
                    object.insert(u"state"_s, toJson(welcome.state));
                if (welcome.moderator)
                    object.insert(u"moderator"_s, true);
                if (welcome.moderatorByPassword)
                    object.insert(u"moderatorByPassword"_s, true);
            }
            return object;
        },
        [version](const ChatMessage &chat) { return toJson(chat, version); },
        [version, v2](const History &history) {
            QJsonArray messages;
            for (const ChatMessage &chat : history.messages)
                messages.append(toJson(chat, version));
            QJsonObject object{
                {u"type"_s, u"history"_s}, {u"messages"_s, messages}, {u"hasOlder"_s, history.hasOlder}};
            if (v2 && !history.conversation.isEmpty())
                object.insert(u"conversation"_s, history.conversation);
            return object;
        },
        [v2](const Ack &ack) {
            QJsonObject object{
                {u"type"_s, u"ack"_s}, {u"clientId"_s, ack.clientId}, {u"seq"_s, ack.seq}, {u"ts"_s, ack.ts}};
            if (v2)
                object.insert(u"conversation"_s, ack.conversation);
            return object;
        },
        [](const UserCount &users) {
            return QJsonObject{{u"type"_s, u"users"_s}, {u"count"_s, users.count}};
        },
        [](const PresenceDelta &delta) {
            QJsonObject object{{u"type"_s, u"presence"_s},
                               {u"joined"_s, toJson(delta.joined)},
                               {u"left"_s, QJsonArray::fromStringList(delta.left)},
                               {u"renamed"_s, toJson(delta.renamed)}};
            if (!delta.removed.isEmpty()) // only ever after a moderator acted: v1 frames stay as they were
                object.insert(u"removed"_s, QJsonArray::fromStringList(delta.removed));
            return object;
        },
        [v2](const TypingNotice &typing) {
            QJsonObject object{{u"type"_s, u"typing"_s}, {u"from"_s, toJson(typing.from)}};
            if (v2)
                object.insert(u"conversation"_s, typing.conversation);
            return object;
        },
        [](const ServerError &error) {
            QJsonObject object{{u"type"_s, u"error"_s},
                               {u"code"_s, errorCodeName(error.error.code)},
                               {u"message"_s, error.error.message}};
            if (!error.clientId.isEmpty())
                object.insert(u"clientId"_s, error.clientId);
            return object;
        },
        [](const ConversationUpdate &update) {
            return QJsonObject{{u"type"_s, u"conversation"_s},
                               {u"conversation"_s, toJson(update.conversation)}};
        },
        [](const ChannelUpdate &channel) {
            return QJsonObject{{u"type"_s, u"channel"_s},
                               {u"channel"_s, QJsonObject{{u"id"_s, channel.id},
                                                          {u"name"_s, channel.name},
                                                          {u"topic"_s, channel.topic},
                                                          {u"members"_s, channel.memberCount}}}};
        },
        [](const ConversationLeft &left) {
            return QJsonObject{{u"type"_s, u"conversation_left"_s}, {u"id"_s, left.id}};
        },
        [version](const ChatChanged &changed) {
            QJsonObject object = toJson(changed.chat, version);
            object.insert(u"type"_s, u"changed"_s);
            return object;
        },
        [version](const SearchResults &results) {
            QJsonArray messages;
            for (const ChatMessage &chat : results.messages)
                messages.append(toJson(chat, version));
            return QJsonObject{{u"type"_s, u"search_results"_s},
                               {u"query"_s, results.query},
                               {u"messages"_s, messages},
                               {u"hasMore"_s, results.hasMore}};
        },
        [](const RoomState &state) {
            QJsonObject object = toJson(state);
            object.insert(u"type"_s, u"room_state"_s);
            return object;
        },
        [](const ModeratorGranted &) {
            return QJsonObject{{u"type"_s, u"moderator"_s}};
        },
        [](const Sanction &sanction) {
            QJsonObject object{{u"type"_s, u"sanction"_s},
                               {u"action"_s, actionName(sanction.action)},
                               {u"reason"_s, sanction.reason},
                               {u"by"_s, toJson(sanction.by)}};
            if (sanction.until > 0)
                object.insert(u"until"_s, sanction.until);
            return object;
        },
        [](const AuditLog &log) {
            QJsonArray entries;
            for (const AuditEntry &entry : log.entries) {
                QJsonObject object{{u"id"_s, entry.id},
                                   {u"ts"_s, entry.ts},
                                   {u"moderator"_s, toJson(entry.moderator)},
                                   {u"action"_s, entry.action},
                                   {u"detail"_s, entry.detail}};
                if (!entry.target.id.isEmpty())
                    object.insert(u"target"_s, toJson(entry.target));
                entries.append(object);
            }
            return QJsonObject{
                {u"type"_s, u"audit_log"_s}, {u"entries"_s, entries}, {u"hasMore"_s, log.hasMore}};
        },
        [](const UploadReady &ready) {
            return QJsonObject{{u"type"_s, u"upload_ready"_s},
                               {u"clientId"_s, ready.clientId},
                               {u"uploadId"_s, ready.uploadId},
                               {u"url"_s, ready.url},
                               {u"offset"_s, ready.offset}};
        },
    };
    return compact(std::visit(toObject, message));
}

Decoded<ClientMessage> JsonCodec::decodeClientMessage(const QByteArray &frame, const Limits &limits)
{
    auto envelope = parseEnvelope(frame);
    if (auto *error = std::get_if<ProtocolError>(&envelope))
        return *error;
    auto &[object, type] = std::get<0>(envelope);
    FieldReader reader(object);

    if (type == u"hello") {
        Hello hello;
        hello.name = reader.string(u"name"_s);
        hello.token = reader.optionalString(u"token"_s, limits.maxTokenLength);
        if (!hello.token.isEmpty() && hello.token.size() < limits.minTokenLength)
            return ProtocolError{ErrorCode::BadField,
                                 u"field \"token\" must have %1 to %2 characters"_s.arg(limits.minTokenLength)
                                     .arg(limits.maxTokenLength)};
        hello.since = reader.optionalInteger(u"since"_s);
        hello.password = reader.optionalString(u"password"_s, limits.maxPasswordLength);
        hello.roomId = reader.optionalString(u"roomId"_s, 64);
        if (reader.has(u"protocol"_s))
            hello.protocol = int(reader.integer(u"protocol"_s, 1, 1000)); // newer: spoken down to ours
        return finish<ClientMessage>(reader, std::move(hello));
    }
    if (type == u"chat") {
        SendChat chat;
        chat.text = reader.string(u"text"_s);
        chat.clientId = reader.optionalString(u"clientId"_s, limits.maxClientIdLength);
        chat.conversation = reader.conversationId();
        chat.mentions = reader.optionalStrings(u"mentions"_s, limits.maxMentions);
        if (reader.has(u"replyTo"_s))
            chat.replyTo = reader.integer(u"replyTo"_s, 1);
        return finish<ClientMessage>(reader, std::move(chat));
    }
    if (type == u"typing")
        return finish<ClientMessage>(reader, StartTyping{reader.conversationId()});
    if (type == u"history") {
        HistoryRequest request;
        if (reader.has(u"before"_s)) // v2: without it, the newest
            request.before = reader.integer(u"before"_s, 1);
        request.limit = int(reader.integer(u"limit"_s, 1, limits.maxHistoryPage));
        request.conversation = reader.conversationId();
        return finish<ClientMessage>(reader, std::move(request));
    }
    if (type == u"open_direct") {
        OpenDirect open{reader.string(u"member"_s, 64)};
        return finish<ClientMessage>(reader, std::move(open));
    }
    if (type == u"read") {
        MarkRead read;
        read.conversation = reader.conversationId();
        read.seq = reader.integer(u"seq"_s);
        return finish<ClientMessage>(reader, std::move(read));
    }
    if (type == u"create_channel") {
        CreateChannel create;
        create.name = reader.string(u"name"_s, 256); // the name rules proper are the room's
        create.topic = reader.optionalString(u"topic"_s, limits.maxTopicLength);
        create.clientId = reader.optionalString(u"clientId"_s, limits.maxClientIdLength);
        return finish<ClientMessage>(reader, std::move(create));
    }
    if (type == u"join_channel" || type == u"leave_channel") {
        const QString conversation = reader.string(u"conversation"_s, limits.maxConversationIdLength);
        if (type == u"join_channel")
            return finish<ClientMessage>(reader, JoinChannel{conversation});
        return finish<ClientMessage>(reader, LeaveChannel{conversation});
    }
    if (type == u"upload") {
        Upload upload;
        upload.conversation = reader.conversationId();
        upload.name = reader.string(u"name"_s, 1024); // the name rules proper are the room's
        upload.size = reader.integer(u"size"_s, 1);
        upload.sha256 = reader.string(u"sha256"_s, 64);
        upload.clientId = reader.string(u"clientId"_s, limits.maxClientIdLength);
        upload.text = reader.optionalString(u"text"_s);
        upload.mentions = reader.optionalStrings(u"mentions"_s, limits.maxMentions);
        static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
        if (reader.ok() && !hex.match(upload.sha256).hasMatch())
            return ProtocolError{ErrorCode::BadField, u"field \"sha256\" must be 64 lowercase hex digits"_s};
        return finish<ClientMessage>(reader, std::move(upload));
    }
    if (type == u"cancel_upload")
        return finish<ClientMessage>(reader, CancelUpload{reader.string(u"uploadId"_s, 64)});
    if (type == u"edit") {
        EditChat edit;
        edit.conversation = reader.conversationId();
        edit.seq = reader.integer(u"seq"_s, 1);
        edit.text = reader.string(u"text"_s);
        edit.mentions = reader.optionalStrings(u"mentions"_s, limits.maxMentions);
        return finish<ClientMessage>(reader, std::move(edit));
    }
    if (type == u"delete") {
        DeleteChat deletion;
        deletion.conversation = reader.conversationId();
        deletion.seq = reader.integer(u"seq"_s, 1);
        return finish<ClientMessage>(reader, std::move(deletion));
    }
    if (type == u"become_moderator")
        return finish<ClientMessage>(reader,
                                     BecomeModerator{reader.string(u"password"_s, limits.maxPasswordLength)});
    if (type == u"moderate") {
        Moderate moderate;
        const QString action = reader.string(u"action"_s, 32);
        const auto known = actionFromName(action);
        if (reader.ok() && !known)
            return ProtocolError{
                ErrorCode::BadField,
                u"field \"action\" must be kick, ban, unban, mute, unmute, slow_mode, lock or unlock"_s};
        moderate.action = known.value_or(Moderate::Action::Kick);
        const bool onMember = moderate.action != Moderate::Action::SlowMode &&
                              moderate.action != Moderate::Action::Lock &&
                              moderate.action != Moderate::Action::Unlock;
        if (onMember)
            moderate.member = reader.string(u"member"_s, 64);
        if (reader.has(u"minutes"_s))
            moderate.minutes = reader.integer(u"minutes"_s, 0, 100 * 366 * 24 * 60);
        if (moderate.action == Moderate::Action::SlowMode)
            moderate.seconds = int(reader.integer(u"seconds"_s, 0, 3600));
        moderate.reason = reader.optionalString(u"reason"_s, limits.maxReasonLength);
        return finish<ClientMessage>(reader, std::move(moderate));
    }
    if (type == u"audit_log") {
        AuditLogRequest request;
        if (reader.has(u"before"_s))
            request.before = reader.integer(u"before"_s, 1);
        return finish<ClientMessage>(reader, std::move(request));
    }
    if (type == u"search") {
        Search search;
        search.query = reader.string(u"query"_s, limits.maxSearchLength);
        if (reader.has(u"conversation"_s))
            search.conversation = reader.conversationId();
        if (reader.has(u"before"_s))
            search.before = reader.integer(u"before"_s, 1);
        if (reader.has(u"limit"_s))
            search.limit = int(reader.integer(u"limit"_s, 1, limits.maxSearchPage));
        return finish<ClientMessage>(reader, std::move(search));
    }
    return unknownType(type);
}

Decoded<ServerMessage> JsonCodec::decodeServerMessage(const QByteArray &frame)
{
    auto envelope = parseEnvelope(frame);
    if (auto *error = std::get_if<ProtocolError>(&envelope))
        return *error;
    auto &[object, type] = std::get<0>(envelope);
    FieldReader reader(object);

    if (type == u"welcome") {
        Welcome welcome;
        welcome.protocolVersion = int(reader.integer(u"protocol"_s, 1, std::numeric_limits<int>::max()));
        welcome.room = reader.string(u"room"_s);
        welcome.you = reader.member(u"you"_s);
        welcome.members = reader.members(u"members"_s);
        welcome.lastSeq = reader.integer(u"lastSeq"_s);
        welcome.roomId = reader.optionalString(u"roomId"_s, 64);
        if (const auto limits = reader.optionalObject(u"limits"_s)) {
            FieldReader limitReader(*limits, u"limits"_s);
            welcome.limits.maxTextLength = limitReader.integer(u"maxText"_s, 1);
            welcome.limits.maxMessageBytes = limitReader.integer(u"maxMessageBytes"_s, 1);
            if (limitReader.has(u"maxFileBytes"_s))
                welcome.limits.maxFileBytes = limitReader.integer(u"maxFileBytes"_s, 1);
            // Only advice for pacing: one the client cannot use leaves it at the defaults.
            const double rate = limits->value(u"rate"_s).toDouble();
            const double burst = limits->value(u"burst"_s).toDouble();
            if (rate >= 0.01 && rate <= 1e6 && burst >= 1 && burst <= 1e6) {
                welcome.limits.ratePerSecond = rate;
                welcome.limits.rateBurst = burst;
            }
            if (!limitReader.ok())
                return limitReader.error();
        }
        if (reader.has(u"conversations"_s))
            welcome.conversations = reader.conversations(u"conversations"_s);
        welcome.fileKey = reader.optionalString(u"fileKey"_s, 128);
        if (const auto state = reader.optionalObject(u"state"_s)) {
            FieldReader stateReader(*state, u"state"_s);
            welcome.state = {stateReader.boolean(u"locked"_s),
                             int(stateReader.integer(u"slowMode"_s, 0, 3600))};
            if (!stateReader.ok())
                return stateReader.error();
        }
        welcome.moderator = reader.has(u"moderator"_s) && reader.boolean(u"moderator"_s);
        welcome.moderatorByPassword =
            reader.has(u"moderatorByPassword"_s) && reader.boolean(u"moderatorByPassword"_s);
        welcome.withoutHello = reader.has(u"withoutHello"_s) && reader.boolean(u"withoutHello"_s);
        return finish<ServerMessage>(reader, std::move(welcome));
    }
    if (type == u"chat")
        return finish<ServerMessage>(reader, reader.chat());
    if (type == u"changed")
        return finish<ServerMessage>(reader, ChatChanged{reader.chat()});
    if (type == u"room_state") {
        RoomState state{reader.boolean(u"locked"_s), int(reader.integer(u"slowMode"_s, 0, 3600))};
        return finish<ServerMessage>(reader, std::move(state));
    }
    if (type == u"moderator")
        return finish<ServerMessage>(reader, ModeratorGranted{});
    if (type == u"sanction") {
        Sanction sanction;
        const auto action = actionFromName(reader.string(u"action"_s, 32));
        if (reader.ok() && !action)
            return ProtocolError{ErrorCode::BadField, u"field \"action\" is not a moderator's action"_s};
        sanction.action = action.value_or(Moderate::Action::Kick);
        if (reader.has(u"until"_s))
            sanction.until = reader.integer(u"until"_s);
        sanction.reason = reader.string(u"reason"_s);
        sanction.by = reader.member(u"by"_s);
        return finish<ServerMessage>(reader, std::move(sanction));
    }
    if (type == u"audit_log") {
        AuditLog log;
        log.entries = reader.objects(u"entries"_s, [](FieldReader &entry) {
            AuditEntry result;
            result.id = entry.integer(u"id"_s, 1);
            result.ts = entry.integer(u"ts"_s);
            result.moderator = entry.member(u"moderator"_s);
            result.action = entry.string(u"action"_s, 32);
            if (entry.has(u"target"_s))
                result.target = entry.member(u"target"_s);
            result.detail = entry.string(u"detail"_s);
            return result;
        });
        log.hasMore = reader.boolean(u"hasMore"_s);
        return finish<ServerMessage>(reader, std::move(log));
    }
    if (type == u"search_results") {
        SearchResults results;
        results.query = reader.string(u"query"_s);
        results.messages = reader.chats(u"messages"_s);
        results.hasMore = reader.boolean(u"hasMore"_s);
        return finish<ServerMessage>(reader, std::move(results));
    }
    if (type == u"history") {
        History history;
        history.messages = reader.chats(u"messages"_s);
        history.hasOlder = reader.boolean(u"hasOlder"_s);
        history.conversation = reader.optionalString(u"conversation"_s, Limits{}.maxConversationIdLength);
        return finish<ServerMessage>(reader, std::move(history));
    }
    if (type == u"ack") {
        Ack ack;
        ack.clientId = reader.string(u"clientId"_s);
        ack.seq = reader.integer(u"seq"_s, 1);
        ack.ts = reader.integer(u"ts"_s);
        ack.conversation = reader.conversationId();
        return finish<ServerMessage>(reader, std::move(ack));
    }
    if (type == u"users")
        return finish<ServerMessage>(
            reader, UserCount{int(reader.integer(u"count"_s, 0, std::numeric_limits<int>::max()))});
    if (type == u"presence") {
        PresenceDelta delta;
        delta.joined = reader.members(u"joined"_s);
        delta.left = reader.strings(u"left"_s);
        delta.renamed = reader.members(u"renamed"_s);
        if (reader.has(u"removed"_s))
            delta.removed = reader.strings(u"removed"_s);
        return finish<ServerMessage>(reader, std::move(delta));
    }
    if (type == u"typing") {
        TypingNotice typing{reader.member(u"from"_s)};
        typing.conversation = reader.conversationId();
        return finish<ServerMessage>(reader, std::move(typing));
    }
    if (type == u"channel") {
        const auto object = reader.optionalObject(u"channel"_s);
        if (!object)
            return ProtocolError{ErrorCode::BadField, u"field \"channel\" must be an object"_s};
        FieldReader channelReader(*object, u"channel"_s);
        ChannelUpdate channel{channelReader.string(u"id"_s, Limits{}.maxConversationIdLength),
                              channelReader.string(u"name"_s), channelReader.string(u"topic"_s),
                              int(channelReader.integer(u"members"_s, 0, std::numeric_limits<int>::max()))};
        if (!channelReader.ok())
            return channelReader.error();
        return finish<ServerMessage>(reader, std::move(channel));
    }
    if (type == u"conversation_left")
        return finish<ServerMessage>(
            reader, ConversationLeft{reader.string(u"id"_s, Limits{}.maxConversationIdLength)});
    if (type == u"conversation") {
        const auto object = reader.optionalObject(u"conversation"_s);
        if (!object)
            return ProtocolError{ErrorCode::BadField, u"field \"conversation\" must be an object"_s};
        FieldReader conversationReader(*object, u"conversation"_s);
        ConversationUpdate update{conversationReader.conversation()};
        if (!conversationReader.ok())
            return conversationReader.error();
        return finish<ServerMessage>(reader, std::move(update));
    }
    if (type == u"upload_ready") {
        UploadReady ready;
        ready.clientId = reader.string(u"clientId"_s);
        ready.uploadId = reader.string(u"uploadId"_s, 64);
        ready.url = reader.string(u"url"_s, 256);
        ready.offset = reader.integer(u"offset"_s);
        return finish<ServerMessage>(reader, std::move(ready));
    }
    if (type == u"error") {
        ServerError error;
        error.error.code = errorCodeFromName(reader.string(u"code"_s));
        error.error.message = reader.string(u"message"_s);
        error.clientId = reader.optionalString(u"clientId"_s);
        return finish<ServerMessage>(reader, std::move(error));
    }
    return unknownType(type);
}

QString JsonCodec::typeOf(const QByteArray &frame)
{
    return QJsonDocument::fromJson(frame).object().value(u"type"_s).toString();
}

QString JsonCodec::clientIdOf(const QByteArray &frame, qsizetype maxLength)
{
    const QJsonObject object = QJsonDocument::fromJson(frame).object();
    const QJsonValue type = object.value(u"type"_s);
    if (type != u"chat"_s && type != u"create_channel"_s && type != u"upload"_s)
        return {};
    return object.value(u"clientId"_s).toString().left(maxLength);
}

} // namespace Protocol
