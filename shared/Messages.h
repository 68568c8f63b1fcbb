#pragma once

#include "ProtocolError.h"

#include <QList>
#include <QString>

#include <optional>
#include <variant>

/// The messages of wire protocol v1 as plain values. JsonCodec turns them into frames and back;
/// nothing here knows about sockets or JSON.
namespace Protocol {

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

    bool operator==(const Hello &) const = default;
};

/// A chat the client wants posted. clientId is the client's own id, echoed in the Ack.
struct SendChat
{
    QString text;
    QString clientId;

    bool operator==(const SendChat &) const = default;
};

/// "I am typing." The server relays it to the others, throttled.
struct StartTyping
{
    bool operator==(const StartTyping &) const = default;
};

/// Asks for older messages: the newest `limit` ones with a seq below `before`.
struct HistoryRequest
{
    qint64 before = 0;
    int limit = 50;

    bool operator==(const HistoryRequest &) const = default;
};

using ClientMessage = std::variant<Hello, SendChat, StartTyping, HistoryRequest>;

// --- server → client -----------------------------------------------------------------------

/// What a room accepts, as its welcome tells its members (0: not told, an older server).
struct RoomLimits
{
    qint64 maxTextLength = 0;   ///< Unicode code points per chat
    qint64 maxMessageBytes = 0; ///< largest frame the room reads; larger closes with 1009

    bool operator==(const RoomLimits &) const = default;
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

    bool operator==(const Welcome &) const = default;
};

/// A posted chat as every other member receives it.
struct ChatMessage
{
    qint64 seq = 0;
    qint64 ts = 0; ///< server clock, ms since the Unix epoch
    Member from;
    QString text;

    bool operator==(const ChatMessage &) const = default;
};

/// Stored messages, oldest first: the recent ones after joining, the missed ones after a resume,
/// or an older page on request.
struct History
{
    QList<ChatMessage> messages;
    bool hasOlder = false; ///< messages older than the first one here exist

    bool operator==(const History &) const = default;
};

/// The sender's confirmation that its chat was posted.
struct Ack
{
    QString clientId;
    qint64 seq = 0;
    qint64 ts = 0;

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

    bool operator==(const PresenceDelta &) const = default;
};

/// Someone else is typing.
struct TypingNotice
{
    Member from;

    bool operator==(const TypingNotice &) const = default;
};

/// A frame from this client was refused; the connection stays open.
struct ServerError
{
    ProtocolError error;
    QString clientId; ///< set when the refused frame was a chat that carried one

    bool operator==(const ServerError &) const = default;
};

using ServerMessage =
    std::variant<Welcome, ChatMessage, History, Ack, UserCount, PresenceDelta, TypingNotice, ServerError>;

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
