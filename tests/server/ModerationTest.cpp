// Moderation (issue 19) with real clients on loopback and a real SQLite file: every action works,
// is audited and told to whom it concerns, and none of it is open to a member who is not a
// moderator.
#include "GatewayTest.h"

#include <QTest>

namespace {

QJsonObject moderate(const QString &action, const QString &member = {}, qint64 minutes = 0)
{
    QJsonObject object{{u"type"_s, u"moderate"_s}, {u"action"_s, action}, {u"reason"_s, u"be nice"_s}};
    if (!member.isEmpty())
        object.insert(u"member"_s, member);
    if (minutes > 0)
        object.insert(u"minutes"_s, minutes);
    return object;
}

QJsonObject slowMode(int seconds)
{
    return {{u"type"_s, u"moderate"_s}, {u"action"_s, u"slow_mode"_s}, {u"seconds"_s, seconds}};
}

} // namespace

class ModerationTest : public ConversationsTest
{
protected:
    void SetUp() override
    {
        ServerConfig config;
        config.databasePath = dir.filePath(u"server.sqlite"_s);
        config.moderatorPassword = RoomPassword::fromPlainText(u"mod pass"_s);
        config.moderatorTokens = {u"token-of-Host-0123456789"_s}; // as a desktop room's host is
        startGateway(config);
    }

    /// Waits until the client's connection is closed and returns its close code.
    static int closeCode(TestClient *client)
    {
        EXPECT_TRUE(client->waitForClose());
        return int(client->socket().closeCode());
    }

    qint64 post(TestClient *client, const QString &text)
    {
        client->sendChat(text, text);
        const auto ack =
            client->waitFor(u"ack"_s, [&](const QJsonObject &a) { return a[u"clientId"_s] == text; });
        return ack ? (*ack)[u"seq"_s].toInteger() : 0;
    }

    QStringList auditActions(TestClient *moderator)
    {
        const int before = int(moderator->received(u"audit_log"_s).size());
        moderator->send({{u"type"_s, u"audit_log"_s}});
        if (!QTest::qWaitFor([&] { return moderator->received(u"audit_log"_s).size() > before; }, 5000))
            return {};
        QStringList actions;
        for (const QJsonValue &entry :
             moderator->received(u"audit_log"_s).constLast()[u"entries"_s].toArray())
            actions.append(entry[u"action"_s].toString() + u':' + entry[u"target"_s][u"name"_s].toString());
        return actions;
    }
};

TEST_F(ModerationTest, NothingAModeratorDoesIsOpenToAMemberAndNothingChanges)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const qint64 seq = post(ann, u"Ann's message"_s);
    const QList<QJsonObject> tries{
        moderate(u"kick"_s, ann->id()),
        moderate(u"ban"_s, ann->id()),
        moderate(u"mute"_s, ann->id(), 10),
        moderate(u"unban"_s, ann->id()),
        slowMode(30),
        moderate(u"lock"_s),
        {{u"type"_s, u"audit_log"_s}},
        {{u"type"_s, u"delete"_s}, {u"conversation"_s, u"general"_s}, {u"seq"_s, seq}},
    };
    for (const QJsonObject &frame : tries)
        bob->send(frame);
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->received(u"error"_s).size() == tries.size(); }, 5000));
    for (const QJsonObject &error : bob->received(u"error"_s))
        EXPECT_EQ(error[u"code"_s], u"forbidden"_s) << error[u"message"_s].toString().toStdString();

    // Nothing changed: Ann is here and may post, her message stands, the room is as it was.
    syncThrough(ann, bob);
    EXPECT_TRUE(ann->isConnected());
    EXPECT_TRUE(ann->received(u"sanction"_s).isEmpty());
    EXPECT_TRUE(bob->received(u"changed"_s).isEmpty());
    EXPECT_TRUE(bob->received(u"room_state"_s).isEmpty());
    TestClient *newcomer = member(u"Newcomer"_s);
    EXPECT_FALSE(newcomer->received(u"welcome"_s).constFirst().contains(u"state"_s));
    TestClient *host = member(u"Host"_s);
    EXPECT_TRUE(host->received(u"welcome"_s).constFirst()[u"moderator"_s].toBool());
    EXPECT_TRUE(auditActions(host).isEmpty());
}

TEST_F(ModerationTest, TheModeratorPasswordMakesAModeratorForGoodAndGuessesAreSlowedDown)
{
    TestClient *bob = member(u"Bob"_s);
    EXPECT_TRUE(bob->received(u"welcome"_s).constFirst()[u"moderatorByPassword"_s].toBool());
    EXPECT_FALSE(bob->received(u"welcome"_s).constFirst().contains(u"moderator"_s));
    for (int i = 0; i < 3; ++i)
        bob->send({{u"type"_s, u"become_moderator"_s}, {u"password"_s, u"guess %1"_s.arg(i)}});
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->received(u"error"_s).size() == 3; }, 5000));
    EXPECT_EQ(bob->received(u"error"_s).at(0)[u"code"_s], u"forbidden"_s);
    // Past the free guesses, the next waits.
    bob->send({{u"type"_s, u"become_moderator"_s}, {u"password"_s, u"mod pass"_s}});
    EXPECT_TRUE(errorAbout(bob, u"rate_limited"_s));
    EXPECT_TRUE(bob->received(u"moderator"_s).isEmpty());

    TestClient *cat = member(u"Cat"_s);
    cat->send({{u"type"_s, u"become_moderator"_s}, {u"password"_s, u"mod pass"_s}});
    ASSERT_TRUE(cat->waitFor(u"moderator"_s));
    // Kept: after a restart Cat is still one, and the audit log says since when.
    restartGateway();
    TestClient *back = member(u"Cat"_s);
    EXPECT_TRUE(back->received(u"welcome"_s).constFirst()[u"moderator"_s].toBool());
    EXPECT_EQ(auditActions(back), QStringList{u"moderator:"_s});
}

TEST_F(ModerationTest, KickMuteSlowModeLockAndDeleteDoWhatTheySayAndAreAudited)
{
    TestClient *host = member(u"Host"_s);
    TestClient *bob = member(u"Bob"_s);
    const QString bobId = bob->id();
    const qint64 bobsMessage = post(bob, u"something rude"_s);

    // Delete: gone for everyone, marked as a moderator's doing.
    host->send({{u"type"_s, u"delete"_s}, {u"conversation"_s, u"general"_s}, {u"seq"_s, bobsMessage}});
    const auto deleted = bob->waitFor(u"changed"_s);
    ASSERT_TRUE(deleted);
    EXPECT_EQ((*deleted)[u"deleted"_s], u"moderator"_s);

    // Mute: told, refused, and lifted.
    host->send(moderate(u"mute"_s, bobId, 10));
    const auto muted = bob->waitFor(u"sanction"_s);
    ASSERT_TRUE(muted);
    EXPECT_EQ((*muted)[u"action"_s], u"mute"_s);
    EXPECT_EQ((*muted)[u"reason"_s], u"be nice"_s);
    EXPECT_EQ((*muted)[u"by"_s][u"name"_s], u"Host"_s);
    EXPECT_GT((*muted)[u"until"_s].toInteger(), QDateTime::currentMSecsSinceEpoch() + 9 * 60 * 1000);
    bob->sendChat(u"can I talk?"_s, u"m1"_s);
    const auto refused = errorAbout(bob, u"muted"_s);
    ASSERT_TRUE(refused);
    EXPECT_EQ((*refused)[u"clientId"_s], u"m1"_s);
    host->send(moderate(u"unmute"_s, bobId));
    ASSERT_TRUE(
        bob->waitFor(u"sanction"_s, [](const QJsonObject &s) { return s[u"action"_s] == u"unmute"_s; }));
    EXPECT_GT(post(bob, u"thanks"_s), 0);

    // Slow mode: everyone is told; one message per 30 s for members, none for moderators.
    host->send(slowMode(30));
    const auto state = bob->waitFor(u"room_state"_s);
    ASSERT_TRUE(state);
    EXPECT_EQ((*state)[u"slowMode"_s], 30);
    EXPECT_GT(post(bob, u"first"_s), 0);
    bob->sendChat(u"second"_s, u"s2"_s);
    EXPECT_TRUE(errorAbout(bob, u"slow_mode"_s));
    EXPECT_GT(post(host, u"host 1"_s), 0);
    EXPECT_GT(post(host, u"host 2"_s), 0);
    host->send(slowMode(0));
    ASSERT_TRUE(bob->waitFor(u"room_state"_s, [](const QJsonObject &s) { return s[u"slowMode"_s] == 0; }));
    EXPECT_GT(post(bob, u"free again"_s), 0);

    // Kick: told, closed with 4003; the member may come back.
    host->send(moderate(u"kick"_s, bobId));
    ASSERT_TRUE(
        bob->waitFor(u"sanction"_s, [](const QJsonObject &s) { return s[u"action"_s] == u"kick"_s; }));
    EXPECT_EQ(closeCode(bob), Protocol::CloseCodeKicked);
    // Others are told it was a moderator's doing, not that Bob left.
    const auto removed = host->waitFor(
        u"presence"_s, [&](const QJsonObject &p) { return p[u"left"_s].toArray().contains(bobId); });
    ASSERT_TRUE(removed);
    EXPECT_EQ((*removed)[u"removed"_s].toArray(), QJsonArray{bobId});
    TestClient *bobAgain = member(u"Bob"_s);
    EXPECT_EQ(bobAgain->id(), bobId);

    // Lock: nobody new gets in (4005); those the room knows do.
    host->send(moderate(u"lock"_s));
    ASSERT_TRUE(
        bobAgain->waitFor(u"room_state"_s, [](const QJsonObject &s) { return s[u"locked"_s] == true; }));
    TestClient *stranger = clients.emplace_back(std::make_unique<TestClient>()).get();
    ASSERT_TRUE(stranger->open(url));
    stranger->send({{u"type"_s, u"hello"_s}, {u"name"_s, u"Stranger"_s}, {u"protocol"_s, 2}});
    EXPECT_TRUE(errorAbout(stranger, u"room_locked"_s));
    EXPECT_EQ(closeCode(stranger), Protocol::CloseCodeRoomLocked);
    bobAgain->socket().close();
    ASSERT_TRUE(bobAgain->waitForClose());
    const auto bobLeft = [&] {
        QList<QJsonObject> frames = host->received(u"presence"_s);
        erase_if(frames, [&](const QJsonObject &p) { return !p[u"left"_s].toArray().contains(bobId); });
        return frames;
    };
    ASSERT_TRUE(QTest::qWaitFor([&] { return bobLeft().size() == 2; }, 5000));
    EXPECT_FALSE(bobLeft().constLast().contains(u"removed"_s)); // this time Bob left by himself
    TestClient *known = member(u"Bob"_s);
    EXPECT_TRUE(known->isConnected());
    EXPECT_TRUE(known->received(u"welcome"_s).constFirst()[u"state"_s][u"locked"_s].toBool());

    EXPECT_EQ(auditActions(host), (QStringList{u"lock:"_s, u"kick:Bob"_s, u"slow_mode:"_s, u"slow_mode:"_s,
                                               u"unmute:Bob"_s, u"mute:Bob"_s, u"delete:Bob"_s}));
}

TEST_F(ModerationTest, ABanKeepsTheMemberAndItsAddressOutAcrossARestartUntilLifted)
{
    TestClient *host = member(u"Host"_s);
    TestClient *bob = member(u"Bob"_s);
    const QString bobId = bob->id();
    host->send(moderate(u"ban"_s, bobId));
    ASSERT_TRUE(bob->waitFor(u"sanction"_s, [](const QJsonObject &s) { return s[u"action"_s] == u"ban"_s; }));
    EXPECT_EQ(closeCode(bob), Protocol::CloseCodeBanned);

    restartGateway();

    // Bob again, and anyone new from Bob's address: turned away. The moderator is not.
    for (const QString &name : {u"Bob"_s, u"Bob's friend"_s}) {
        TestClient *client = clients.emplace_back(std::make_unique<TestClient>()).get();
        ASSERT_TRUE(client->open(url));
        client->send({{u"type"_s, u"hello"_s},
                      {u"name"_s, name},
                      {u"protocol"_s, 2},
                      {u"token"_s, u"token-of-%1-0123456789"_s.arg(name)}});
        const auto error = errorAbout(client, u"banned"_s);
        ASSERT_TRUE(error) << name.toStdString();
        EXPECT_EQ(closeCode(client), Protocol::CloseCodeBanned);
    }
    TestClient *hostAgain = member(u"Host"_s);
    ASSERT_TRUE(hostAgain->isConnected());
    hostAgain->send(moderate(u"unban"_s, bobId));
    EXPECT_EQ(auditActions(hostAgain), (QStringList{u"unban:Bob"_s, u"ban:Bob"_s}));
    TestClient *bobBack = member(u"Bob"_s);
    EXPECT_EQ(bobBack->id(), bobId);
    EXPECT_TRUE(bobBack->isConnected());
}
