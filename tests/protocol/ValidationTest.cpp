#include "Validation.h"

#include <gtest/gtest.h>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {
std::optional<ErrorCode> nameError(const QString &name)
{
    const auto result = normalizeName(name);
    if (const auto *error = std::get_if<ProtocolError>(&result))
        return error->code;
    return std::nullopt;
}
} // namespace

TEST(Validation, NamesAreTrimmed)
{
    EXPECT_EQ(std::get<QString>(normalizeName(u"  Alice \t"_s)), u"Alice"_s);
}

TEST(Validation, NameLengthCountsCharactersNotBytes)
{
    EXPECT_FALSE(nameError(QString(32, u'x')));
    EXPECT_EQ(nameError(QString(33, u'x')), ErrorCode::BadName);
    // 32 emoji are 64 UTF-16 units but 32 characters.
    EXPECT_FALSE(nameError(QString(u"🙂"_s).repeated(32)));
    EXPECT_EQ(nameError(QString(u"🙂"_s).repeated(33)), ErrorCode::BadName);
    EXPECT_FALSE(nameError(u"Nguyễn Thị Minh Khai"_s));
}

TEST(Validation, RefusesEmptyAndControlCharacterNames)
{
    EXPECT_EQ(nameError({}), ErrorCode::BadName);
    EXPECT_EQ(nameError(u"   "_s), ErrorCode::BadName);
    EXPECT_EQ(nameError(u"Al\u0007ice"_s), ErrorCode::BadName);
    EXPECT_EQ(nameError(u"Al\nice"_s), ErrorCode::BadName);
    EXPECT_EQ(nameError(u"Al\u0085ice"_s), ErrorCode::BadName);
}

TEST(Validation, ChatText)
{
    EXPECT_FALSE(checkChatText(u"hi"_s));
    EXPECT_FALSE(checkChatText(u"line one\r\nline two\twith tab"_s));
    EXPECT_EQ(checkChatText({})->code, ErrorCode::EmptyText);
    EXPECT_EQ(checkChatText(u" \n\t "_s)->code, ErrorCode::EmptyText);
    EXPECT_EQ(checkChatText(u"bell\u0007"_s)->code, ErrorCode::BadText);
    EXPECT_FALSE(checkChatText(QString(4000, u'x')));
    EXPECT_EQ(checkChatText(QString(4001, u'x'))->code, ErrorCode::TooLong);

    Limits small;
    small.maxTextLength = 5;
    EXPECT_FALSE(checkChatText(QString(u"🙂"_s).repeated(5), small));
    EXPECT_EQ(checkChatText(QString(u"🙂"_s).repeated(6), small)->code, ErrorCode::TooLong);
}

TEST(Validation, ErrorCodesHaveStableWireNames)
{
    for (ErrorCode code :
         {ErrorCode::BadJson, ErrorCode::UnknownType, ErrorCode::BadField, ErrorCode::BadName,
          ErrorCode::EmptyText, ErrorCode::TooLong, ErrorCode::BadText, ErrorCode::BinaryFrame})
        EXPECT_EQ(errorCodeFromName(errorCodeName(code)), code);
    EXPECT_EQ(errorCodeName(ErrorCode::BadJson), u"bad_json"_s);
    EXPECT_EQ(errorCodeName(ErrorCode::TooLong), u"too_long"_s);
}

TEST(Validation, TextThatIsNotValidUnicodeIsRefused)
{
    const QString lone = u"x"_s + QChar(0xd800) + u"y"_s; // what JSON's "x\ud800y" decodes to
    EXPECT_EQ(checkChatText(lone)->code, ErrorCode::BadText);
    EXPECT_EQ(checkChatText(u"x"_s + QChar(0xdc00))->code, ErrorCode::BadText);
    EXPECT_EQ(nameError(u"Eve"_s + QChar(0xd800)), ErrorCode::BadName);
    EXPECT_FALSE(checkChatText(u"x🙂y"_s)); // a proper pair is fine
}

// Names others read to tell people apart: no direction tricks, something visible, no noise.
TEST(Validation, NamesThatHideOrDisguiseThemselvesAreRefused)
{
    EXPECT_EQ(nameError(u"Eve\u202Egnp.exe"_s), ErrorCode::BadName); // shows as "Eveexe.png"
    EXPECT_EQ(nameError(u"Eve\u2066x\u2069"_s), ErrorCode::BadName);
    EXPECT_EQ(nameError(u"\u200B\u200B"_s), ErrorCode::BadName); // zero-width spaces only
    EXPECT_EQ(nameError(u"\u3164"_s), ErrorCode::BadName);       // Hangul filler: blank
    EXPECT_EQ(nameError(u"\u2800\u00A0"_s), ErrorCode::BadName); // a blank braille pattern, a no-break space
    EXPECT_EQ(nameError(u"a\u0301\u0301\u0301\u0301\u0301"_s), ErrorCode::BadName); // a stack of accents
    EXPECT_EQ(nameError(u"\u0301\u0302"_s), ErrorCode::BadName);                    // marks on nothing
    // Real names in any script stay allowed.
    for (const QString &name : {u"Zoë"_s, u"Nguyễn Văn Ánh"_s, u"Алиса"_s, u"محمد"_s, u"שרה"_s, u"李小龍"_s,
                                u"Ana 🙂"_s, u"ผู้ใช้"_s})
        EXPECT_FALSE(nameError(name)) << name.toStdString();
}

TEST(Validation, NamesThatLookAlikeHaveTheSameSkeleton)
{
    const QString alice = nameSkeleton(u"Alice"_s);
    EXPECT_EQ(nameSkeleton(u"\u0410lice"_s), alice);  // a Cyrillic А
    EXPECT_EQ(nameSkeleton(u"ＡＬＩＣＥ"_s), alice);  // fullwidth, upper case
    EXPECT_EQ(nameSkeleton(u"A\u200Blice"_s), alice); // a zero-width space inside
    EXPECT_EQ(nameSkeleton(u"Ålice"_s), alice);       // an accent
    EXPECT_EQ(nameSkeleton(u"A1ice"_s), alice);       // a one for an l
    EXPECT_EQ(nameSkeleton(u"  Alice  "_s), alice);
    EXPECT_NE(nameSkeleton(u"Alicia"_s), alice);
    EXPECT_NE(nameSkeleton(u"Bob"_s), alice);
    EXPECT_EQ(memberTag(u"k3j9x2"_s), u"#k3j9"_s);
}
