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
