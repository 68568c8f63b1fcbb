#pragma once

#include "Limits.h"
#include "ProtocolError.h"

#include <optional>
#include <variant>

/// The rules for user-entered text, shared by the server (which enforces them) and the
/// client (which refuses to send what the server would refuse).
namespace Protocol {

/// The display name as it will be used (trimmed), or why it is not acceptable.
std::variant<QString, ProtocolError> normalizeName(const QString &name, const Limits &limits = {});

/// A file's name as it is shown (v2): its last path component, trimmed; or why there is none
/// (empty, "." or "..", control characters, not valid Unicode, longer than maxFileNameLength).
/// Shown only: nothing ever uses it as a path.
std::variant<QString, ProtocolError> normalizeFileName(const QString &name, const Limits &limits = {});

/// Why chat text is not acceptable, or nothing if it is.
std::optional<ProtocolError> checkChatText(const QString &text, const Limits &limits = {});

/// What a name looks like, for telling apart names that look alike: compatibility forms folded
/// (fullwidth "Ａｌｉｃｅ" is "alice"), case and accents dropped, zero-width characters removed,
/// and the Cyrillic and Greek letters that look like Latin ones read as those ("Аlice" with a
/// Cyrillic А is "alice"). Two members whose skeletons are equal look alike on screen.
QString nameSkeleton(const QString &name);

/// A short tag from a member id ("#k3j9"), shown beside names that look alike.
QString memberTag(const QString &memberId);

/// Length in Unicode code points (what users count as characters), not UTF-16 units.
qsizetype codePointCount(const QString &text);

/// The most bytes a chat frame within these limits can take (4 UTF-8 bytes per code point, the
/// longest clientId, the JSON around them). A room whose maxMessageBytes is smaller would close
/// the connection (1009) of someone sending a chat it otherwise accepts.
qint64 largestChatFrame(const Limits &limits);

} // namespace Protocol
