// The welcome's member list, kept current: it must always be the members as they are, and its
// JSON what encoding that list anew gives.
#include "MemberList.h"

#include "JsonCodec.h"
#include "OutgoingMessage.h"

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;
using namespace Protocol;

TEST(MemberList, StaysEqualToTheMembersAndAFreshEncodingThroughJoinsLeavesAndRenames)
{
    MemberList cache;
    QList<Member> members;
    auto check = [&] {
        if (!cache.isValid())
            cache.assign(members);
        EXPECT_EQ(cache.members(), members);
        // The welcome as OutgoingMessage splices it, and as the codec encodes it in one go.
        const Welcome welcome{Version, u"Room \"members\":[] 1"_s, members.value(0, {u"x"_s, u"X"_s}),
                              cache.members(), 42};
        EXPECT_EQ(OutgoingMessage::welcome(welcome, cache.json()).jsonText(),
                  QString::fromUtf8(JsonCodec::encode(welcome)));
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
    cache.append({u"ignored"_s, u"Ignored"_s}); // while invalid, joins are left to the rebuild
    EXPECT_FALSE(cache.isValid());
    check();
    const Member late{u"late"_s, u"Late"_s};
    members.append(late);
    cache.append(late); // appended to the rebuilt list
    check();
    members[0].name = u"Renamed"_s;
    cache.invalidate();
    check();
}
