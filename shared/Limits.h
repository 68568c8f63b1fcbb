#pragma once

#include <QtGlobal>

namespace Protocol {

/// Version of the wire protocol described in docs/PROTOCOL.md: version 1 unless the client's
/// hello asks for the newest (and the server speaks it).
inline constexpr int Version = 1;
inline constexpr int NewestVersion = 2;

/// The port a room listens on when nobody picks one.
inline constexpr quint16 DefaultPort = 47800;

/// Close code for a connection superseded by a newer one with the same identity token.
inline constexpr int CloseCodeReplaced = 4000;
/// Close code after a missing or wrong room password.
inline constexpr int CloseCodeWrongPassword = 4001;
/// Close code when the room's host closed it for good (a server restart sends 1001 instead).
inline constexpr int CloseCodeRoomClosed = 4002;
/// Close codes when a moderator removed the member, or banned it, or the room is locked and the
/// member is new to it.
inline constexpr int CloseCodeKicked = 4003;
inline constexpr int CloseCodeBanned = 4004;
inline constexpr int CloseCodeRoomLocked = 4005;
/// Standard close codes Qt's enum lacks or names differently.
inline constexpr int CloseCodePolicyViolation = 1008;
inline constexpr int CloseCodeTryAgainLater = 1013;

/// Bounds every peer must respect. The server enforces them; the client uses the same
/// numbers to refuse input before it is sent. Lengths count Unicode code points.
struct Limits
{
    qsizetype maxNameLength = 32;
    qsizetype maxTextLength = 4000;
    qsizetype maxClientIdLength = 64;
    /// Largest WebSocket frame or message accepted, in bytes (larger closes with 1009).
    quint64 maxMessageBytes = 64 * 1024;
    qsizetype minTokenLength = 16;
    qsizetype maxTokenLength = 128;
    qsizetype maxPasswordLength = 256;
    /// Most messages one history page request may ask for.
    int maxHistoryPage = 200;
    /// A conversation id (version 2).
    qsizetype maxConversationIdLength = 64;
    /// Members one chat may mention (version 2); more are refused.
    qsizetype maxMentions = 50;
    /// A channel's topic, in characters (version 2).
    qsizetype maxTopicLength = 250;
    /// A file's name as shown, in characters (version 2).
    qsizetype maxFileNameLength = 255;
    /// A moderator's reason, in characters (version 2).
    qsizetype maxReasonLength = 250;
    /// A search's words, in characters (version 2).
    qsizetype maxSearchLength = 200;
    /// Most results one search page holds (version 2).
    int maxSearchPage = 50;
};

} // namespace Protocol
