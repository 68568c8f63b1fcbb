// Edits, deletions and search (issue 19), with real clients on loopback and a real SQLite file.
#include "GatewayTest.h"

#include <QTest>

namespace {

QJsonObject edit(const QString &conversation, qint64 seq, const QString &text)
{
    return {{u"type"_s, u"edit"_s}, {u"conversation"_s, conversation}, {u"seq"_s, seq}, {u"text"_s, text}};
}

QJsonObject deletion(const QString &conversation, qint64 seq)
{
    return {{u"type"_s, u"delete"_s}, {u"conversation"_s, conversation}, {u"seq"_s, seq}};
}

QJsonObject search(const QString &query, const QJsonObject &more = {})
{
    QJsonObject object{{u"type"_s, u"search"_s}, {u"query"_s, query}};
    for (auto it = more.begin(); it != more.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QStringList texts(const QJsonArray &messages)
{
    QStringList result;
    for (const QJsonValue &message : messages)
        result.append(message[u"text"_s].toString());
    return result;
}

} // namespace

class EditsTest : public ConversationsTest
{
protected:
    /// Posts and returns the seq the room gave it.
    qint64 post(TestClient *client, const QString &conversation, const QString &text)
    {
        const QString clientId = u"p%1"_s.arg(++posted);
        client->send(chat(conversation, text, clientId));
        const auto ack =
            client->waitFor(u"ack"_s, [&](const QJsonObject &a) { return a[u"clientId"_s] == clientId; });
        return ack ? (*ack)[u"seq"_s].toInteger() : 0;
    }

    std::optional<QJsonObject> changeOf(TestClient *client, qint64 seq, const QString &text = {})
    {
        return client->waitFor(u"changed"_s, [&](const QJsonObject &c) {
            return c[u"seq"_s].toInteger() == seq && (text.isNull() || c[u"text"_s] == text);
        });
    }

    /// The messages of a conversation's newest page, as the room has them now.
    QJsonArray page(TestClient *client, const QString &conversation)
    {
        const int before = int(client->received(u"history"_s).size());
        client->send({{u"type"_s, u"history"_s}, {u"conversation"_s, conversation}, {u"limit"_s, 50}});
        if (!QTest::qWaitFor([&] { return client->received(u"history"_s).size() > before; }, 5000))
            return {};
        return client->received(u"history"_s).constLast()[u"messages"_s].toArray();
    }

    int posted = 0;
};

TEST_F(EditsTest, AnEditAndADeletionReachEveryoneAndOnlyTheAuthorMayMakeThem)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    TestClient *old = member(u"Old"_s, 1);
    const qint64 seq = post(ann, u"general"_s, u"see you at 5"_s);
    ASSERT_GT(seq, 0);
    ASSERT_TRUE(bob->waitFor(u"chat"_s));

    ann->send(edit(u"general"_s, seq, u"see you at 6 @Bob"_s));
    const auto seen = changeOf(bob, seq);
    ASSERT_TRUE(seen);
    EXPECT_EQ((*seen)[u"text"_s], u"see you at 6 @Bob"_s);
    EXPECT_GT((*seen)[u"revision"_s].toInteger(), seq);
    EXPECT_GT((*seen)[u"edited"_s].toInteger(), 0);
    EXPECT_EQ((*seen)[u"from"_s][u"id"_s], ann->id());
    ASSERT_TRUE(changeOf(ann, seq)); // the author's own confirmation

    // Nobody else may change it: refused, and nothing changed.
    bob->send(edit(u"general"_s, seq, u"hijacked"_s));
    EXPECT_TRUE(errorAbout(bob, u"forbidden"_s));
    bob->send(deletion(u"general"_s, seq));
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->received(u"error"_s).size() == 2; }, 5000));
    old->send(edit(u"general"_s, seq, u"from v1"_s));
    EXPECT_TRUE(errorAbout(old, u"forbidden"_s));
    ann->send(edit(u"general"_s, seq + 1000, u"no such message"_s));
    EXPECT_TRUE(errorAbout(ann, u"forbidden"_s));
    ann->send(edit(u"general"_s, seq, u"   "_s));
    EXPECT_TRUE(errorAbout(ann, u"empty_text"_s));
    syncThrough(ann, bob);
    EXPECT_EQ(bob->received(u"changed"_s).size(), 1);
    EXPECT_TRUE(old->received(u"changed"_s).isEmpty()); // v1 has no such frame
    EXPECT_EQ(page(bob, u"general"_s).at(0)[u"text"_s], u"see you at 6 @Bob"_s);

    ann->send(deletion(u"general"_s, seq));
    const auto deleted = changeOf(bob, seq, u""_s);
    ASSERT_TRUE(deleted);
    EXPECT_EQ((*deleted)[u"deleted"_s], u"author"_s);
    ann->send(edit(u"general"_s, seq, u"back from the dead"_s));
    EXPECT_TRUE(errorAbout(ann, u"forbidden"_s));
    const QJsonObject stored = page(bob, u"general"_s).at(0).toObject();
    EXPECT_EQ(stored[u"text"_s], u""_s);
    EXPECT_EQ(stored[u"deleted"_s], u"author"_s);
    EXPECT_FALSE(stored.contains(u"mentions"_s));
}

TEST_F(EditsTest, NobodyChangesAMessageOfAConversationTheyAreNotIn)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    TestClient *eve = member(u"Eve"_s);
    const QString direct = openDirect(ann, bob);
    const qint64 seq = post(ann, direct, u"just for Bob"_s);
    // Eve names the message under #general (where it is not) and under the direct id: both
    // answered as if it did not exist.
    eve->send(deletion(u"general"_s, seq));
    eve->send(deletion(direct, seq));
    ASSERT_TRUE(QTest::qWaitFor([&] { return eve->received(u"error"_s).size() == 2; }, 5000));
    for (const QJsonObject &error : eve->received(u"error"_s))
        EXPECT_EQ(error[u"code"_s], u"forbidden"_s);
    // Even its author cannot move it to another conversation by naming that one.
    ann->send(edit(u"general"_s, seq, u"now public"_s));
    EXPECT_TRUE(errorAbout(ann, u"forbidden"_s));
    ann->send(edit(direct, seq, u"just for you, Bob"_s));
    ASSERT_TRUE(changeOf(bob, seq, u"just for you, Bob"_s));
    syncThrough(ann, eve);
    EXPECT_TRUE(eve->received(u"changed"_s).isEmpty());
}

TEST_F(EditsTest, AResumeBringsEachChangeOnceAsItIsNowAlsoAfterARestart)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    const QString direct = openDirect(ann, bob);
    const qint64 first = post(ann, u"general"_s, u"first"_s);
    const qint64 second = post(ann, direct, u"second"_s);
    const qint64 untouched = post(ann, u"general"_s, u"untouched"_s);
    ASSERT_TRUE(bob->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"untouched"_s; }));
    const qint64 bobSaw = untouched;
    bob->socket().close();
    ASSERT_TRUE(bob->waitForClose());

    // While Bob is away: the first edited twice, the second deleted, a new one posted and edited.
    ann->send(edit(u"general"_s, first, u"first, edited"_s));
    ann->send(edit(u"general"_s, first, u"first, edited again"_s));
    ann->send(deletion(direct, second));
    const qint64 later = post(ann, u"general"_s, u"later"_s);
    ann->send(edit(u"general"_s, later, u"later, edited"_s));
    ASSERT_TRUE(changeOf(ann, later, u"later, edited"_s));

    // ... and the room restarts (what was acked and confirmed is on disk).
    restartGateway();

    TestClient *back = member(u"Bob"_s, 2, bobSaw);
    QList<QJsonObject> got;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            got.clear();
            for (const QJsonObject &page : back->received(u"history"_s)) {
                for (const QJsonValue &message : page[u"messages"_s].toArray())
                    got.append(message.toObject());
            }
            return got.size() >= 3;
        },
        5000));
    syncThrough(member(u"Cat"_s), back); // nothing more is on its way
    QStringList seen;
    qint64 position = bobSaw;
    for (const QJsonObject &message : got) {
        seen.append(message[u"text"_s].toString() + u'/' + message[u"deleted"_s].toString());
        const qint64 at = std::max(message[u"seq"_s].toInteger(), message[u"revision"_s].toInteger());
        EXPECT_GT(at, position); // in the order of the room's one sequence
        position = at;
    }
    // Each once, as it is now: the first as last edited, the second deleted, the later one edited.
    EXPECT_EQ(seen, (QStringList{u"first, edited again/"_s, u"/author"_s, u"later, edited/"_s}));
    EXPECT_EQ(got.at(0)[u"seq"_s].toInteger(), first);
    EXPECT_EQ(got.at(1)[u"seq"_s].toInteger(), second);
    EXPECT_EQ(got.at(2)[u"seq"_s].toInteger(), later);

    // Resuming from there again brings nothing twice.
    for (const QJsonObject &live : back->received(u"chat"_s))
        position = std::max(position, live[u"seq"_s].toInteger());
    back->socket().close();
    ASSERT_TRUE(back->waitForClose());
    TestClient *again = member(u"Bob"_s, 2, position);
    syncThrough(member(u"Dan"_s), again);
    for (const QJsonObject &page : again->received(u"history"_s))
        EXPECT_TRUE(page[u"messages"_s].toArray().isEmpty());
    EXPECT_TRUE(again->received(u"changed"_s).isEmpty());
}

TEST_F(EditsTest, AReplyQuotesItsOriginalAsItIsNowLiveInHistoryAndAfterARestart)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    TestClient *old = member(u"Old"_s, 1);
    const QString direct = openDirect(ann, bob);
    const qint64 original = post(bob, u"general"_s, u"Shall we meet at 5?"_s);
    const qint64 elsewhere = post(bob, direct, u"just between us"_s);
    const auto replyTo = [](qint64 seq, const QString &clientId) {
        QJsonObject frame = chat(u"general"_s, u"Yes!"_s, clientId);
        frame.insert(u"replyTo"_s, seq);
        return frame;
    };

    // Live: the others get the reply with a quote of what it answers.
    ann->send(replyTo(original, u"r1"_s));
    const auto live = bob->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"Yes!"_s; });
    ASSERT_TRUE(live);
    const QJsonObject quote = (*live)[u"reply"_s].toObject();
    EXPECT_EQ(quote[u"seq"_s].toInteger(), original);
    EXPECT_EQ(quote[u"from"_s][u"name"_s], u"Bob"_s);
    EXPECT_EQ(quote[u"text"_s], u"Shall we meet at 5?"_s);
    // A version 1 member reads it as a chat like any other.
    const auto v1 = old->waitFor(u"chat"_s, [](const QJsonObject &c) { return c[u"text"_s] == u"Yes!"_s; });
    ASSERT_TRUE(v1);
    EXPECT_FALSE(v1->contains(u"reply"_s));

    // A reply to a message of another conversation, or to none, is refused like one to nothing:
    // nothing is posted, and nothing is learnt of the other conversation.
    for (const qint64 seq : {elsewhere, qint64(999999)}) {
        const QString clientId = u"bad%1"_s.arg(seq);
        ann->send(replyTo(seq, clientId));
        const auto refused =
            ann->waitFor(u"error"_s, [&](const QJsonObject &e) { return e[u"clientId"_s] == clientId; });
        ASSERT_TRUE(refused);
        EXPECT_EQ((*refused)[u"code"_s], u"bad_field"_s);
        EXPECT_EQ((*refused)[u"message"_s],
                  u"replyTo: there is no message %1 in this conversation"_s.arg(seq));
        EXPECT_TRUE(ann->received(u"ack"_s).constLast()[u"clientId"_s] != clientId);
    }

    // History quotes the original as it is now: edited, after a restart, then deleted.
    const QString longText = QString(150, u'é') + u"😀 and more"_s;
    const qint64 longOne = post(bob, u"general"_s, longText);
    ann->send(replyTo(longOne, u"r2"_s));
    ASSERT_TRUE(ann->waitFor(u"ack"_s, [](const QJsonObject &a) { return a[u"clientId"_s] == u"r2"_s; }));
    bob->send(edit(u"general"_s, original, u"Shall we meet at 6?"_s));
    ASSERT_TRUE(changeOf(ann, original, u"Shall we meet at 6?"_s));
    restartGateway();
    TestClient *reader = member(u"Cat"_s);
    const auto quoteIn = [&](const QString &clientText, qint64 seq) {
        for (const QJsonValue &message : page(reader, u"general"_s)) {
            if (message[u"text"_s] == clientText && message[u"reply"_s][u"seq"_s].toInteger() == seq)
                return message[u"reply"_s].toObject();
        }
        return QJsonObject();
    };
    EXPECT_EQ(quoteIn(u"Yes!"_s, original)[u"text"_s], u"Shall we meet at 6?"_s);
    // A quote is the start of the original, in whole characters.
    EXPECT_EQ(quoteIn(u"Yes!"_s, longOne)[u"text"_s], QString(140, u'é'));

    TestClient *bobAgain = member(u"Bob"_s);
    bobAgain->send(deletion(u"general"_s, original));
    ASSERT_TRUE(changeOf(bobAgain, original));
    const QJsonObject deleted = quoteIn(u"Yes!"_s, original);
    EXPECT_TRUE(deleted[u"deleted"_s].toBool());
    EXPECT_EQ(deleted[u"text"_s], u""_s);
    EXPECT_EQ(deleted[u"from"_s][u"name"_s], u"Bob"_s);
}

TEST_F(EditsTest, SearchFindsWordsWithoutTheirAccentsOnlyWhereTheSearcherReads)
{
    TestClient *ann = member(u"Ann"_s);
    TestClient *bob = member(u"Bob"_s);
    TestClient *eve = member(u"Eve"_s);
    const QString direct = openDirect(ann, bob);
    post(ann, u"general"_s, u"Học tiếng Việt mỗi ngày"_s);
    post(ann, direct, u"the secret tiếng word"_s);
    const qint64 typo = post(ann, u"general"_s, u"Crème brûlée recipe"_s);
    const qint64 gone = post(bob, u"general"_s, u"tiếng deleted"_s);
    bob->send(deletion(u"general"_s, gone));
    ASSERT_TRUE(changeOf(bob, gone));
    ann->send(edit(u"general"_s, typo, u"Creme caramel recipe"_s));
    ASSERT_TRUE(changeOf(ann, typo));

    eve->send(search(u"tieng viet"_s));
    auto results = eve->waitFor(u"search_results"_s);
    ASSERT_TRUE(results);
    EXPECT_EQ((*results)[u"query"_s], u"tieng viet"_s);
    EXPECT_EQ(texts((*results)[u"messages"_s].toArray()), QStringList{u"Học tiếng Việt mỗi ngày"_s});
    EXPECT_EQ((*results)[u"messages"_s][0][u"conversation"_s], u"general"_s);

    // Eve reads #general only: the direct message is not found, not even counted.
    eve->send(search(u"secret"_s));
    results =
        eve->waitFor(u"search_results"_s, [](const QJsonObject &r) { return r[u"query"_s] == u"secret"_s; });
    ASSERT_TRUE(results);
    EXPECT_TRUE((*results)[u"messages"_s].toArray().isEmpty());
    EXPECT_EQ((*results)[u"hasMore"_s], false);
    eve->send(search(u"secret"_s, {{u"conversation"_s, direct}}));
    EXPECT_TRUE(errorAbout(eve, u"forbidden"_s));

    // Bob reads both, newest first, in pages; deleted text and edited-away words are not found.
    bob->send(search(u"TIENG"_s, {{u"limit"_s, 1}}));
    results = bob->waitFor(u"search_results"_s);
    ASSERT_TRUE(results);
    EXPECT_EQ(texts((*results)[u"messages"_s].toArray()), QStringList{u"the secret tiếng word"_s});
    EXPECT_EQ((*results)[u"hasMore"_s], true);
    bob->send(search(u"TIENG"_s, {{u"limit"_s, 5}, {u"before"_s, (*results)[u"messages"_s][0][u"seq"_s]}}));
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->received(u"search_results"_s).size() == 2; }, 5000));
    results = bob->received(u"search_results"_s).constLast();
    EXPECT_EQ(texts((*results)[u"messages"_s].toArray()), QStringList{u"Học tiếng Việt mỗi ngày"_s});
    EXPECT_EQ((*results)[u"hasMore"_s], false);
    bob->send(search(u"brulee"_s));
    bob->send(search(u"caramel \"recipe"_s)); // a stray quote is a character, not FTS5 syntax
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->received(u"search_results"_s).size() == 4; }, 5000));
    EXPECT_TRUE(bob->received(u"search_results"_s).at(2)[u"messages"_s].toArray().isEmpty());
    EXPECT_EQ(texts(bob->received(u"search_results"_s).at(3)[u"messages"_s].toArray()),
              QStringList{u"Creme caramel recipe"_s});
}

TEST_F(EditsTest, SearchingIsRateLimitedPerMember)
{
    TestClient *ann = member(u"Ann"_s);
    for (int i = 0; i < 12; ++i)
        ann->send(search(u"word%1"_s.arg(i)));
    ASSERT_TRUE(errorAbout(ann, u"rate_limited"_s));
    syncThrough(ann, member(u"Bob"_s));
    const qsizetype answered = ann->received(u"search_results"_s).size();
    EXPECT_GE(answered, 5);
    EXPECT_LT(answered, 12);
    EXPECT_EQ(answered + ann->received(u"error"_s).size(), 12); // each one answered, none dropped
}

TEST_F(EditsTest, AResumeOverManyPagesBringsEveryChangeOnceAndAVersion1MemberWhatWasPosted)
{
    restartGateway(
        [](ServerConfig &config) { config.resumePageSize = 3; }); // many pages, with changes among them
    TestClient *ann = member(u"Ann"_s);
    QList<qint64> old;
    for (int i = 0; i < 6; ++i)
        old.append(post(ann, u"general"_s, u"old %1"_s.arg(i)));
    const qint64 since = old.last();
    for (int i = 0; i < 6; i += 2) // every other old one changes...
        ann->send(edit(u"general"_s, old[i], u"old %1, edited"_s.arg(i)));
    QList<qint64> fresh;
    for (int i = 0; i < 4; ++i) // ...and a new one after the next was posted
        fresh.append(post(ann, u"general"_s, u"new %1"_s.arg(i)));
    ann->send(edit(u"general"_s, fresh[2], u"new 2, edited"_s));
    ASSERT_TRUE(changeOf(ann, fresh[2], u"new 2, edited"_s));

    const auto resumed = [&](int protocol) {
        TestClient *back = member(u"Reader%1"_s.arg(protocol), protocol, since);
        QStringList got;
        // Not asserted here: what came is compared below, after nothing more can come.
        (void)QTest::qWaitFor(
            [&] {
                got.clear();
                for (const QJsonObject &page : back->received(u"history"_s)) {
                    for (const QJsonValue &m : page[u"messages"_s].toArray())
                        got.append(m[u"text"_s].toString());
                }
                return got.size() >= (protocol == 2 ? 7 : 4);
            },
            5000);
        syncThrough(ann, back); // and nothing more comes
        got.clear();
        for (const QJsonObject &page : back->received(u"history"_s)) {
            for (const QJsonValue &m : page[u"messages"_s].toArray())
                got.append(m[u"text"_s].toString());
        }
        return got;
    };
    // Each once, in the order of the sequence: a change where it happened (new 2 was edited
    // after new 3 was posted).
    EXPECT_EQ(resumed(2), (QStringList{u"old 0, edited"_s, u"old 2, edited"_s, u"old 4, edited"_s, u"new 0"_s,
                                       u"new 1"_s, u"new 3"_s, u"new 2, edited"_s}));
    // A v1 client knows no changes: what was posted since, as it is now, in seq order (the
    // edited one ends its first page, and the next starts after its seq), and the marker the
    // first reader's check posted.
    EXPECT_EQ(resumed(1),
              (QStringList{u"new 0"_s, u"new 1"_s, u"new 2, edited"_s, u"new 3"_s, u"marker-1"_s}));
}
