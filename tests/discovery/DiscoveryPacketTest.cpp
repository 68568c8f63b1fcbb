// The discovery datagrams: what hosts send round-trips, and anything else is refused.
#include "DiscoveryPacket.h"

#include "Limits.h"

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;
using namespace Discovery;

namespace {

Announcement labRoom()
{
    Announcement room;
    room.instanceId = u"3f2a9c01d4e5b6a7"_s;
    room.name = u"Lab 1 — Phòng thí nghiệm"_s;
    room.port = 47800;
    room.protocolVersion = Protocol::Version;
    room.passwordRequired = true;
    room.tls = false;
    room.members = 12;
    return room;
}

} // namespace

TEST(DiscoveryPacket, EveryKindRoundTrips)
{
    for (const Packet &packet :
         {Packet(labRoom()), Packet(Query{}), Packet(Goodbye{u"3f2a9c01d4e5b6a7"_s})}) {
        const QByteArray datagram = encode(packet);
        EXPECT_LE(datagram.size(), 300) << datagram.constData();
        const auto decoded = decode(datagram);
        ASSERT_TRUE(decoded) << datagram.constData();
        EXPECT_EQ(*decoded, packet) << datagram.constData();
    }
}

TEST(DiscoveryPacket, UnknownKeysFromLaterVersionsAreIgnored)
{
    const auto decoded = decode(R"({"parley":"room","v":2,"id":"a1","name":"Later","port":1,"members":0,
                                    "password":false,"tls":true,"topic":"new field"})");
    ASSERT_TRUE(decoded);
    const auto &room = std::get<Announcement>(*decoded);
    EXPECT_EQ(room.protocolVersion, 2);
    EXPECT_EQ(room.name, u"Later"_s);
    EXPECT_TRUE(room.tls);
}

TEST(DiscoveryPacket, MalformedPacketsAreRefused)
{
    const QByteArray good = encode(labRoom());
    ASSERT_TRUE(decode(good));
    const std::vector<QByteArray> bad{
        "",
        "not json",
        "[1,2,3]",
        "{}",
        R"({"parley":"room"})",
        R"({"parley":"query"})",         // no version
        R"({"parley":"query","v":"1"})", // version of the wrong type
        R"({"parley":"query","v":1.5})",
        R"({"parley":"dance","v":1})",           // unknown kind
        R"({"parley":"gone","v":1})",            // no id
        R"({"parley":"gone","v":1,"id":"a b"})", // id with a space
        R"({"parley":"room","v":1,"id":"a1","name":"X","port":0,"members":0,"password":false,"tls":false})",
        R"({"parley":"room","v":1,"id":"a1","name":"X","port":65536,"members":0,"password":false,"tls":false})",
        R"({"parley":"room","v":1,"id":"a1","name":"X","port":80,"members":-1,"password":false,"tls":false})",
        R"({"parley":"room","v":1,"id":"a1","name":"X","port":80,"members":2.5,"password":false,"tls":false})",
        R"({"parley":"room","v":1,"id":"a1","name":"X","port":80,"members":1e300,"password":false,"tls":false})",
        R"({"parley":"room","v":1,"id":"a1","name":"X","port":80,"members":0,"password":"no","tls":false})",
        R"({"parley":"room","v":1,"id":"a1","name":"X","port":80,"members":0,"password":false})",
        R"({"parley":"room","v":1,"id":"a1","name":"   ","port":80,"members":0,"password":false,"tls":false})",
        R"({"parley":"room","v":1,"id":"a1","name":"tab	in name","port":80,"members":0,"password":false,"tls":false})",
        R"({"parley":"room","v":1,"id":"","name":"X","port":80,"members":0,"password":false,"tls":false})",
        good.left(good.size() - 1),
    };
    for (const QByteArray &datagram : bad)
        EXPECT_FALSE(decode(datagram)) << datagram.constData();

    Announcement longName = labRoom();
    longName.name = QString(100, u'n');
    EXPECT_FALSE(decode(encode(longName)));
    Announcement longId = labRoom();
    longId.instanceId = QString(MaxInstanceIdLength + 1, u'a');
    EXPECT_FALSE(decode(encode(longId)));
}

TEST(DiscoveryPacket, OversizedDatagramsAreRefusedUnparsed)
{
    QByteArray padded = encode(labRoom());
    padded.chop(1);
    padded += ",\"pad\":\"" + QByteArray(MaxPacketBytes, 'x') + "\"}";
    EXPECT_FALSE(decode(padded));
}
