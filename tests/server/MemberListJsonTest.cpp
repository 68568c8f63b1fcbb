// The welcome's member list, kept encoded: it must always be what encoding the list anew gives.
#include "MemberListJson.h"

#include "JsonCodec.h"
#include "OutgoingMessage.h"

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;
using namespace Protocol;

namespace {

/// The welcome as OutgoingMessage splices it, and as the codec encodes it in one go.
std::pair<QString, QString> bothWelcomes(MemberListJson &cache, const QList<Member> &members)
{
    const Welcome welcome{Version, u"Room \"members\":[] 1"_s, members.value(0, {u"x"_s, u"X"_s}), members,
                          42};
    return {OutgoingMessage::welcome(welcome, cache.bytes(members)).jsonText(),
            QString::fromUtf8(JsonCodec::encode(welcome))};
}

} // namespace

TEST(MemberListJson, StaysEqualToAFreshEncodingThroughJoinsLeavesAndRenames)
{
    MemberListJson cache;
    QList<Member> members;
    auto check = [&] {
        const auto [spliced, fresh] = bothWelcomes(cache, members);
        EXPECT_EQ(spliced, fresh);
    };
    check(); // empty
    for (int i = 0; i < 5; ++i) {
        const Member member{u"id%1"_s.arg(i), u"Name \"%1\" ü"_s.arg(i)};
        members.append(member);
        cache.append(member);
        check();
    }
    members.removeAt(2);
    cache.invalidate();
    check();
    const Member late{u"late"_s, u"Late"_s};
    members.append(late);
    cache.append(late); // appended to the rebuilt list
    check();
    members[0].name = u"Renamed"_s;
    cache.invalidate();
    check();
}
