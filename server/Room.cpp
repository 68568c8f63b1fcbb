#include "Room.h"

#include "Logging.h"
#include "OutgoingBatch.h"
#include "OutgoingMessage.h"
#include "PasswordChecker.h"
#include "Session.h"
#include "Validation.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <algorithm>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

QString newMemberId()
{
    return QString::number(QRandomGenerator::global()->generate64(), 36);
}

template<typename List, typename Predicate>
void eraseIf(List &list, Predicate predicate)
{
    list.erase(std::remove_if(list.begin(), list.end(), predicate), list.end());
}

} // namespace

Room::Room(const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_store(config.databasePath)
    , m_admissionTimer(this)
    , m_presenceTimer(this)
    , m_commitTimer(this)
    , m_catchUpTimer(this)
    , m_passwordChecker(new PasswordChecker(config.password, this))
{
    connect(m_passwordChecker, &PasswordChecker::checked, this, &Room::onPasswordChecked);
    m_catchUpTimer.setSingleShot(true);
    connect(&m_catchUpTimer, &QTimer::timeout, this, &Room::continueCatchUps);
    m_commitTimer.setSingleShot(true);
    connect(&m_commitTimer, &QTimer::timeout, this, &Room::commitChats);
    m_admissionTimer.setSingleShot(true);
    connect(&m_admissionTimer, &QTimer::timeout, this, &Room::joinOverdueAdmissions);
    m_presenceTimer.setSingleShot(true);
    connect(&m_presenceTimer, &QTimer::timeout, this, &Room::flushPresence);
    m_sinceFlush.start();
}

Room::~Room()
{
    flush(); // accepted chats are stored even when the room closes before the next turn
}

void Room::flush()
{
    m_commitTimer.stop();
    commitChats();
}

bool Room::open()
{
    if (!m_store.open())
        return false;
    const auto lastSeq = m_store.lastSeq();
    if (!lastSeq)
        return false;
    m_lastSeq = *lastSeq;
    m_roomSecret = m_store.roomSecret();
    const QByteArray id =
        QMessageAuthenticationCode::hash("discovery instance id", m_roomSecret, QCryptographicHash::Sha256);
    m_instanceId = QString::fromLatin1(id.toHex().left(16));
    return true;
}

QString Room::memberIdFor(const QString &token) const
{
    // Keyed by the room's own secret: the same token is the same member here, but neither the
    // token nor a link between rooms can be read from the id.
    const QByteArray mac =
        QMessageAuthenticationCode::hash(token.toUtf8(), m_roomSecret, QCryptographicHash::Sha256);
    return QString::fromLatin1(
        mac.left(10).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

OutgoingMessage Room::welcomeFor(const Session *session)
{
    const QList<Member> &everyone = members();
    return OutgoingMessage::welcome(
        Welcome{Version, m_config.roomName, session->member(), everyone, m_lastSeq, instanceId(),
                RoomLimits{m_config.limits.maxTextLength, qint64(m_config.limits.maxMessageBytes)}},
        m_memberList.json());
}

const QList<Member> &Room::members() const
{
    if (!m_memberList.isValid()) {
        QList<Member> everyone;
        everyone.reserve(qsizetype(m_members.size()));
        for (const Session *session : m_members)
            everyone.append(session->member());
        m_memberList.assign(everyone);
    }
    return m_memberList.members();
}

bool Room::allowFrame(Session *session)
{
    RateLimiter &limiter = *session->m_rateLimiter;
    if (limiter.tryTake())
        return true;
    if (limiter.refusalsInARow() == m_config.rateAbuseLimit) {
        qCInfo(lcRoom) << "closing a flooding connection" << session->member().id;
        session->closeConnection(CloseCodePolicyViolation, u"too many messages"_s);
    } else if (limiter.refusalsInARow() < m_config.rateAbuseLimit) {
        session->deliver(OutgoingMessage(
            ServerError{{ErrorCode::RateLimited,
                         u"slow down: at most %1 messages per second"_s.arg(m_config.ratePerSecond)},
                        {}}));
    }
    return false;
}

void Room::admit(Session *session)
{
    session->m_rateLimiter.emplace(m_config.ratePerSecond, m_config.rateBurst);
    m_admissions.push_back({session, {}});
    m_admissions.back().waiting.start();
    if (!m_admissionTimer.isActive())
        m_admissionTimer.start(m_config.helloTimeout);
}

void Room::helloRefused(Session *session)
{
    if (session->hasJoined())
        return;
    // A fresh hello time to send a corrected one; if none comes, it is closed, not made a guest.
    session->m_helloRefused = true;
    eraseIf(m_admissions, [session](const Admission &a) { return a.session == session; });
    m_admissions.push_back({session, {}}); // the deque stays in the order times run out
    m_admissions.back().waiting.start();
    if (!m_admissionTimer.isActive())
        m_admissionTimer.start(m_config.helloTimeout);
}

void Room::joinOverdueAdmissions()
{
    const auto timeout = m_config.helloTimeout.count();
    while (!m_admissions.empty() && m_admissions.front().waiting.elapsed() >= timeout) {
        Session *session = m_admissions.front().session;
        m_admissions.pop_front();
        if (session->m_helloRefused) {
            session->m_refused = true;
            session->closeConnection(CloseCodePolicyViolation,
                                     u"no hello the room could accept came in time"_s);
        } else if (m_config.password.isSet())
            refuse(session, u"this room needs a password"_s);
        else
            join(session, Hello{});
    }
    if (!m_admissions.empty())
        m_admissionTimer.start(std::max<qint64>(0, timeout - m_admissions.front().waiting.elapsed()));
}

void Room::handle(Session *session, const ClientMessage &message)
{
    if (session->hasJoined()) {
        handleMember(session, message);
        return;
    }
    if (session->m_refused)
        return;
    if (session->m_checkingPassword) {
        // Its hello is being checked; it joins (or is refused) when that is done.
        session->deliver(OutgoingMessage(ServerError{
            {ErrorCode::RateLimited,
             u"your password is still being checked; send this again after the welcome"_s},
            std::holds_alternative<SendChat>(message) ? std::get<SendChat>(message).clientId : QString()}));
        return;
    }
    eraseIf(m_admissions, [session](const Admission &a) { return a.session == session; });
    if (m_config.password.isSet()) {
        checkPassword(session, message);
        return;
    }
    accept(session, message);
}

void Room::accept(Session *session, const ClientMessage &message)
{
    if (const auto *hello = std::get_if<Hello>(&message)) {
        Hello accepted = *hello;
        const auto name = normalizeName(hello->name, m_config.limits);
        accepted.name = std::holds_alternative<QString>(name) ? std::get<QString>(name) : QString();
        join(session, accepted);
        if (accepted.name.isEmpty())
            handleMember(session, message); // refuses the name, with its reason
        return;
    }
    join(session, Hello{});
    handleMember(session, message);
}

QByteArray Room::provenDigest(const QString &password) const
{
    // Keyed by the room's secret, so the table holds nothing a leaked dump could reuse.
    return QMessageAuthenticationCode::hash(password.toUtf8(), m_roomSecret, QCryptographicHash::Sha256);
}

bool Room::isProven(const Hello &hello) const
{
    // The same identity with the password it gave before: a reconnect costs a hash, not PBKDF2.
    if (hello.token.isEmpty() || hello.password.isEmpty())
        return false;
    const auto proven = m_provenMembers.constFind(memberIdFor(hello.token));
    if (proven == m_provenMembers.cend())
        return false;
    const QByteArray digest = provenDigest(hello.password);
    unsigned char difference = 0; // constant time, like RoomPassword::matches
    for (qsizetype i = 0; i < digest.size() && i < proven->size(); ++i)
        difference |= static_cast<unsigned char>(digest.at(i) ^ proven->at(i));
    return difference == 0 && digest.size() == proven->size();
}

QString Room::guesserKey(const Session *session, const Hello &hello)
{
    // By address and name: someone guessing behind the same NAT or proxy as others slows down
    // only their own guesses under that name, not the others' right passwords.
    const auto name = normalizeName(hello.name);
    return session->peerAddress() + u'\n' +
           (std::holds_alternative<QString>(name) ? std::get<QString>(name) : QString());
}

void Room::checkPassword(Session *session, const ClientMessage &message)
{
    // A person who mistypes retries at once; past FreeGuesses, each (address, name) gets one
    // guess per growing interval (250 ms, doubling up to 30 s), and guesses in between are
    // refused without even being checked; so does a whole address past FreeGuessesPerAddress,
    // however many names it tries. One guess per (address, name) and a few per address are
    // checked at a time. No password at all is a question, not a guess. A member who proved
    // the password before (same identity token and password) is let in without a new check.
    const auto *hello = std::get_if<Hello>(&message);
    if (hello && isProven(*hello)) {
        accept(session, message);
        return;
    }
    if (!hello || hello->password.isEmpty()) {
        refuse(session, u"this room needs a password"_s);
        return;
    }
    const QString key = guesserKey(session, *hello);
    const QString address = session->peerAddress();
    for (const QString &waiting : {key, address}) {
        const auto failures = m_passwordFailures.constFind(waiting);
        if (failures != m_passwordFailures.cend() && !failures->retryAt.hasExpired()) {
            refuse(session, u"too many wrong passwords; try again in %1 s"_s.arg(
                                (failures->retryAt.remainingTime() + 999) / 1000));
            return;
        }
    }
    const quint64 ticket = ++m_lastPasswordTicket;
    if (m_checksInFlight.value(key) >= 1 || m_checksInFlight.value(address) >= MaxChecksPerAddress ||
        !m_passwordChecker->check(ticket, hello->password)) {
        qCInfo(lcRoom) << "too many password checks at once; refusing" << address;
        session->m_refused = true;
        session->closeConnection(CloseCodeTryAgainLater,
                                 u"too many people are joining; try again in a moment"_s);
        return;
    }
    ++m_checksInFlight[key];
    ++m_checksInFlight[address];
    session->m_checkingPassword = true;
    m_passwordChecks.insert(ticket, {session, *hello, key, address});
}

void Room::onPasswordChecked(quint64 ticket, bool matches)
{
    const PasswordCheck pending = m_passwordChecks.take(ticket);
    for (const QString &counted : {pending.key, pending.address}) {
        if (--m_checksInFlight[counted] <= 0)
            m_checksInFlight.remove(counted);
    }
    if (!matches) { // a wrong guess counts, also if the guesser has gone meanwhile
        recordWrongGuess(pending.key, FreeGuesses);
        recordWrongGuess(pending.address, FreeGuessesPerAddress);
    }
    Session *session = pending.session;
    if (!session)
        return; // it left meanwhile
    session->m_checkingPassword = false;
    if (matches) {
        m_passwordFailures.remove(pending.key);
        if (!pending.hello.token.isEmpty() && m_provenMembers.size() < MaxProvenMembers)
            m_provenMembers.insert(memberIdFor(pending.hello.token), provenDigest(pending.hello.password));
        accept(session, pending.hello);
        return;
    }
    qCInfo(lcRoom) << "wrong room password from" << pending.address << "attempt"
                   << m_passwordFailures.value(pending.key).count;
    refuse(session, u"wrong password"_s);
}

void Room::recordWrongGuess(const QString &key, int freeGuesses)
{
    if (!m_passwordFailures.contains(key) && m_passwordFailures.size() >= MaxTrackedGuessers)
        forgetOldestGuessers();
    PasswordFailures &updated = m_passwordFailures[key];
    ++updated.count;
    updated.last.start();
    if (updated.count > freeGuesses)
        updated.retryAt =
            QDeadlineTimer(std::min<qint64>(250LL << std::min(updated.count - freeGuesses - 1, 10), 30000));
}

void Room::forgetOldestGuessers()
{
    // The tenth not heard from the longest goes; everyone else keeps their back-off (wiping the
    // table would reset it for everyone, the guesser filling it included).
    std::vector<std::pair<qint64, QString>> ages;
    ages.reserve(size_t(m_passwordFailures.size()));
    for (auto it = m_passwordFailures.cbegin(); it != m_passwordFailures.cend(); ++it)
        ages.emplace_back(it->last.elapsed(), it.key());
    const auto oldest = ages.begin() + qsizetype(ages.size() / 10 + 1);
    std::nth_element(ages.begin(), oldest, ages.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    for (auto it = ages.begin(); it != oldest; ++it)
        m_passwordFailures.remove(it->second);
}

void Room::refuse(Session *session, const QString &why)
{
    session->m_refused = true;
    session->deliver(OutgoingMessage(ServerError{{ErrorCode::BadPassword, why}, {}}));
    session->closeConnection(CloseCodeWrongPassword, why);
}

void Room::handleMember(Session *session, const ClientMessage &message)
{
    std::visit(Overloaded{
                   [&](const Hello &hello) {
                       const auto name = normalizeName(hello.name, m_config.limits);
                       if (const auto *error = std::get_if<ProtocolError>(&name))
                           session->deliver(OutgoingMessage(ServerError{*error, {}}));
                       else
                           rename(session, std::get<QString>(name));
                   },
                   [&](const SendChat &chat) { postChat(session, chat); },
                   [&](const StartTyping &) { relayTyping(session); },
                   [&](const HistoryRequest &request) { sendOlder(session, request); },
               },
               message);
}

void Room::join(Session *session, const Hello &hello)
{
    const QString id = hello.token.isEmpty() ? newMemberId() : memberIdFor(hello.token);
    Session *previous = m_byId.value(id);
    const QString name = !hello.name.isEmpty() ? hello.name
                         : previous            ? previous->member().name
                                               : nextGuestName();
    session->m_member = Member{id, name};
    m_byId.insert(id, session);
    m_newcomers.push_back(session);

    if (previous) {
        // The same person again (a laptop back from sleep while its old socket still looks alive):
        // the new connection takes the old one's place; for everyone else nothing changed.
        session->m_index = previous->m_index;
        m_members[size_t(session->m_index)] = session;
        m_memberList.invalidate(); // the member may come back under another name
        previous->m_index = -1;
        std::erase(m_newcomers, previous);
        forgetOwedHistory(previous); // it is no member any more: remove() will not see it as one
        previous->closeConnection(CloseCodeReplaced, u"replaced by a newer connection"_s);
    } else {
        session->m_index = qsizetype(m_members.size());
        m_members.push_back(session);
        m_memberList.append(session->member());
    }

    // One write for both: a connection that never needs Qt's write buffer never allocates it
    // (see DirectWriteSocket), and most members are sent little else.
    OutgoingBatch reply;
    reply.append(welcomeFor(session));
    // A since from another room's history (what was hosted at this address before) means
    // nothing here: such a member gets the recent messages, as a newcomer does.
    const bool sameHistory = hello.roomId.isEmpty() || hello.roomId == instanceId();
    appendHistory(reply, session, sameHistory ? hello.since : std::nullopt);
    session->deliver(reply);

    if (previous) {
        if (previous->member().name != name)
            rename(session, name, /*force=*/true);
        schedulePresenceFlush(); // the newcomer is owed a user count
        qCDebug(lcRoom) << "rejoined:" << id << name;
        return;
    }
    const Member &member = session->member();
    eraseIf(m_pendingPresence.renamed, [&](const Member &m) { return m.id == member.id; });
    m_pendingPresence.joined.append(member);
    schedulePresenceFlush();

    qCDebug(lcRoom) << "joined:" << member.id << member.name << "now" << memberCount();
    Q_EMIT memberJoined(member);
    Q_EMIT memberCountChanged(memberCount());
}

void Room::appendHistory(OutgoingBatch &batch, Session *session, std::optional<qint64> since)
{
    // Only stored messages go out here; anything still uncommitted reaches this member live,
    // after this, so the member sees every seq once and in order.
    if (!since) {
        const auto recent = m_store.recent(m_config.historyOnJoin);
        if (!recent) {
            batch.append(historyUnavailable());
            return;
        }
        const bool hasOlder =
            !recent->isEmpty() && m_store.hasBefore(recent->constFirst().seq).value_or(true);
        batch.append(OutgoingMessage(History{*recent, hasOlder}));
        return;
    }
    // However much was missed, one page now and the next once this one is read: a member
    // back from a week away, or one that asks for everything and never reads, costs the
    // server a page, not the whole history.
    const qint64 after = std::max<qint64>(0, *since);
    bool complete = false;
    const auto page = pageAfter(after, &complete);
    if (page) {
        const bool hasOlder =
            m_store.hasBefore(page->isEmpty() ? after + 1 : page->constFirst().seq).value_or(true);
        batch.append(OutgoingMessage(History{*page, hasOlder}));
    } else {
        batch.append(historyUnavailable()); // and the pages follow once the store reads again
    }
    if (!complete) {
        session->m_catchUpAfter = page && !page->isEmpty() ? page->constLast().seq : after;
        m_catchingUp.push_back(session);
        if (!m_catchUpTimer.isActive())
            m_catchUpTimer.start(0);
    }
}

std::optional<QList<ChatMessage>> Room::pageAfter(qint64 seq, bool *complete) const
{
    auto read = m_store.after(seq, m_config.resumePageSize);
    if (!read) {
        *complete = false; // nothing is known: the member waits, it is not told "that was all"
        return std::nullopt;
    }
    QList<ChatMessage> &page = *read;
    *complete = page.size() < m_config.resumePageSize;
    qint64 bytes = 0;
    for (qsizetype i = 0; i < page.size(); ++i) {
        bytes += frameBytes(page.at(i));
        if (bytes > pageBytes() && i > 0) {
            page.resize(i);
            *complete = false;
            break;
        }
    }
    return read;
}

qint64 Room::frameBytes(const ChatMessage &chat)
{
    // What its frame holds at most: UTF-8 takes up to 3 bytes per UTF-16 unit, plus the JSON.
    return 3 * (chat.text.size() + chat.from.name.size()) + 96;
}

qint64 Room::pageBytes() const
{
    // A page and what follows it in the same turn (a count, presence) stay well below the
    // backlog that closes a connection as a slow reader, however small that is set.
    return std::min(PageBytes, m_config.maxQueuedBytes / 4);
}

qint64 Room::pageLowWater() const
{
    return std::min(PageLowWater, m_config.maxQueuedBytes / 8);
}

OutgoingMessage Room::historyUnavailable()
{
    return OutgoingMessage(ServerError{
        {ErrorCode::HistoryUnavailable, u"the room could not read its history just now; try again later"_s},
        {}});
}

void Room::sessionDrained(Session *session)
{
    if (session->bytesQueued() > pageLowWater())
        return;
    if (session->m_catchUpAfter)
        continueCatchUp(session);
    else if (auto request = std::exchange(session->m_pendingOlder, std::nullopt))
        sendOlder(session, *request);
}

void Room::continueCatchUps()
{
    const auto waiting = m_catchingUp; // a page may finish a catch-up and erase it
    for (Session *session : waiting)
        continueCatchUp(session);
}

void Room::continueCatchUp(Session *session)
{
    if (!session->m_catchUpAfter || session->bytesQueued() > pageLowWater())
        return; // the transport says when it has written more (sessionDrained)
    bool complete = false;
    const auto page = pageAfter(*session->m_catchUpAfter, &complete);
    if (!page) {
        // The store cannot read just now (it said so in the log): try again in a while; the
        // member keeps waiting for its missed messages rather than being told there are none.
        if (!m_catchUpTimer.isActive())
            m_catchUpTimer.start(CatchUpRetry);
        return;
    }
    // Read and sent in the same turn as the decision below: every stored chat is either in a
    // page or broadcast to this session once it is live again, never both, never neither.
    if (complete) {
        session->m_catchUpAfter.reset();
        std::erase(m_catchingUp, session);
    } else {
        session->m_catchUpAfter = page->constLast().seq;
    }
    if (!page->isEmpty())
        session->deliver(OutgoingMessage(History{*page, true}));
    if (session->m_catchUpAfter && session->bytesQueued() <= pageLowWater() && !m_catchUpTimer.isActive())
        m_catchUpTimer.start(0); // all of it went to the kernel: the next page next turn
    if (!session->m_catchUpAfter) {
        if (auto request = std::exchange(session->m_pendingOlder, std::nullopt))
            sendOlder(session, *request);
    }
}

void Room::sendOlder(Session *session, const HistoryRequest &request)
{
    if (session->m_catchUpAfter || session->bytesQueued() > pageLowWater()) {
        session->m_pendingOlder = request; // after what it is still reading (the newest wins)
        return;
    }
    auto page = m_store.before(request.before, std::min(request.limit, m_config.limits.maxHistoryPage));
    if (!page) {
        session->deliver(historyUnavailable());
        return;
    }
    // The newest of those that fit in a page's bytes; the client asks again for the rest.
    qint64 bytes = 0;
    for (qsizetype i = page->size() - 1; i >= 0; --i) {
        bytes += frameBytes(page->at(i));
        if (bytes > pageBytes() && i < page->size() - 1) {
            page->remove(0, i + 1);
            break;
        }
    }
    const bool hasOlder = !page->isEmpty() && m_store.hasBefore(page->constFirst().seq).value_or(true);
    session->deliver(OutgoingMessage(History{*page, hasOlder}));
}

void Room::forgetPasswordChecks(const Session *session)
{
    if (!session->m_checkingPassword)
        return;
    for (auto &check : m_passwordChecks) {
        if (check.session == session)
            check.session = nullptr; // its result is dropped when it comes
    }
}

void Room::forgetOwedHistory(Session *session)
{
    std::erase(m_catchingUp, session);
    session->m_catchUpAfter.reset();
    session->m_pendingOlder.reset();
}

void Room::remove(Session *session)
{
    // Whatever it is (a member, one being admitted, one replaced by a newer connection), the
    // room keeps no pointer to it after this.
    forgetOwedHistory(session);
    forgetPasswordChecks(session);
    if (!session->hasJoined()) {
        eraseIf(m_admissions, [session](const Admission &a) { return a.session == session; });
        return;
    }
    // Swap-and-pop keeps removal O(1); member order is not part of the protocol.
    const qsizetype index = session->m_index;
    m_members[size_t(index)] = m_members.back();
    m_members[size_t(index)]->m_index = index;
    m_members.pop_back();
    m_memberList.invalidate();
    session->m_index = -1;
    std::erase(m_newcomers, session);
    if (m_byId.value(session->member().id) == session)
        m_byId.remove(session->member().id);

    const Member member = session->member();
    eraseIf(m_pendingPresence.renamed, [&](const Member &m) { return m.id == member.id; });
    const auto joinedNow = std::find_if(m_pendingPresence.joined.begin(), m_pendingPresence.joined.end(),
                                        [&](const Member &m) { return m.id == member.id; });
    if (joinedNow != m_pendingPresence.joined.end())
        m_pendingPresence.joined.erase(joinedNow); // came and went within one interval
    else
        m_pendingPresence.left.append(member.id);
    schedulePresenceFlush();

    qCDebug(lcRoom) << "left:" << member.id << "now" << memberCount();
    Q_EMIT memberLeft(member);
    Q_EMIT memberCountChanged(memberCount());
}

void Room::rename(Session *session, const QString &name, bool force)
{
    if (session->m_member.name == name && !force)
        return;
    session->m_member.name = name;
    m_memberList.invalidate();
    const Member &member = session->member();
    auto &joined = m_pendingPresence.joined;
    const auto inJoined =
        std::find_if(joined.begin(), joined.end(), [&](const Member &m) { return m.id == member.id; });
    if (inJoined != joined.end()) {
        inJoined->name = name;
    } else {
        eraseIf(m_pendingPresence.renamed, [&](const Member &m) { return m.id == member.id; });
        m_pendingPresence.renamed.append(member);
    }
    schedulePresenceFlush();
}

void Room::postChat(Session *sender, const SendChat &chat)
{
    if (const auto error = checkChatText(chat.text, m_config.limits)) {
        sender->deliver(OutgoingMessage(ServerError{*error, chat.clientId}));
        return;
    }
    const QString &memberId = sender->member().id;
    if (!chat.clientId.isEmpty()) {
        // A re-send (the ack was lost with the connection): post once, ack again.
        const QString key = memberId + u'\n' + chat.clientId;
        if (m_uncommittedKeys.contains(key))
            return; // its ack goes out with the commit
        m_uncommittedKeys.insert(key);
        bool lookupFailed = false;
        const auto stored = m_store.find(memberId, chat.clientId, &lookupFailed);
        if (stored || lookupFailed) {
            m_uncommittedKeys.remove(key);
            if (stored)
                sender->deliver(OutgoingMessage(Ack{chat.clientId, stored->first, stored->second}));
            else // unknown whether it is stored: not posted twice; the client sends it again
                sender->deliver(OutgoingMessage(ServerError{storeFailed(), chat.clientId}));
            return;
        }
    }
    m_uncommitted.append(
        {ChatMessage{++m_lastSeq, QDateTime::currentMSecsSinceEpoch(), sender->member(), chat.text},
         chat.clientId});
    if (!m_commitTimer.isActive())
        m_commitTimer.start(0); // everything received in this event-loop turn goes in one commit
}

void Room::commitChats()
{
    const QList<MessageStore::Entry> batch = std::exchange(m_uncommitted, {});
    m_uncommittedKeys.clear();
    if (batch.isEmpty())
        return;
    if (!m_store.append(batch)) {
        // None of the batch's seqs was used (they were the newest); the next chat takes the first.
        // Not re-read from the store: a store that cannot write may not read either.
        m_lastSeq = batch.constFirst().chat.seq - 1;
        for (const MessageStore::Entry &entry : batch) {
            if (Session *sender = m_byId.value(entry.chat.from.id))
                sender->deliver(OutgoingMessage(ServerError{storeFailed(), entry.clientId}));
        }
        return;
    }
    for (const MessageStore::Entry &entry : batch) {
        Session *sender = m_byId.value(entry.chat.from.id);
        if (sender)
            sender->deliver(OutgoingMessage(Ack{entry.clientId, entry.chat.seq, entry.chat.ts}));
        broadcastChat(OutgoingMessage(entry.chat), sender);
        Q_EMIT chatPosted(entry.chat);
    }
}

void Room::relayTyping(Session *session)
{
    QElapsedTimer &last = session->m_lastTypingRelay;
    if (last.isValid() && last.elapsed() < m_config.typingInterval.count())
        return; // throttled: the previous notice is still fresh on every screen
    last.start();
    broadcast(OutgoingMessage(TypingNotice{session->member()}), session);
}

void Room::broadcast(const OutgoingMessage &message, const Session *except) const
{
    for (Session *member : m_members) {
        if (member != except)
            member->deliver(message);
    }
}

void Room::broadcastChat(const OutgoingMessage &chat, const Session *sender) const
{
    for (Session *member : m_members) {
        // A member still catching up gets this chat in a page, in order.
        if (member != sender && !member->m_catchUpAfter)
            member->deliver(chat);
    }
}

void Room::broadcast(const OutgoingBatch &batch) const
{
    for (Session *member : m_members)
        member->deliver(batch);
}

void Room::schedulePresenceFlush()
{
    if (m_presenceTimer.isActive())
        return;
    // The first change after a quiet spell goes out on the next event-loop turn; later ones
    // wait for the interval, so bursts are coalesced.
    const auto interval = std::max<std::chrono::milliseconds>(
        m_config.presenceInterval, std::chrono::duration_cast<std::chrono::milliseconds>(
                                       m_config.presenceIntervalPerMember * memberCount()));
    m_presenceTimer.start(std::max<qint64>(0, interval.count() - m_sinceFlush.elapsed()));
}

void Room::flushPresence()
{
    m_sinceFlush.restart();
    PresenceDelta delta = std::exchange(m_pendingPresence, {});
    // Delta and count in one write per member (see OutgoingBatch).
    OutgoingBatch update;
    if (!delta.joined.isEmpty() || !delta.left.isEmpty() || !delta.renamed.isEmpty())
        update.append(OutgoingMessage(std::move(delta)));
    const OutgoingMessage count(UserCount{memberCount()});
    if (memberCount() != m_announcedCount) {
        m_announcedCount = memberCount();
        update.append(count);
        broadcast(update);
    } else {
        if (!update.isEmpty())
            broadcast(update);
        for (Session *newcomer : m_newcomers)
            newcomer->deliver(count);
    }
    m_newcomers.clear();
}

ProtocolError Room::storeFailed()
{
    return {ErrorCode::StoreFailed, u"the room could not store your message; send it again in a moment"_s};
}

QString Room::nextGuestName()
{
    return u"Guest %1"_s.arg(++m_guestCounter);
}
