#pragma once

#include "Limits.h"
#include "ProtocolError.h"

#include <QList>
#include <QString>

#include <algorithm>
#include <optional>
#include <variant>

/// The messages of the wire protocol (v1, and v2 where marked) as plain values. JsonCodec turns
/// them into frames and back; nothing here knows about sockets or JSON.
namespace Protocol {

/// The conversation everyone is in (#general), and the only one protocol v1 knows.
inline constexpr QStringView GeneralConversation = u"general";

/// A person in the room as everyone sees them. The server assigns the id.
struct Member
{
    QString id;
    QString name;

    bool operator==(const Member &) const = default;
};

// --- client → server -----------------------------------------------------------------------

/// Sets the sender's display name. Also the first frame a client normally sends; then it may
/// carry the client's identity token (same token, same member id) and the seq it has seen up to
/// (the server then sends every later message before any live one).
struct Hello
{
    QString name;
    QString token = {};               ///< empty: a new identity for this connection
    std::optional<qint64> since = {}; ///< resume after this seq
    QString password = {};            ///< the room's password, if it has one
    QString roomId = {};              ///< the room `since` refers to (Welcome::roomId), if known
    int protocol = Version;           ///< the version the client speaks (v2: conversations)
    /// No name given (Socket.IO apps have none): the member is "Guest N". An empty name
    /// otherwise is refused (bad_name).
    bool guest = false;

    bool operator==(const Hello &) const = default;
};

/// A chat the client wants posted. clientId is the client's own id, echoed in the Ack.
struct SendChat
{
    QString text;
    QString clientId;
    QString conversation = GeneralConversation.toString(); ///< v2
    QStringList mentions = {};                             ///< v2: member ids
    qint64 replyTo = 0; ///< v2: the seq of the message (in this conversation) it answers; 0: none

    bool operator==(const SendChat &) const = default;
};

/// "I am typing." The server relays it to the others, throttled.
struct StartTyping
{
    QString conversation = GeneralConversation.toString(); ///< v2

    bool operator==(const StartTyping &) const = default;
};

/// Asks for older messages: the newest `limit` ones with a seq below `before` (0: the newest).
struct HistoryRequest
{
    qint64 before = 0;
    int limit = 50;
    QString conversation = GeneralConversation.toString(); ///< v2

    bool operator==(const HistoryRequest &) const = default;
};

/// v2: opens (or finds) the direct conversation with another member.
struct OpenDirect
{
    QString member; ///< the other member's id

    bool operator==(const OpenDirect &) const = default;
};

/// v2: the member has read a conversation up to seq (kept by the server, never moved back).
struct MarkRead
{
    QString conversation;
    qint64 seq = 0;

    bool operator==(const MarkRead &) const = default;
};

/// v2: makes a channel (the creator is its first member).
struct CreateChannel
{
    QString name;
    QString topic = {};
    QString clientId = {}; ///< echoed in an error about it

    bool operator==(const CreateChannel &) const = default;
};

/// v2: joins a channel.
struct JoinChannel
{
    QString conversation;

    bool operator==(const JoinChannel &) const = default;
};

/// v2: leaves a channel (not #general).
struct LeaveChannel
{
    QString conversation;

    bool operator==(const LeaveChannel &) const = default;
};

/// v2: asks to send a file to a conversation. The bytes go over HTTP once the server answers
/// with UploadReady; the chat (with the caption) is posted when they are in and verified.
struct Upload
{
    QString conversation;
    QString name; ///< shown to others, never used as a path
    qint64 size = 0;
    QString sha256;            ///< of the whole content, 64 lowercase hex digits
    QString clientId;          ///< echoed in UploadReady, an error, and the chat's Ack
    QString text = {};         ///< the caption, may be empty
    QStringList mentions = {}; ///< member ids, as in a chat

    bool operator==(const Upload &) const = default;
};

/// v2: gives up an upload; its partial file is deleted.
struct CancelUpload
{
    QString uploadId;

    bool operator==(const CancelUpload &) const = default;
};

/// v2: replaces the text (and mentions) of one of the member's own messages.
struct EditChat
{
    QString conversation;
    qint64 seq = 0; ///< the message's
    QString text;
    QStringList mentions = {}; ///< member ids, as in a chat

    bool operator==(const EditChat &) const = default;
};

/// v2: deletes a message: one of the member's own, or any for a moderator.
struct DeleteChat
{
    QString conversation;
    qint64 seq = 0;

    bool operator==(const DeleteChat &) const = default;
};

/// v2: looks for messages in the conversations the member reads, newest first.
struct Search
{
    QString query;
    QString conversation = {}; ///< only this one (empty: all of the member's)
    qint64 before = 0;         ///< only matches with a seq below this one (0: the newest); paging
    int limit = 20;

    bool operator==(const Search &) const = default;
};

/// v2: asks to become one of the room's moderators with its moderator password.
struct BecomeModerator
{
    QString password;

    bool operator==(const BecomeModerator &) const = default;
};

/// v2: a moderator's action on a member or on the room.
struct Moderate
{
    enum class Action { Kick, Ban, Unban, Mute, Unmute, SlowMode, Lock, Unlock };
    Action action = Action::Kick;
    QString member = {}; ///< the member's id: kick, ban, unban, mute, unmute
    qint64 minutes = 0;  ///< ban, mute: for how long (0: until undone)
    int seconds = 0;     ///< slow_mode: one message per member per this many seconds (0: off)
    QString reason = {}; ///< told to the member, kept in the audit log

    bool operator==(const Moderate &) const = default;
};

/// v2: a moderator reads the audit log, newest first.
struct AuditLogRequest
{
    qint64 before = 0; ///< entries with a lower id (0: the newest)

    bool operator==(const AuditLogRequest &) const = default;
};

using ClientMessage = std::variant<Hello, SendChat, StartTyping, HistoryRequest, OpenDirect, MarkRead,
                                   CreateChannel, JoinChannel, LeaveChannel, Upload, CancelUpload, EditChat,
                                   DeleteChat, Search, BecomeModerator, Moderate, AuditLogRequest>;

// --- server → client -----------------------------------------------------------------------

/// What a room accepts, as its welcome tells its members (0: not told, an older server).
struct RoomLimits
{
    qint64 maxTextLength = 0;   ///< Unicode code points per chat
    qint64 maxMessageBytes = 0; ///< largest frame the room reads; larger closes with 1009
    qint64 maxFileBytes = 0;    ///< v2: largest file an upload may have
    /// v2: frames a connection may send per second on average, and at once (0: not said; the
    /// defaults of ServerConfig). Clients pace what they send on their own by them.
    double ratePerSecond = 0;
    double rateBurst = 0;

    bool operator==(const RoomLimits &) const = default;
};

/// v2: what moderators decided for the whole room.
struct RoomState
{
    bool locked = false;     ///< only members the room knows may join
    int slowModeSeconds = 0; ///< one message per member per this many seconds (0: off)

    bool operator==(const RoomState &) const = default;
};

/// v2: a conversation in a member's list, with where that member stands in it.
struct Conversation
{
    enum class Kind { Channel, Direct };
    QString id;
    Kind kind = Kind::Channel;
    QString name = {};   ///< a channel's name (without '#')
    QString topic = {};  ///< a channel's topic, may be empty
    int memberCount = 0; ///< a channel's members
    Member with = {};    ///< a direct conversation's other member
    bool joined = true;
    qint64 lastSeq = 0; ///< the newest message's seq, 0 if none
    qint64 readSeq = 0; ///< read up to here by this member
    int unread = 0;     ///< messages after readSeq from others
    int mentions = 0;   ///< of those, the ones mentioning this member

    bool operator==(const Conversation &) const = default;
};

/// First frame after joining: who you are and who is already here.
struct Welcome
{
    int protocolVersion = 0;
    QString room;
    Member you;
    QList<Member> members; ///< everyone online, you included
    qint64 lastSeq = 0;    ///< seq of the newest chat in the room, 0 if none
    /// Names this room's history: another room at the same address (or the same address after
    /// a throwaway room restarted) has another id, and its seqs mean other messages.
    QString roomId = {};
    RoomLimits limits = {};
    QList<Conversation> conversations = {}; ///< v2
    /// v2: the secret that lets this member fetch the files of its conversations over HTTP.
    QString fileKey = {};
    RoomState state = {};          ///< v2
    bool moderator = false;        ///< v2: this member is one of the room's moderators
    bool moderatorByPassword = {}; ///< v2: a member may become one with the moderator password
    /// The connection joined as a guest because no hello came in time: a client that sent one
    /// waits for the welcome that answers it.
    bool withoutHello = false;

    bool operator==(const Welcome &) const = default;
};

/// v2: a file attached to a chat, as the server stored and verified it.
struct FileInfo
{
    QString id; ///< the content's SHA-256, 64 lowercase hex digits
    QString name;
    qint64 size = 0;
    QString type;   ///< the MIME type, taken from the content (never from the name)
    int width = 0;  ///< an image the server could decode (0: none, not shown inline)
    int height = 0; ///< likewise

    bool isImage() const { return width > 0 && height > 0; }
    /// The image types shown inline, where they decode (others, SVG included, are files to save).
    static bool isInlineImageType(QStringView type)
    {
        return type == u"image/png" || type == u"image/jpeg" || type == u"image/gif" || type == u"image/webp";
    }
    bool operator==(const FileInfo &) const = default;
};

/// A posted chat as every other member receives it.
/// v2: the message a reply answers, as it is now: who wrote it and the start of its text.
struct ReplyQuote
{
    static constexpr qsizetype MaxLength = 140; ///< characters of the original's text quoted

    qint64 seq = 0;
    Member from;          ///< empty if the original is gone (retention removed it)
    QString text;         ///< its first MaxLength characters; empty if it was deleted or is gone
    bool deleted = false; ///< deleted, or gone
    bool hasFile = false; ///< it carries a file (its text may then be empty)

    /// The start of text that a quote shows (whole characters).
    static QString excerptOf(const QString &text)
    {
        qsizetype length = std::min(text.size(), MaxLength);
        if (length < text.size() && text.at(length - 1).isHighSurrogate())
            --length;
        return text.left(length);
    }

    bool operator==(const ReplyQuote &) const = default;
};

struct ChatMessage
{
    qint64 seq = 0;
    qint64 ts = 0; ///< server clock, ms since the Unix epoch
    Member from;
    QString text;
    QString conversation = GeneralConversation.toString(); ///< v2
    QStringList mentions = {};                             ///< v2: member ids
    std::optional<FileInfo> file = {};                     ///< v2: the file the chat carries
    /// v2: the seq its latest edit or deletion took from the server's one sequence (0: as
    /// posted). A resume brings every message whose seq or revision is after `since`, once.
    qint64 revision = 0;
    qint64 editedTs = 0; ///< v2: when it was last edited (0: never)
    enum class Deletion { None, ByAuthor, ByModerator };
    Deletion deleted = Deletion::None;    ///< v2: a deleted message has no text, mentions or file
    std::optional<ReplyQuote> reply = {}; ///< v2: the message this one answers

    /// Where this message stands in the server's sequence: a member who has seen up to here has
    /// it as it is now.
    qint64 position() const { return std::max(seq, revision); }

    /// The text as a v1 client reads it: a file it cannot fetch is named on a line of its own.
    QString textForVersion1() const
    {
        if (deleted != Deletion::None)
            return QStringLiteral("🗑");
        if (!file)
            return text;
        return text + (text.isEmpty() ? QStringLiteral("📎 ") : QStringLiteral("\n📎 ")) + file->name;
    }

    bool operator==(const ChatMessage &) const = default;
};

/// Stored messages, oldest first: the recent ones after joining, the missed ones after a resume,
/// or an older page on request.
struct History
{
    QList<ChatMessage> messages;
    bool hasOlder = false; ///< messages older than the first one here exist
    /// v2: the conversation a requested page is from; empty for the pages of a resume, whose
    /// messages each say theirs.
    QString conversation = {};

    bool operator==(const History &) const = default;
};

/// The sender's confirmation that its chat was posted.
struct Ack
{
    QString clientId;
    qint64 seq = 0;
    qint64 ts = 0;
    QString conversation = GeneralConversation.toString(); ///< v2

    bool operator==(const Ack &) const = default;
};

/// How many people are online.
struct UserCount
{
    int count = 0;

    bool operator==(const UserCount &) const = default;
};

/// Who came, went or changed name since the previous delta. Deltas are idempotent.
struct PresenceDelta
{
    QList<Member> joined;
    QStringList left; ///< member ids
    QList<Member> renamed;
    QStringList removed; ///< v2: those of left a moderator removed or banned

    bool operator==(const PresenceDelta &) const = default;
};

/// Someone else is typing.
struct TypingNotice
{
    Member from;
    QString conversation = GeneralConversation.toString(); ///< v2

    bool operator==(const TypingNotice &) const = default;
};

/// A frame from this client was refused; the connection stays open.
struct ServerError
{
    ProtocolError error;
    QString clientId; ///< set when the refused frame was a chat that carried one

    bool operator==(const ServerError &) const = default;
};

/// v2: a conversation was added to the member's list or changed.
struct ConversationUpdate
{
    Conversation conversation;

    bool operator==(const ConversationUpdate &) const = default;
};

/// v2: what everyone may know of a channel (created, renamed, joined or left by someone).
struct ChannelUpdate
{
    QString id;
    QString name;
    QString topic;
    int memberCount = 0;

    bool operator==(const ChannelUpdate &) const = default;
};

/// v2: the member left a conversation (it is gone from its list).
struct ConversationLeft
{
    QString id;

    bool operator==(const ConversationLeft &) const = default;
};

/// v2: an upload may start: send its bytes from offset with HTTP PUT to url (on the room's
/// host and port).
struct UploadReady
{
    QString clientId;
    QString uploadId;
    QString url; ///< a path: /files/upload/<uploadId>
    qint64 offset = 0;

    bool operator==(const UploadReady &) const = default;
};

/// v2: a message was edited or deleted; it is sent as it is now (with its revision).
struct ChatChanged
{
    ChatMessage chat;

    bool operator==(const ChatChanged &) const = default;
};

/// v2: the answer to a Search: matching messages, newest first.
struct SearchResults
{
    QString query;
    QList<ChatMessage> messages;
    bool hasMore = false; ///< older matches exist (ask again with `before` the last seq here)

    bool operator==(const SearchResults &) const = default;
};

/// v2: the member is one of the room's moderators now.
struct ModeratorGranted
{
    bool operator==(const ModeratorGranted &) const = default;
};

/// v2: a moderator acted on this member (a kick and a ban then close the connection).
struct Sanction
{
    Moderate::Action action = Moderate::Action::Kick; ///< kick, ban, mute or unmute
    qint64 until = 0;                                 ///< ms since the epoch; 0: until undone
    QString reason = {};
    Member by = {};

    bool operator==(const Sanction &) const = default;
};

/// v2: one thing a moderator did.
struct AuditEntry
{
    qint64 id = 0;
    qint64 ts = 0;
    Member moderator;
    QString action;     ///< a Moderate action's name, "delete" or "moderator" (became one)
    Member target = {}; ///< the member acted on, if any
    QString detail = {};

    bool operator==(const AuditEntry &) const = default;
};

/// v2: a page of the audit log, newest first.
struct AuditLog
{
    QList<AuditEntry> entries;
    bool hasMore = false;

    bool operator==(const AuditLog &) const = default;
};

using ServerMessage =
    std::variant<Welcome, ChatMessage, History, Ack, UserCount, PresenceDelta, TypingNotice, ServerError,
                 ConversationUpdate, ChannelUpdate, ConversationLeft, UploadReady, ChatChanged, SearchResults,
                 RoomState, ModeratorGranted, Sanction, AuditLog>;

/// The wire name of a moderator's action ("slow_mode"), and back (nullopt if unknown).
QString actionName(Moderate::Action action);
std::optional<Moderate::Action> actionFromName(const QString &name);

/// std::visit helper: one lambda per alternative.
template<class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template<class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>; // clang 14 does not deduce aggregates yet

/// Either a decoded value or why it could not be decoded.
template<typename T>
using Decoded = std::variant<T, ProtocolError>;

} // namespace Protocol
