#include "Validation.h"

#include <QList>

namespace Protocol {
namespace {

bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

} // namespace

qsizetype codePointCount(const QString &text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

std::variant<QString, ProtocolError> normalizeName(const QString &name, const Limits &limits)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return ProtocolError{ErrorCode::BadName, QStringLiteral("name is empty")};
    if (codePointCount(trimmed) > limits.maxNameLength) {
        return ProtocolError{ErrorCode::BadName,
                             QStringLiteral("name is longer than %1 characters").arg(limits.maxNameLength)};
    }
    for (const char32_t c : trimmed.toUcs4()) {
        if (isControl(c))
            return ProtocolError{ErrorCode::BadName, QStringLiteral("name contains control characters")};
    }
    return trimmed;
}

std::optional<ProtocolError> checkChatText(const QString &text, const Limits &limits)
{
    if (text.trimmed().isEmpty())
        return ProtocolError{ErrorCode::EmptyText, QStringLiteral("text is empty")};
    if (codePointCount(text) > limits.maxTextLength) {
        return ProtocolError{ErrorCode::TooLong,
                             QStringLiteral("text is longer than %1 characters").arg(limits.maxTextLength)};
    }
    for (const QChar c : text) {
        if (c != u'\n' && c != u'\r' && c != u'\t' && isControl(c.unicode()))
            return ProtocolError{ErrorCode::BadText, QStringLiteral("text contains control characters")};
    }
    return std::nullopt;
}

qint64 largestChatFrame(const Limits &limits)
{
    constexpr qint64 JsonAround = 64; // {"clientId":"","text":"","type":"chat"} and slack
    return 4 * qint64(limits.maxTextLength) + 4 * qint64(limits.maxClientIdLength) + JsonAround;
}

} // namespace Protocol
