#include "Validation.h"

#include <QHash>
#include <QList>

#include <algorithm>

namespace Protocol {
namespace {

bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

/// Marks, embeddings, overrides and isolates that change the order text is shown in: in a name
/// they make "Eve\u202Egnp.exe" read as "Eveexe.png".
bool isBidiControl(char32_t c)
{
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

bool isCombining(char32_t c)
{
    const auto category = QChar::category(c);
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining ||
           category == QChar::Mark_Enclosing;
}

/// Letters and symbols that render as nothing (Hangul fillers, the blank braille pattern).
bool isBlankLetter(char32_t c)
{
    return c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0 || c == 0x2800;
}

/// Something that leaves ink: not a space, not a zero-width or format character, not a mark.
bool isVisible(char32_t c)
{
    const auto category = QChar::category(c);
    return !QChar::isSpace(c) && !isControl(c) && !isCombining(c) && category != QChar::Other_Format &&
           category != QChar::Other_NotAssigned && !isBlankLetter(c);
}

constexpr int MaxCombiningInARow = 4; // enough for any script; a stack beyond is noise

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
    if (!trimmed.isValidUtf16())
        return ProtocolError{ErrorCode::BadName,
                             QStringLiteral("name is not valid Unicode (a lone surrogate)")};
    if (codePointCount(trimmed) > limits.maxNameLength) {
        return ProtocolError{ErrorCode::BadName,
                             QStringLiteral("name is longer than %1 characters").arg(limits.maxNameLength)};
    }
    bool visible = false;
    int combiningInARow = 0;
    for (const char32_t c : trimmed.toUcs4()) {
        if (isControl(c))
            return ProtocolError{ErrorCode::BadName, QStringLiteral("name contains control characters")};
        if (isBidiControl(c)) {
            return ProtocolError{ErrorCode::BadName,
                                 QStringLiteral("name contains characters that change the text direction")};
        }
        combiningInARow = isCombining(c) ? combiningInARow + 1 : 0;
        if (combiningInARow > MaxCombiningInARow)
            return ProtocolError{ErrorCode::BadName, QStringLiteral("name stacks too many combining marks")};
        visible = visible || isVisible(c);
    }
    if (!visible)
        return ProtocolError{ErrorCode::BadName, QStringLiteral("name has no visible character")};
    return trimmed;
}

std::variant<QString, ProtocolError> normalizeFileName(const QString &name, const Limits &limits)
{
    const qsizetype slash = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    const QString shown = name.mid(slash + 1).trimmed();
    const auto refuse = [](const QString &why) {
        return ProtocolError{ErrorCode::BadField, QStringLiteral("the file's name %1").arg(why)};
    };
    if (shown.isEmpty() || shown == u"." || shown == u"..")
        return refuse(QStringLiteral("is empty"));
    if (!shown.isValidUtf16())
        return refuse(QStringLiteral("is not valid Unicode (a lone surrogate)"));
    if (codePointCount(shown) > limits.maxFileNameLength)
        return refuse(QStringLiteral("is longer than %1 characters").arg(limits.maxFileNameLength));
    for (const QChar c : shown) {
        if (isControl(c.unicode()))
            return refuse(QStringLiteral("contains control characters"));
    }
    return shown;
}

std::optional<ProtocolError> checkChatText(const QString &text, const Limits &limits)
{
    if (text.trimmed().isEmpty())
        return ProtocolError{ErrorCode::EmptyText, QStringLiteral("text is empty")};
    if (codePointCount(text) > limits.maxTextLength) {
        return ProtocolError{ErrorCode::TooLong,
                             QStringLiteral("text is longer than %1 characters").arg(limits.maxTextLength)};
    }
    if (!text.isValidUtf16())
        return ProtocolError{ErrorCode::BadText,
                             QStringLiteral("text is not valid Unicode (a lone surrogate)")};
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

QString nameSkeleton(const QString &name)
{
    // Latin look-alikes among Cyrillic and Greek letters (lower case; upper case is folded
    // first). Not Unicode's whole confusables table: the letters people actually mix up.
    static const QHash<char32_t, char32_t> latinLookAlike{
        {0x0430, u'a'}, {0x0432, u'b'}, {0x0435, u'e'}, {0x0454, u'e'}, {0x043d, u'h'}, {0x0456, u'i'},
        {0x0458, u'j'}, {0x043a, u'k'}, {0x043c, u'm'}, {0x043e, u'o'}, {0x0440, u'p'}, {0x0441, u'c'},
        {0x0455, u's'}, {0x0442, u't'}, {0x0443, u'y'}, {0x0445, u'x'}, {0x0501, u'd'}, {0x051b, u'q'},
        {0x051d, u'w'}, {0x03b1, u'a'}, {0x03b2, u'b'}, {0x03b5, u'e'}, {0x03b7, u'n'}, {0x03b9, u'i'},
        {0x03ba, u'k'}, {0x03bd, u'v'}, {0x03bf, u'o'}, {0x03c1, u'p'}, {0x03c4, u't'}, {0x03c5, u'u'},
        {0x03c7, u'x'}, {0x03b6, u'z'}, {0x0261, u'g'}, {0x0131, u'i'}};
    const QString decomposed = name.normalized(QString::NormalizationForm_KD).toCaseFolded();
    QString skeleton;
    for (const char32_t c : decomposed.toUcs4()) {
        if (isCombining(c) || QChar::category(c) == QChar::Other_Format || isControl(c))
            continue; // accents, zero-width characters
        if (QChar::isSpace(c)) {
            if (!skeleton.isEmpty() && !skeleton.endsWith(u' '))
                skeleton += u' ';
            continue;
        }
        const char32_t mapped = latinLookAlike.value(c, c);
        skeleton += QString::fromUcs4(&mapped, 1);
    }
    // Letters that are alike in most fonts.
    skeleton.replace(u'0', u'o').replace(u'1', u'l').replace(u'|', u'l').replace(u'i', u'l');
    return skeleton.trimmed();
}

QString memberTag(const QString &memberId)
{
    return u'#' + memberId.left(4);
}

} // namespace Protocol
