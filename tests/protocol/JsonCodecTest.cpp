#include "JsonCodec.h"

#include <QRandomGenerator>

#include <gtest/gtest.h>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

const Member Alice{u"a1"_s, u"Alice"_s};
const Member Bob{u"b2"_s, u"Bob Ünïcode 🙂"_s};

template<typename T>
T decodedOrFail(const Decoded<T> &decoded)
{
    if (const auto *error = std::get_if<ProtocolError>(&decoded)) {
        ADD_FAILURE() << "decoding failed: " << error->message.toStdString();
        return {};
    }
    return std::get<T>(decoded);
}

ErrorCode clientErrorCode(const QByteArray &frame, const Limits &limits = {})
{
    const auto decoded = JsonCodec::decodeClientMessage(frame, limits);
    const auto *error = std::get_if<ProtocolError>(&decoded);
    if (!error) {
        ADD_FAILURE() << "accepted: " << frame.toStdString();
        return ErrorCode::Unknown;
    }
    EXPECT_FALSE(error->message.isEmpty());
    return error->code;
}

} // namespace

TEST(JsonCodec, ClientMessagesRoundTrip)
{
    const QList<ClientMessage> messages{
        Hello{u"Alice"_s, {}, {}},
        Hello{u"Alice"_s, u"0123456789abcdef0123"_s, 17},
        Hello{u"Alice"_s, u"0123456789abcdef0123"_s, 17, {}, u"3f2a9c01d4e5b6a7"_s},
        HistoryRequest{40, 25},
        SendChat{u"hi\nthere \"quoted\" 🙂"_s, u"c-123"_s},
        SendChat{u"no client id"_s, {}},
        StartTyping{},
    };
    for (const ClientMessage &message : messages)
        EXPECT_EQ(decodedOrFail(JsonCodec::decodeClientMessage(JsonCodec::encode(message))), message);
}

TEST(JsonCodec, ServerMessagesRoundTrip)
{
    const QList<ServerMessage> messages{
        Welcome{Version, u"Lobby"_s, Alice, {Alice, Bob}, 41},
        Welcome{Version, u"Lobby"_s, Alice, {Alice}, 41, u"3f2a9c01d4e5b6a7"_s, RoomLimits{4000, 65536}},
        [] {
            Welcome guest{Version, u"Lobby"_s, Alice, {Alice}, 41};
            guest.withoutHello = true;
            return guest;
        }(),
        ChatMessage{17, 1764150000000, Bob, u"hi"_s},
        Ack{u"c-123"_s, 17, 1764150000000},
        UserCount{3},
        PresenceDelta{{Alice}, {u"x9"_s}, {Bob}},
        PresenceDelta{{}, {u"x9"_s, u"y8"_s}, {}, {u"y8"_s}},
        PresenceDelta{},
        TypingNotice{Alice},
        ServerError{{ErrorCode::TooLong, u"text is longer than 4000 characters"_s}, u"c-9"_s},
        ServerError{{ErrorCode::BadJson, u"not valid JSON"_s}, {}},
    };
    for (const ServerMessage &message : messages)
        EXPECT_EQ(decodedOrFail(JsonCodec::decodeServerMessage(JsonCodec::encode(message))), message);
}

TEST(JsonCodec, EncodesTheDocumentedShapes)
{
    EXPECT_EQ(JsonCodec::encode(ServerMessage{UserCount{3}}), R"({"count":3,"type":"users"})");
    EXPECT_EQ(JsonCodec::encode(ServerMessage{Ack{u"c-1"_s, 17, 1764150000000}}),
              R"({"clientId":"c-1","seq":17,"ts":1764150000000,"type":"ack"})");
    EXPECT_EQ(JsonCodec::encode(ServerMessage{ChatMessage{17, 1764150000000, Alice, u"hi"_s}}),
              R"({"from":{"id":"a1","name":"Alice"},"seq":17,"text":"hi","ts":1764150000000,"type":"chat"})");
}

TEST(JsonCodec, IgnoresUnknownFieldsAndServerOnlyFields)
{
    // A client cannot set from/seq/ts: they are not part of its chat, so they are ignored.
    const auto decoded = JsonCodec::decodeClientMessage(
        R"({"type":"chat","text":"hi","clientId":"c1","from":{"id":"x","name":"Mallory"},"seq":99,"extra":[1]})");
    EXPECT_EQ(decodedOrFail(decoded), (ClientMessage{SendChat{u"hi"_s, u"c1"_s}}));
}

TEST(JsonCodec, RefusesMalformedClientFrames)
{
    const std::vector<std::pair<QByteArray, ErrorCode>> cases{
        {"", ErrorCode::BadJson},
        {"not json", ErrorCode::BadJson},
        {"{\"type\":\"chat\",", ErrorCode::BadJson},
        {"[1,2,3]", ErrorCode::BadJson},
        {"\"chat\"", ErrorCode::BadJson},
        {"42", ErrorCode::BadJson},
        {"null", ErrorCode::BadJson},
        {"{\"type\":\"chat\",\"text\":\"\xff\xfe\"}", ErrorCode::BadJson},
        {"{}", ErrorCode::UnknownType},
        {R"({"type":42})", ErrorCode::UnknownType},
        {R"({"type":"launch"})", ErrorCode::UnknownType},
        {R"({"type":"chat"})", ErrorCode::BadField},
        {R"({"type":"chat","text":5})", ErrorCode::BadField},
        {R"({"type":"chat","text":null})", ErrorCode::BadField},
        {R"({"type":"chat","text":"hi","clientId":7})", ErrorCode::BadField},
        {R"({"type":"hello"})", ErrorCode::BadField},
        {R"({"type":"hello","name":["Alice"]})", ErrorCode::BadField},
    };
    for (const auto &[frame, code] : cases)
        EXPECT_EQ(clientErrorCode(frame), code) << frame.toStdString();

    const QByteArray longId = R"({"type":"chat","text":"hi","clientId":")" + QByteArray(65, 'x') + "\"}";
    EXPECT_EQ(clientErrorCode(longId), ErrorCode::BadField);
    const QByteArray maxId = R"({"type":"chat","text":"hi","clientId":")" + QByteArray(64, 'x') + "\"}";
    EXPECT_TRUE(std::holds_alternative<ClientMessage>(JsonCodec::decodeClientMessage(maxId)));
}

TEST(JsonCodec, NamesTheOffendingField)
{
    const auto decoded = JsonCodec::decodeServerMessage(R"({"type":"welcome","protocol":1,"room":"r",
        "you":{"id":"a","name":"A"},"members":[{"id":"a","name":"A"},{"id":"b"}],"lastSeq":0})");
    const auto *error = std::get_if<ProtocolError>(&decoded);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->code, ErrorCode::BadField);
    EXPECT_TRUE(error->message.contains(u"members[1].name"_s)) << error->message.toStdString();
}

TEST(JsonCodec, RefusesMalformedServerFrames)
{
    const QList<QByteArray> frames{
        R"({"type":"chat","seq":1.5,"ts":0,"from":{"id":"a","name":"A"},"text":"x"})",
        R"({"type":"chat","seq":0,"ts":0,"from":{"id":"a","name":"A"},"text":"x"})",
        R"({"type":"chat","seq":1,"ts":-1,"from":{"id":"a","name":"A"},"text":"x"})",
        R"({"type":"chat","seq":1e300,"ts":0,"from":{"id":"a","name":"A"},"text":"x"})",
        R"({"type":"users","count":"3"})",
        R"({"type":"presence","joined":[],"left":[1],"renamed":[]})",
        R"({"type":"typing","from":"Alice"})",
        R"({"type":"ack","seq":1,"ts":1})",
        R"({"type":"history"})",
    };
    for (const QByteArray &frame : frames) {
        const auto decoded = JsonCodec::decodeServerMessage(frame);
        EXPECT_TRUE(std::holds_alternative<ProtocolError>(decoded)) << frame.toStdString();
    }
}

TEST(JsonCodec, ARateTheClientCannotUseLeavesItsOwnDefaults)
{
    // The rate is advice for pacing, not a reason to stay out of the room.
    for (const QByteArray limits : {R"("rate":"fast","burst":4)", R"("rate":0,"burst":4)", R"("rate":20)",
                                    R"("rate":20,"burst":0.5)", R"("rate":1e9,"burst":4)"}) {
        const auto decoded = JsonCodec::decodeServerMessage(
            R"({"type":"welcome","protocol":2,"room":"L","you":{"id":"a","name":"A"},"members":[],)"
            R"("lastSeq":0,"limits":{"maxText":10,"maxMessageBytes":100,)" +
            limits + "}}");
        const auto message = decodedOrFail(decoded);
        ASSERT_TRUE(std::holds_alternative<Welcome>(message)) << limits.toStdString();
        const RoomLimits &said = std::get<Welcome>(message).limits;
        EXPECT_EQ(said.maxTextLength, 10);
        EXPECT_EQ(said.ratePerSecond, 0) << limits.toStdString();
        EXPECT_EQ(said.rateBurst, 0) << limits.toStdString();
    }
}

TEST(JsonCodec, UnknownErrorCodesFromNewerServersStayReadable)
{
    const auto decoded = JsonCodec::decodeServerMessage(R"({"type":"error","code":"quota","message":"m"})");
    const auto message = decodedOrFail(decoded);
    ASSERT_TRUE(std::holds_alternative<ServerError>(message));
    EXPECT_EQ(std::get<ServerError>(message).error.code, ErrorCode::Unknown);
}

TEST(JsonCodec, SurvivesDeepNesting)
{
    const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
    EXPECT_EQ(clientErrorCode(deep), ErrorCode::BadJson);
    const QByteArray deepField = R"({"type":"chat","text":)" + QByteArray(5000, '{') + "}";
    EXPECT_EQ(clientErrorCode(deepField), ErrorCode::BadJson);
}

// Bounded random and mutated inputs: every one must decode to a value or an error, never crash.
TEST(JsonCodec, SurvivesArbitraryBytes)
{
    QRandomGenerator random(20261126);
    const QList<QByteArray> seeds{
        JsonCodec::encode(ClientMessage{SendChat{u"hello"_s, u"c1"_s}}),
        JsonCodec::encode(ServerMessage{Welcome{Version, u"Lobby"_s, Alice, {Alice, Bob}, 3}}),
        JsonCodec::encode(ServerMessage{PresenceDelta{{Alice}, {u"x"_s}, {Bob}}}),
    };
    for (int i = 0; i < 20000; ++i) {
        QByteArray frame = seeds.at(i % seeds.size());
        const int edits = 1 + int(random.bounded(8));
        for (int e = 0; e < edits && !frame.isEmpty(); ++e) {
            const auto at = qsizetype(random.bounded(int(frame.size())));
            switch (random.bounded(3)) {
            case 0:
                frame[at] = char(random.bounded(256));
                break;
            case 1:
                frame.remove(at, 1 + random.bounded(4));
                break;
            default:
                frame.insert(at, char(random.bounded(256)));
                break;
            }
        }
        const auto fromClient = JsonCodec::decodeClientMessage(frame);
        if (const auto *error = std::get_if<ProtocolError>(&fromClient)) {
            ASSERT_FALSE(error->message.isEmpty()) << frame.toStdString();
        }
        const auto fromServer = JsonCodec::decodeServerMessage(frame);
        if (const auto *error = std::get_if<ProtocolError>(&fromServer)) {
            ASSERT_FALSE(error->message.isEmpty()) << frame.toStdString();
        }
    }
}

TEST(JsonCodec, Version2MessagesRoundTrip)
{
    const QList<ClientMessage> clientMessages{
        Hello{u"Alice"_s, u"0123456789abcdef0123"_s, 17, {}, {}, 2},
        SendChat{u"hi @Bob"_s, u"c-1"_s, u"d:a1:b2"_s, {u"b2"_s}},
        SendChat{u"agreed"_s, u"c-2"_s, u"general"_s, {}, 17},
        StartTyping{u"c-homework01"_s},
        HistoryRequest{0, 50, u"c-homework01"_s},
        HistoryRequest{40, 25, u"d:a1:b2"_s},
        OpenDirect{u"b2"_s},
        MarkRead{u"general"_s, 17},
        CreateChannel{u"homework"_s, u"Due Friday"_s, u"n-1"_s},
        JoinChannel{u"c-homework01"_s},
        LeaveChannel{u"c-homework01"_s},
        Upload{u"d:a1:b2"_s, u"photo.png"_s, 48213, QString(64, u'a'), u"u-1"_s, u"look @Bob"_s, {u"b2"_s}},
        Upload{u"general"_s, u"a.bin"_s, 1, QString(64, u'0'), u"u-2"_s},
        CancelUpload{u"Zx9_-abc"_s},
        EditChat{u"general"_s, 17, u"fixed @Bob"_s, {u"b2"_s}},
        DeleteChat{u"d:a1:b2"_s, 18},
        Search{u"tieng viet"_s},
        Search{u"notes"_s, u"c-homework01"_s, 40, 10},
        BecomeModerator{u"mod pass"_s},
        Moderate{Moderate::Action::Ban, u"b2"_s, 1440, 0, u"spam"_s},
        Moderate{Moderate::Action::Unmute, u"b2"_s},
        Moderate{Moderate::Action::SlowMode, {}, 0, 30},
        Moderate{Moderate::Action::Lock},
        AuditLogRequest{},
        AuditLogRequest{17},
    };
    for (const ClientMessage &message : clientMessages)
        EXPECT_EQ(decodedOrFail(JsonCodec::decodeClientMessage(JsonCodec::encode(message))), message);

    Conversation channel{u"c-homework01"_s, Conversation::Kind::Channel, u"homework"_s, u"Due Friday"_s, 14};
    channel.lastSeq = 812;
    channel.readSeq = 790;
    channel.unread = 3;
    channel.mentions = 1;
    Conversation direct{u"d:a1:b2"_s, Conversation::Kind::Direct};
    direct.with = Bob;
    Welcome welcome{2,
                    u"Lobby"_s,
                    Alice,
                    {Alice, Bob},
                    812,
                    u"3f2a9c01d4e5b6a7"_s,
                    RoomLimits{4000, 65536, 1000, 2.5, 40}};
    welcome.conversations = {channel, direct};
    welcome.fileKey = u"a1.c2VjcmV0"_s;
    welcome.state = RoomState{true, 10};
    welcome.moderator = true;
    welcome.moderatorByPassword = true;
    ChatMessage withImage{18, 1764150000000, Bob, u""_s, u"general"_s};
    withImage.file = FileInfo{QString(64, u'f'), u"shot.png"_s, 48213, u"image/png"_s, 800, 600};
    ChatMessage withFile{19, 1764150000000, Bob, u"the notes"_s, u"general"_s};
    withFile.file = FileInfo{QString(64, u'e'), u"notes.pdf"_s, 9, u"application/pdf"_s};
    ChatMessage reply{20, 1764150000000, Alice, u"agreed"_s, u"general"_s};
    reply.reply = ReplyQuote{19, Bob, u"the notes"_s, false, true};
    ChatMessage replyToDeleted = reply;
    replyToDeleted.reply = ReplyQuote{19, Bob, {}, true};
    ChatMessage replyToGone = reply;
    replyToGone.reply = ReplyQuote{3, {}, {}, true};
    ChatMessage edited{17, 1764150000000, Bob, u"fixed"_s, u"general"_s};
    edited.revision = 30;
    edited.editedTs = 1764150009000;
    ChatMessage deleted{18, 1764150000000, Bob, u""_s, u"general"_s};
    deleted.revision = 31;
    deleted.deleted = ChatMessage::Deletion::ByModerator;
    const QList<ServerMessage> serverMessages{
        welcome,
        ChatChanged{edited},
        ChatChanged{deleted},
        History{{edited, deleted}, false, {}},
        SearchResults{u"fixed"_s, {edited}, true},
        SearchResults{u"nothing"_s, {}, false},
        RoomState{true, 30},
        ModeratorGranted{},
        Sanction{Moderate::Action::Mute, 1764150600000, u"calm down"_s, Alice},
        Sanction{Moderate::Action::Kick, 0, u""_s, Alice},
        AuditLog{{AuditEntry{3, 1764150000000, Alice, u"ban"_s, Bob, u"1440 min · spam"_s},
                  AuditEntry{2, 1764150000000, Alice, u"lock"_s}},
                 true},
        ChatMessage{17, 1764150000000, Bob, u"hi @Alice"_s, u"d:a1:b2"_s, {u"a1"_s}},
        History{{ChatMessage{17, 1, Bob, u"x"_s, u"c-homework01"_s}}, true, u"c-homework01"_s},
        Ack{u"c-123"_s, 17, 1764150000000, u"d:a1:b2"_s},
        TypingNotice{Alice, u"c-homework01"_s},
        ConversationUpdate{channel},
        ConversationUpdate{direct},
        ChannelUpdate{u"c-homework01"_s, u"homework"_s, u""_s, 15},
        ConversationLeft{u"c-homework01"_s},
        ServerError{{ErrorCode::Forbidden, u"you are not in conversation \"x\""_s}, {}},
        ServerError{{ErrorCode::ChannelExists, u"taken"_s}, u"n-1"_s},
        withImage,
        withFile,
        History{{withImage, withFile}, false, u"general"_s},
        reply,
        replyToDeleted,
        replyToGone,
        UploadReady{u"u-1"_s, u"Zx9_-abc"_s, u"/files/upload/Zx9_-abc"_s, 4096},
        ServerError{{ErrorCode::FileTooLarge, u"too large"_s}, u"u-1"_s},
        ServerError{{ErrorCode::StorageFull, u"full"_s}, u"u-1"_s},
        ServerError{{ErrorCode::BadFile, u"bad"_s}, u"u-1"_s},
    };
    for (const ServerMessage &message : serverMessages)
        EXPECT_EQ(decodedOrFail(JsonCodec::decodeServerMessage(JsonCodec::encode(message, 2))), message);
    // A v1 member reads a reply as a chat like any other.
    EXPECT_FALSE(JsonCodec::encode(ServerMessage{reply}, 1).contains("reply"));
}

// A file's id names files on disk on the client: anything but a SHA-256 is refused.
TEST(JsonCodec, AFilesIdIsAHashAndNothingElse)
{
    const QByteArray chat = R"({"type":"chat","seq":1,"ts":1,"from":{"id":"a","name":"A"},"text":"","file":)"
                            R"({"name":"x","size":1,"type":"text/plain","id":")";
    for (const QByteArray &id :
         {QByteArray("../../.config/autostart"), QByteArray(64, 'A'), QByteArray(63, 'a')}) {
        const auto decoded = JsonCodec::decodeServerMessage(chat + id + "\"}}");
        ASSERT_TRUE(std::holds_alternative<ProtocolError>(decoded)) << id.toStdString();
        EXPECT_EQ(std::get<ProtocolError>(decoded).code, ErrorCode::BadField);
    }
    EXPECT_TRUE(std::holds_alternative<ServerMessage>(
        JsonCodec::decodeServerMessage(chat + QByteArray(64, 'a') + "\"}}")));
}

TEST(JsonCodec, AVersion1PeerGetsVersion1Frames)
{
    const ChatMessage chat{17, 1764150000000, Alice, u"hi"_s, u"general"_s, {u"b2"_s}};
    EXPECT_EQ(JsonCodec::encode(ServerMessage{chat}, 1),
              R"({"from":{"id":"a1","name":"Alice"},"seq":17,"text":"hi","ts":1764150000000,"type":"chat"})");
    EXPECT_EQ(JsonCodec::encode(ServerMessage{chat}, 2),
              R"({"conversation":"general","from":{"id":"a1","name":"Alice"},"mentions":["b2"],"seq":17,)"
              R"("text":"hi","ts":1764150000000,"type":"chat"})");
    EXPECT_TRUE(JsonCodec::dependsOnVersion(ServerMessage{chat}));
    ChatMessage withFile{18, 1764150000000, Alice, u""_s};
    withFile.file = FileInfo{QString(64, u'f'), u"shot.png"_s, 4, u"image/png"_s, 8, 6};
    EXPECT_EQ(
        JsonCodec::encode(ServerMessage{withFile}, 1),
        R"({"from":{"id":"a1","name":"Alice"},"seq":18,"text":"📎 shot.png","ts":1764150000000,"type":"chat"})");
    EXPECT_FALSE(JsonCodec::dependsOnVersion(ServerMessage{UserCount{3}}));
    const Welcome welcome{1, u"Lobby"_s, Alice, {Alice}, 0, {}, RoomLimits{4000, 65536, 0, 20, 40}};
    EXPECT_EQ(
        JsonCodec::encode(ServerMessage{welcome}, 1),
        R"({"lastSeq":0,"limits":{"maxMessageBytes":65536,"maxText":4000},"members":[{"id":"a1","name":"Alice"}],)"
        R"("protocol":1,"room":"Lobby","type":"welcome","you":{"id":"a1","name":"Alice"}})");
    // A v1 client's frames mean #general.
    const auto sent = decodedOrFail(JsonCodec::decodeClientMessage(R"({"type":"chat","text":"hi"})"));
    EXPECT_EQ(std::get<SendChat>(sent).conversation, u"general"_s);
}

TEST(JsonCodec, RefusesMalformedVersion2Frames)
{
    EXPECT_EQ(clientErrorCode(R"({"type":"hello","name":"A","protocol":0})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"hello","name":"A","protocol":1.5})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"hello","name":"A","protocol":"2"})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"chat","text":"x","conversation":""})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"chat","text":"x","conversation":7})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"chat","text":"x","mentions":"b2"})"), ErrorCode::BadField);
    QByteArray many = R"({"type":"chat","text":"x","mentions":[)";
    for (int i = 0; i < 51; ++i)
        many += (i ? ",\"m" : "\"m") + QByteArray::number(i) + '"';
    EXPECT_EQ(clientErrorCode(many + "]}"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"open_direct"})"), ErrorCode::BadField);
    const QByteArray upload = R"({"type":"upload","name":"a","size":1,"clientId":"u","sha256":")";
    EXPECT_EQ(clientErrorCode(upload + QByteArray(64, 'A') + "\"}"), ErrorCode::BadField); // upper case
    EXPECT_EQ(clientErrorCode(upload + QByteArray(63, 'a') + "\"}"), ErrorCode::BadField);
    EXPECT_EQ(
        clientErrorCode(QByteArray(upload).replace("\"size\":1", "\"size\":0") + QByteArray(64, 'a') + "\"}"),
        ErrorCode::BadField);
    EXPECT_EQ(
        clientErrorCode(QByteArray(upload).replace(",\"clientId\":\"u\"", "") + QByteArray(64, 'a') + "\"}"),
        ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"read","conversation":"general","seq":-1})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"create_channel","topic":"no name"})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"join_channel","conversation":)" + QByteArray(65 + 2, '"') + "}"),
              ErrorCode::BadJson);
    EXPECT_EQ(clientErrorCode(R"({"type":"join_channel","conversation":")" + QByteArray(65, 'c') + "\"}"),
              ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"edit","seq":0,"text":"x"})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"edit","seq":3})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"delete","seq":"3"})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"search"})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"moderate","action":"shout","member":"b2"})"), ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"moderate","action":"ban"})"), ErrorCode::BadField); // whom?
    EXPECT_EQ(clientErrorCode(R"({"type":"moderate","action":"slow_mode","seconds":3601})"),
              ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"moderate","action":"mute","member":"b2","minutes":-1})"),
              ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"search","query":")" + QByteArray(201, 'q') + "\"}"),
              ErrorCode::BadField);
    EXPECT_EQ(clientErrorCode(R"({"type":"search","query":"q","limit":51})"), ErrorCode::BadField);
    const auto changed = JsonCodec::decodeServerMessage(
        R"({"type":"changed","seq":1,"ts":1,"from":{"id":"a","name":"A"},"text":"","deleted":"everyone"})");
    ASSERT_TRUE(std::holds_alternative<ProtocolError>(changed));
    EXPECT_EQ(std::get<ProtocolError>(changed).code, ErrorCode::BadField);
}
