#pragma once

#include <QString>

namespace Protocol {

/// Why a frame was refused. Each value has a stable wire name (see docs/PROTOCOL.md).
enum class ErrorCode {
    BadJson,            ///< not JSON, or not a JSON object
    UnknownType,        ///< "type" missing or not one this side understands
    BadField,           ///< a field is missing, has the wrong type, or is out of range
    BadName,            ///< display name empty, too long or with control characters
    EmptyText,          ///< chat text empty or only white space
    TooLong,            ///< chat text longer than the room allows
    BadText,            ///< chat text with control characters other than tab and line breaks
    BinaryFrame,        ///< a binary frame where only text frames are spoken
    StoreFailed,        ///< the room could not store the chat (disk full, …); nothing was posted
    RateLimited,        ///< too many frames too fast; this one was dropped
    BadPassword,        ///< the room's password is missing or wrong (the connection is then closed)
    HistoryUnavailable, ///< the room could not read its history just now; ask again later
    Forbidden,          ///< not a member of that conversation (or it does not exist), or not allowed
    LimitReached,       ///< a configured limit (direct conversations opened per minute, …)
    ChannelExists,      ///< a channel with that name (or one that looks like it) exists
    FileTooLarge,       ///< an upload larger than the room's largest file
    StorageFull,        ///< an upload larger than the room's storage has left
    BadFile,            ///< an upload whose bytes do not match its hash, or that is unknown
    Muted,              ///< a moderator muted this member: nothing it posts is taken for now
    SlowMode,           ///< the room takes one message per member every few seconds; wait
    Banned,             ///< a moderator banned this member or its address (then closed)
    RoomLocked,         ///< the room takes no new members just now (then closed)
    Unknown,            ///< a code this build does not know (decoded from a newer server)
};

/// A typed decoding or validation failure: what went wrong and a human-readable detail.
struct ProtocolError
{
    ErrorCode code = ErrorCode::Unknown;
    QString message;

    bool operator==(const ProtocolError &) const = default;
};

QString errorCodeName(ErrorCode code);
ErrorCode errorCodeFromName(const QString &name);

} // namespace Protocol
