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

// Long enough that a busy room indexes hundreds of messages at once, short enough that the
// index never lags far (a search indexes what is left first anyway).
constexpr auto SearchIndexDelay = std::chrono::seconds(2);

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
    , m_uploads(m_config, m_store, this)
    , m_admissionTimer(this)
    , m_presenceTimer(this)
    , m_commitTimer(this)
    , m_searchIndexTimer(this)
    , m_retentionTimer(this)
    , m_catchUpTimer(this)
    , m_passwordChecker(new PasswordChecker(config.password, this))
{
    connect(m_passwordChecker, &PasswordChecker::checked, this, &Room::onPasswordChecked);
    if (config.moderatorPassword.isSet()) {
        m_moderatorChecker = new PasswordChecker(config.moderatorPassword, this);
        connect(m_moderatorChecker, &PasswordChecker::checked, this, &Room::onModeratorPasswordChecked);
    }
    connect(&m_uploads, &Uploads::fileReady, this, &Room::postFile);
    connect(&m_uploads, &Uploads::uploadFailed, this, &Room::uploadFailed);
    m_catchUpTimer.setSingleShot(true);
    connect(&m_catchUpTimer, &QTimer::timeout, this, &Room::continueCatchUps);
    m_commitTimer.setSingleShot(true);
    connect(&m_commitTimer, &QTimer::timeout, this, &Room::commitChats);
    m_searchIndexTimer.setSingleShot(true);
    m_searchIndexTimer.setInterval(SearchIndexDelay);
    connect(&m_searchIndexTimer, &QTimer::timeout, this, [this] { m_store.indexForSearch(); });
    m_retentionTimer.setSingleShot(true);
    connect(&m_retentionTimer, &QTimer::timeout, this, &Room::pruneHistory);
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
    if (m_searchIndexTimer.isActive()) {
        m_searchIndexTimer.stop();
        m_store.indexForSearch();
    }
    m_moderation.saveKnown();
}

bool Room::open()
{
    if (!m_store.open())
        return false;
    const auto lastSeq = m_store.lastSeq();
    if (!lastSeq)
        return false;
    m_lastSeq = *lastSeq;
    const auto directs = m_store.directConversations();
    if (!directs)
        return false;
    for (const MessageStore::Direct &direct : *directs) {
        m_directs.insert(direct.id, direct);
        for (const Member &member : direct.members)
            m_directsOf[member.id].append(direct.id);
    }
    const auto channels = m_store.channels();
    if (!channels)
        return false;
    for (const MessageStore::Channel &channel : *channels) {
        m_channels.insert(channel.id, channel);
        for (const QString &member : channel.members)
            m_channelsOf[member].append(channel.id);
    }
    if (!ensureConfiguredChannels())
        return false;
    if (!m_uploads.open()) {
        m_errorString = m_uploads.errorString();
        return false;
    }
    m_roomSecret = m_store.roomSecret();
    if (!m_moderation.load(m_store.connectionName())) {
        m_errorString = u"history database %1: cannot read its moderation"_s.arg(m_store.path());
        return false;
    }
    for (const QString &token : m_config.moderatorTokens)
        m_moderation.addConfiguredModerator(memberIdFor(token));
    const QByteArray id =
        QMessageAuthenticationCode::hash("discovery instance id", m_roomSecret, QCryptographicHash::Sha256);
    m_instanceId = QString::fromLatin1(id.toHex().left(16));
    if (m_config.keepDays > 0 || m_config.keepMessages > 0)
        m_retentionTimer.start(0);
    return true;
}

void Room::pruneHistory()
{
    const qint64 olderThan = m_config.keepDays > 0 ? QDateTime::currentMSecsSinceEpoch() -
                                                         qint64(m_config.keepDays) * 24 * 3600 * 1000
                                                   : 0;
    const auto pruned = m_store.prune(olderThan, m_config.keepMessages, m_config.retentionBatch);
    if (pruned) {
        for (const QString &file : pruned->unreferencedFiles)
            m_uploads.files().remove(file);
        m_counters.pruned += pruned->messages;
        if (pruned->messages > 0)
            qCInfo(lcStore) << "retention removed" << pruned->messages << "messages and"
                            << pruned->unreferencedFiles.size() << "files";
    }
    // A full batch: more may be due, after this turn's chats. Otherwise (or if the store could
    // not, as the log says) the next look is an interval away.
    const bool more = pruned && pruned->messages == m_config.retentionBatch;
    m_retentionTimer.start(more ? std::chrono::milliseconds(0) : m_config.retentionInterval);
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

OutgoingMessage Room::welcomeFor(const Session *session, bool *complete)
{
    const QList<Member> &everyone = members();
    Welcome welcome{session->protocolVersion(),
                    m_config.roomName,
                    session->member(),
                    everyone,
                    m_lastSeq,
                    instanceId(),
                    RoomLimits{m_config.limits.maxTextLength, qint64(m_config.limits.maxMessageBytes),
                               m_config.maxFileBytes, m_config.ratePerSecond, m_config.rateBurst}};
    welcome.withoutHello = session->m_joinedWithoutHello;
    if (session->protocolVersion() >= 2) {
        welcome.fileKey = fileKeyFor(session->member().id);
        welcome.state = m_moderation.state();
        welcome.moderator = m_moderation.isModerator(session->member().id);
        welcome.moderatorByPassword = m_config.moderatorPassword.isSet();
    }
    *complete = session->protocolVersion() < 2 || describeConversations(session, welcome.conversations);
    return OutgoingMessage::welcome(std::move(welcome), m_memberList.json(), session->protocolVersion());
}

bool Room::describeConversations(const Session *session, QList<Conversation> &conversations) const
{
    const QString &memberId = session->member().id;
    const auto positions = m_store.readPositions(memberId);
    bool complete = positions.has_value();
    const auto readSeq = [&](const QString &id) { return positions ? positions->value(id) : 0; };
    Conversation general{GeneralConversation.toString(), Conversation::Kind::Channel, u"general"_s};
    general.memberCount = memberCount();
    general.readSeq = readSeq(general.id);
    if (const auto standing = m_store.standing(general.id, memberId, general.readSeq)) {
        general.lastSeq = standing->lastSeq;
        general.unread = standing->unread;
        general.mentions = standing->mentions;
    } else {
        complete = false;
    }
    conversations.append(general);
    for (const MessageStore::Channel &channel : std::as_const(m_channels))
        conversations.append(describeChannel(channel, memberId, readSeq(channel.id), &complete));
    for (const QString &id : m_directsOf.value(memberId)) {
        const MessageStore::Direct &direct = m_directs.value(id);
        if (const auto described = describeDirect(direct, memberId, readSeq(id))) {
            conversations.append(*described);
            continue;
        }
        complete = false; // listed all the same, with its counts at 0: it must not vanish
        Conversation unknown{direct.id, Conversation::Kind::Direct};
        unknown.with = direct.members[0].id == memberId ? direct.members[1] : direct.members[0];
        conversations.append(unknown);
    }
    return complete;
}

std::optional<Conversation> Room::describeDirect(const MessageStore::Direct &direct, const QString &memberId,
                                                 qint64 readSeq) const
{
    Conversation conversation{direct.id, Conversation::Kind::Direct};
    Member other = direct.members[0].id == memberId ? direct.members[1] : direct.members[0];
    if (const Session *online = m_byId.value(other.id))
        other.name = online->member().name; // the name they have now
    conversation.with = other;
    conversation.readSeq = readSeq;
    const auto standing = m_store.standing(direct.id, memberId, readSeq);
    if (!standing)
        return std::nullopt;
    conversation.lastSeq = standing->lastSeq;
    conversation.unread = standing->unread;
    conversation.mentions = standing->mentions;
    return conversation;
}

bool Room::ensureConfiguredChannels()
{
    for (const QString &wanted : m_config.channels) {
        const auto name = normalizeName(wanted, m_config.limits);
        if (std::holds_alternative<ProtocolError>(name)) {
            m_errorString = u"channel \"%1\": %2"_s.arg(wanted, std::get<ProtocolError>(name).message);
            return false;
        }
        if (!channelNamed(std::get<QString>(name)).isEmpty())
            continue;
        MessageStore::Channel channel{newChannelId(), std::get<QString>(name), {}, {}};
        if (!m_store.addChannel(channel, {}, QDateTime::currentMSecsSinceEpoch())) {
            m_errorString = m_store.errorString();
            return false;
        }
        m_channels.insert(channel.id, channel);
    }
    return true;
}

QString Room::newChannelId()
{
    static constexpr char Alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString id = u"c-"_s;
    for (int i = 0; i < 10; ++i)
        id += QLatin1Char(Alphabet[QRandomGenerator::global()->bounded(int(sizeof(Alphabet) - 1))]);
    return id;
}

QString Room::channelNamed(const QString &name) const
{
    const QString skeleton = nameSkeleton(name);
    if (skeleton == nameSkeleton(u"general"_s))
        return GeneralConversation.toString();
    for (const MessageStore::Channel &channel : m_channels) {
        if (nameSkeleton(channel.name) == skeleton)
            return channel.id;
    }
    return {};
}

Conversation Room::describeChannel(const MessageStore::Channel &channel, const QString &memberId,
                                   qint64 readSeq, bool *complete) const
{
    Conversation conversation{channel.id, Conversation::Kind::Channel, channel.name, channel.topic,
                              int(channel.members.size())};
    conversation.joined = channel.members.contains(memberId);
    if (!conversation.joined)
        return conversation; // nothing in it is the member's to read yet: no need to count
    conversation.readSeq = readSeq;
    if (const auto standing = m_store.standing(channel.id, memberId, conversation.readSeq)) {
        conversation.lastSeq = standing->lastSeq;
        conversation.unread = standing->unread;
        conversation.mentions = standing->mentions;
    } else if (complete) {
        *complete = false;
    }
    return conversation;
}

ChannelUpdate Room::channelUpdate(const MessageStore::Channel &channel)
{
    return {channel.id, channel.name, channel.topic, int(channel.members.size())};
}

void Room::tellOthersAbout(const MessageStore::Channel &channel)
{
    // Coalesced with presence: a storm of joins costs each member one frame per interval, not
    // one per join.
    m_pendingChannels.insert(channel.id);
    schedulePresenceFlush();
}

void Room::createChannel(Session *session, const CreateChannel &create)
{
    const auto refuse = [&](ErrorCode code, const QString &why) {
        sendError(session, ServerError{{code, why}, create.clientId});
    };
    if (session->protocolVersion() < 2 || !m_config.membersMayCreateChannels)
        return refuse(ErrorCode::Forbidden, u"members cannot make channels here"_s);
    const auto name =
        normalizeName(create.name.startsWith(u'#') ? create.name.mid(1) : create.name, m_config.limits);
    if (const auto *error = std::get_if<ProtocolError>(&name))
        return refuse(ErrorCode::BadName, error->message);
    const QString topic = create.topic.trimmed();
    if (!topic.isEmpty()) {
        Limits topicLimits = m_config.limits;
        topicLimits.maxTextLength = topicLimits.maxTopicLength;
        if (const auto error = checkChatText(topic, topicLimits))
            return refuse(error->code, u"topic: "_s + error->message);
    }
    if (const QString taken = channelNamed(std::get<QString>(name)); !taken.isEmpty())
        return refuse(ErrorCode::ChannelExists,
                      u"there is a channel called \"%1\" already"_s.arg(
                          taken == GeneralConversation ? u"general"_s : m_channels.value(taken).name));
    if (m_channels.size() >= m_config.maxChannels)
        return refuse(ErrorCode::LimitReached,
                      u"this server has its %1 channels already"_s.arg(m_config.maxChannels));
    if (!takeToken(m_channelCreations, session, m_config.channelsPerHour / 3600.0, m_config.channelsPerHour))
        return refuse(ErrorCode::LimitReached,
                      u"you can make %1 channels an hour; wait a while"_s.arg(m_config.channelsPerHour));
    const QString &memberId = session->member().id;
    MessageStore::Channel channel{newChannelId(), std::get<QString>(name), topic, {memberId}};
    if (!m_store.addChannel(channel, memberId, QDateTime::currentMSecsSinceEpoch()))
        return refuse(ErrorCode::StoreFailed,
                      u"the room could not store the channel; try again in a moment"_s);
    m_channels.insert(channel.id, channel);
    m_channelsOf[memberId].append(channel.id);
    qCDebug(lcRoom) << "channel made:" << channel.id << channel.name << "by" << memberId;
    session->deliver(OutgoingMessage(ConversationUpdate{describeChannel(channel, memberId, 0)}));
    tellOthersAbout(channel);
}

void Room::joinChannel(Session *session, const JoinChannel &join)
{
    const auto found = m_channels.find(join.conversation);
    if (session->protocolVersion() < 2 || found == m_channels.end()) {
        // #general needs no joining; an unknown id is answered as one not to be read.
        if (join.conversation != GeneralConversation)
            sendError(session, ServerError{forbidden(join.conversation), {}});
        return;
    }
    const QString &memberId = session->member().id;
    if (!found->members.contains(memberId)) {
        if (!m_store.setChannelMember(found->id, memberId, true)) {
            sendError(session, ServerError{storeFailed(), {}});
            return;
        }
        found->members.insert(memberId);
        m_channelsOf[memberId].append(found->id);
        tellOthersAbout(*found);
    }
    const auto positions = m_store.readPositions(memberId);
    session->deliver(OutgoingMessage(
        ConversationUpdate{describeChannel(*found, memberId, positions ? positions->value(found->id) : 0)}));
}

void Room::leaveChannel(Session *session, const LeaveChannel &leave)
{
    const auto found = m_channels.find(leave.conversation);
    const QString &memberId = session->member().id;
    if (session->protocolVersion() < 2 && leave.conversation != GeneralConversation) {
        sendError(session, ServerError{forbidden(leave.conversation), {}});
        return;
    }
    if (leave.conversation == GeneralConversation) {
        sendError(session,
                  ServerError{{ErrorCode::Forbidden, u"everyone is in #general; it cannot be left"_s}, {}});
        return;
    }
    if (found == m_channels.end() || !found->members.contains(memberId)) {
        sendError(session, ServerError{forbidden(leave.conversation), {}});
        return;
    }
    if (!m_store.setChannelMember(found->id, memberId, false)) {
        sendError(session, ServerError{storeFailed(), {}});
        return;
    }
    found->members.remove(memberId);
    m_channelsOf[memberId].removeOne(found->id);
    session->deliver(OutgoingMessage(ConversationLeft{found->id}));
    tellOthersAbout(*found);
}

QString Room::directId(const QString &a, const QString &b)
{
    // Member ids are base64url or base36: ':' is never part of one, so no two pairs share an id.
    return a < b ? u"d:%1:%2"_s.arg(a, b) : u"d:%1:%2"_s.arg(b, a);
}

bool Room::canRead(const Session *session, const QString &conversation) const
{
    if (conversation == GeneralConversation)
        return true;
    if (session->protocolVersion() < 2)
        return false;
    if (const auto channel = m_channels.constFind(conversation); channel != m_channels.cend())
        return channel->members.contains(session->member().id);
    const auto direct = m_directs.constFind(conversation);
    if (direct == m_directs.cend())
        return false;
    const QString &id = session->member().id;
    return direct->members[0].id == id || direct->members[1].id == id;
}

QStringList Room::conversationsOf(const Session *session) const
{
    QStringList conversations{GeneralConversation.toString()};
    if (session->protocolVersion() >= 2) {
        conversations += m_channelsOf.value(session->member().id);
        conversations += m_directsOf.value(session->member().id);
    }
    return conversations;
}

ProtocolError Room::forbidden(const QString &conversation)
{
    // The same words whether it exists or not: nobody learns which conversations exist.
    return {ErrorCode::Forbidden, u"you are not in conversation \"%1\""_s.arg(conversation.left(64))};
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
    if (limiter.refusals() == m_config.rateAbuseLimit) {
        qCInfo(lcRoom) << "closing a flooding connection" << session->member().id;
        session->closeConnection(CloseCodePolicyViolation, u"too many messages"_s);
    } else if (limiter.refusals() < m_config.rateAbuseLimit) {
        sendError(session,
                  ServerError{{ErrorCode::RateLimited,
                               u"slow down: at most %1 messages per second"_s.arg(m_config.ratePerSecond)},
                              {}});
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
        if (session->hasUnreadInput() && !session->m_helloDeferred) {
            // Its hello may well be there: the room was too busy to read it. Once more.
            session->m_helloDeferred = true;
            m_admissions.push_back({session, {}});
            m_admissions.back().waiting.start();
            continue;
        }
        if (session->m_helloRefused) {
            session->m_refused = true;
            session->closeConnection(CloseCodePolicyViolation,
                                     u"no hello the room could accept came in time"_s);
        } else if (m_config.password.isSet()) {
            refuse(session, u"this room needs a password"_s);
        } else {
            session->m_joinedWithoutHello = true; // until its hello comes, if one does
            join(session, Hello{});
        }
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
        sendError(session,
                  ServerError{{ErrorCode::RateLimited,
                               u"your password is still being checked; send this again after the welcome"_s},
                              std::holds_alternative<SendChat>(message) ? std::get<SendChat>(message).clientId
                                                                        : QString()});
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
        if (join(session, accepted) && accepted.name.isEmpty() && !hello->guest)
            handleMember(session, message); // refuses the name, with its reason
        return;
    }
    if (join(session, Hello{}))
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
    sendError(session, ServerError{{ErrorCode::BadPassword, why}, {}});
    session->closeConnection(CloseCodeWrongPassword, why);
}

void Room::handleMember(Session *session, const ClientMessage &message)
{
    std::visit(
        Overloaded{
            [&](const Hello &hello) {
                if (std::exchange(session->m_joinedWithoutHello, false) &&
                    (!hello.token.isEmpty() || hello.since || hello.protocol > session->protocolVersion())) {
                    // Its hello came late (a slow link, a busy client) and it joined as a guest
                    // meanwhile: now it joins as itself, or its identity, its resume and the
                    // dedup of its re-sent chats would be a stranger's.
                    remove(session);
                    accept(session, hello);
                    return;
                }
                const auto name = normalizeName(hello.name, m_config.limits);
                if (const auto *error = std::get_if<ProtocolError>(&name))
                    sendError(session, ServerError{*error, {}});
                else
                    rename(session, std::get<QString>(name));
            },
            [&](const SendChat &chat) { postChat(session, chat); },
            [&](const StartTyping &typing) { relayTyping(session, typing); },
            [&](const HistoryRequest &request) { sendOlder(session, request); },
            [&](const OpenDirect &open) { openDirect(session, open); },
            [&](const MarkRead &read) { markRead(session, read); },
            [&](const CreateChannel &create) { createChannel(session, create); },
            [&](const JoinChannel &join) { joinChannel(session, join); },
            [&](const LeaveChannel &leave) { leaveChannel(session, leave); },
            [&](const Upload &upload) { beginUpload(session, upload); },
            [&](const CancelUpload &cancel) { m_uploads.cancel(session->member().id, cancel.uploadId); },
            [&](const EditChat &edit) { editChat(session, edit); },
            [&](const DeleteChat &deletion) { deleteChat(session, deletion); },
            [&](const Search &request) { search(session, request); },
            [&](const BecomeModerator &request) { becomeModerator(session, request); },
            [&](const Moderate &request) { moderate(session, request); },
            [&](const AuditLogRequest &request) { sendAuditLog(session, request); },
        },
        message);
}

bool Room::join(Session *session, const Hello &hello)
{
    const QString id = hello.token.isEmpty() ? newMemberId() : memberIdFor(hello.token);
    if (!mayJoin(session, id))
        return false;
    Session *previous = m_byId.value(id);
    const QString name = !hello.name.isEmpty() ? hello.name
                         : previous            ? previous->member().name
                                               : nextGuestName();
    session->m_member = Member{id, name};
    if (!hello.token.isEmpty()) // a guest's id is new every time: nothing to know it by later
        m_moderation.noteKnown(id, name);
    session->m_protocol = std::clamp(hello.protocol, Version, NewestVersion);
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
    bool described = true;
    reply.append(welcomeFor(session, &described));
    if (!described)
        reply.append(historyUnavailable()); // unread counts could not be read: not "none"
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
        return true;
    }
    const Member &member = session->member();
    eraseIf(m_pendingPresence.renamed, [&](const Member &m) { return m.id == member.id; });
    m_pendingPresence.joined.append(member);
    schedulePresenceFlush();

    qCDebug(lcRoom) << "joined:" << member.id << member.name << "now" << memberCount();
    Q_EMIT memberJoined(member);
    Q_EMIT memberCountChanged(memberCount());
    return true;
}

void Room::appendHistory(OutgoingBatch &batch, Session *session, std::optional<qint64> since)
{
    // Only stored messages go out here; anything still uncommitted reaches this member live,
    // after this, so the member sees every seq once and in order.
    const QString general = GeneralConversation.toString();
    if (!since) {
        if (session->protocolVersion() >= 2)
            return; // a v2 client asks for the pages of the conversations it shows
        const auto recent = m_store.recent(general, m_config.historyOnJoin);
        if (!recent) {
            batch.append(historyUnavailable());
            return;
        }
        const bool hasOlder =
            !recent->isEmpty() && m_store.hasBefore(general, recent->constFirst().seq).value_or(true);
        batch.append(OutgoingMessage(History{*recent, hasOlder}));
        return;
    }
    // However much was missed, one page now and the next once this one is read: a member
    // back from a week away, or one that asks for everything and never reads, costs the
    // server a page, not the whole history.
    const qint64 after = std::max<qint64>(0, *since);
    bool complete = false;
    const auto page = pageAfter(session, after, &complete);
    if (page) {
        // In v2 the pages mix conversations: whether one has older messages is asked per
        // conversation, and hasOlder here says nothing.
        const bool hasOlder =
            session->protocolVersion() < 2 &&
            m_store.hasBefore(general, page->isEmpty() ? after + 1 : page->constFirst().seq).value_or(true);
        batch.append(OutgoingMessage(History{*page, hasOlder}));
    } else {
        batch.append(historyUnavailable()); // and the pages follow once the store reads again
    }
    if (!complete) {
        session->m_catchUpAfter = page && !page->isEmpty() ? cursorAfter(session, page->constLast()) : after;
        m_catchingUp.push_back(session);
        if (!m_catchUpTimer.isActive())
            m_catchUpTimer.start(0);
    }
}

std::optional<QList<ChatMessage>> Room::pageAfter(const Session *session, qint64 seq, bool *complete) const
{
    // A v1 client knows no changes: it gets what was posted after seq, as it is now.
    auto read = m_store.after(seq, m_config.resumePageSize, conversationsOf(session),
                              session->protocolVersion() >= 2);
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

qint64 Room::cursorAfter(const Session *session, const ChatMessage &last)
{
    // v2 pages run in the order of positions (a change may come last); v1 pages in seq order.
    return session->protocolVersion() >= 2 ? last.position() : last.seq;
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
    noteRefusal(ErrorCode::HistoryUnavailable);
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
    else
        sendPendingOlder(session);
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
    const auto page = pageAfter(session, *session->m_catchUpAfter, &complete);
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
        session->m_catchUpAfter = cursorAfter(session, page->constLast());
    }
    if (!page->isEmpty())
        session->deliver(OutgoingMessage(History{*page, session->protocolVersion() < 2}));
    if (session->m_catchUpAfter && session->bytesQueued() <= pageLowWater() && !m_catchUpTimer.isActive())
        m_catchUpTimer.start(0); // all of it went to the kernel: the next page next turn
    if (!session->m_catchUpAfter) {
        sendPendingOlder(session);
    }
}

void Room::sendOlder(Session *session, const HistoryRequest &request)
{
    if (session->m_catchUpAfter || session->bytesQueued() > pageLowWater()) {
        // After what it is still reading; per conversation, the newest wins.
        session->m_pendingOlder.insert_or_assign(request.conversation, request);
        return;
    }
    if (!canRead(session, request.conversation)) {
        sendError(session, ServerError{forbidden(request.conversation), {}});
        return;
    }
    const qint64 before = request.before > 0 ? request.before : std::numeric_limits<qint64>::max();
    auto page =
        m_store.before(request.conversation, before, std::min(request.limit, m_config.limits.maxHistoryPage));
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
    const bool hasOlder =
        !page->isEmpty() && m_store.hasBefore(request.conversation, page->constFirst().seq).value_or(true);
    session->deliver(OutgoingMessage(History{*page, hasOlder, request.conversation}));
}

void Room::sendPendingOlder(Session *session)
{
    while (!session->m_pendingOlder.empty() && !session->m_catchUpAfter &&
           session->bytesQueued() <= pageLowWater()) {
        const HistoryRequest request = session->m_pendingOlder.begin()->second;
        session->m_pendingOlder.erase(session->m_pendingOlder.begin());
        sendOlder(session, request);
    }
}

bool Room::takeToken(QHash<QString, RateLimiter> &buckets, const Session *session, double perSecond,
                     double burst)
{
    // By member and by address: a guest gets a new id with each connection, an address does not.
    const QString keys[] = {session->member().id, u"@"_s + session->peerAddress()};
    RateLimiter *found[2] = {};
    for (int i = 0; i < 2; ++i) {
        auto bucket = buckets.find(keys[i]);
        if (bucket == buckets.end()) {
            if (buckets.size() >= MaxTrackedGuessers) // bounded: forget those that have refilled
                buckets.removeIf([](const auto &entry) { return entry.value().isFull(); });
            bucket = buckets.insert(keys[i], RateLimiter(perSecond, burst));
        }
        found[i] = &*bucket;
    }
    found[0] = &*buckets.find(keys[0]); // the second insertion may have moved the first
    if (found[0]->tokens() < 1 || found[1]->tokens() < 1)
        return false;
    return found[0]->tryTake() && found[1]->tryTake();
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
    session->m_pendingOlder.clear();
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
    if (joinedNow != m_pendingPresence.joined.end()) {
        m_pendingPresence.joined.erase(joinedNow); // came and went within one interval
    } else {
        m_pendingPresence.left.append(member.id);
        if (session->m_removed)
            m_pendingPresence.removed.append(member.id);
    }
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
    if (m_moderation.isKnown(session->m_member.id))
        m_moderation.noteKnown(session->m_member.id, name);
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
    if (!canRead(sender, chat.conversation)) {
        sendError(sender, ServerError{forbidden(chat.conversation), chat.clientId});
        return;
    }
    if (const auto error = checkChatText(chat.text, m_config.limits)) {
        sendError(sender, ServerError{*error, chat.clientId});
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
                sender->deliver(
                    OutgoingMessage(Ack{chat.clientId, stored->first, stored->second, chat.conversation}));
            else // unknown whether it is stored: not posted twice; the client sends it again
                sendError(sender, ServerError{storeFailed(), chat.clientId});
            return;
        }
    }
    std::optional<ReplyQuote> reply;
    if (chat.replyTo > 0) {
        bool failed = false;
        reply = quoteOf(chat.conversation, chat.replyTo, &failed);
        if (!reply) {
            m_uncommittedKeys.remove(memberId + u'\n' + chat.clientId);
            // A seq of another conversation gets the answer of one that does not exist.
            sendError(sender, ServerError{failed ? storeFailed()
                                                 : ProtocolError{ErrorCode::BadField,
                                                                 u"replyTo: there is no message %1 in this "
                                                                 u"conversation"_s.arg(chat.replyTo)},
                                          chat.clientId});
            return;
        }
    }
    // Checked after the re-send lookup: a chat stored already is acked again, not counted twice.
    if (!mayPost(sender, chat.clientId, true)) {
        m_uncommittedKeys.remove(memberId + u'\n' + chat.clientId);
        return;
    }
    ChatMessage posted{++m_lastSeq,       QDateTime::currentMSecsSinceEpoch(),
                       sender->member(),  chat.text,
                       chat.conversation, mentionsIn(chat.conversation, chat.mentions)};
    posted.reply = std::move(reply);
    m_uncommitted.append({std::move(posted), chat.clientId});
    if (!m_commitTimer.isActive())
        m_commitTimer.start(0); // everything received in this event-loop turn goes in one commit
}

void Room::editChat(Session *session, const EditChat &edit)
{
    auto target = messageToChange(session, edit.conversation, edit.seq, false);
    if (!target || !mayPost(session, {}, false))
        return;
    if (!target->file || !edit.text.isEmpty()) { // a file's caption may go
        if (const auto error = checkChatText(edit.text, m_config.limits)) {
            sendError(session, ServerError{*error, {}});
            return;
        }
    }
    target->text = edit.text;
    target->mentions = mentionsIn(edit.conversation, edit.mentions);
    target->editedTs = QDateTime::currentMSecsSinceEpoch();
    queueChange(*target, MessageStore::Entry::Kind::Edit, session);
}

void Room::deleteChat(Session *session, const DeleteChat &deletion)
{
    auto target = messageToChange(session, deletion.conversation, deletion.seq, isModerator(session));
    if (!target)
        return;
    target->deleted = target->from.id == session->member().id ? ChatMessage::Deletion::ByAuthor
                                                              : ChatMessage::Deletion::ByModerator;
    if (target->deleted == ChatMessage::Deletion::ByModerator)
        audit(session->member(), u"delete"_s, target->from, u"“%1”"_s.arg(target->text.left(200)));
    target->text.clear();
    target->mentions.clear();
    target->file.reset();
    queueChange(*target, MessageStore::Entry::Kind::Delete, session);
}

std::optional<ChatMessage> Room::newestState(qint64 seq, bool *failed) const
{
    // A change waiting for this turn's commit counts (an edit after a deletion in the same turn
    // must not bring the text back).
    for (auto entry = m_uncommitted.crbegin(); entry != m_uncommitted.crend(); ++entry) {
        if (entry->chat.seq == seq)
            return entry->chat;
    }
    return m_store.message(seq, failed);
}

std::optional<ReplyQuote> Room::quoteOf(const QString &conversation, qint64 seq, bool *failed) const
{
    const auto original = newestState(seq, failed);
    if (!original || original->conversation != conversation)
        return std::nullopt;
    const bool deleted = original->deleted != ChatMessage::Deletion::None;
    return ReplyQuote{seq, original->from, deleted ? QString() : ReplyQuote::excerptOf(original->text),
                      deleted, original->file.has_value()};
}

std::optional<ChatMessage> Room::messageToChange(Session *session, const QString &conversation, qint64 seq,
                                                 bool anyAuthor)
{
    const auto refuse = [&](const QString &why) {
        sendError(session, ServerError{{ErrorCode::Forbidden, why}, {}});
        return std::nullopt;
    };
    if (session->protocolVersion() < 2)
        return refuse(u"changing messages needs protocol version 2"_s);
    if (!canRead(session, conversation)) {
        sendError(session, ServerError{forbidden(conversation), {}});
        return std::nullopt;
    }
    bool failed = false;
    auto target = newestState(seq, &failed);
    if (failed) {
        sendError(session, ServerError{storeFailed(), {}});
        return std::nullopt;
    }
    // A seq of another conversation gets the answer of one that does not exist: no probing.
    if (!target || target->conversation != conversation)
        return refuse(u"there is no message %1 in this conversation"_s.arg(seq));
    if (target->deleted != ChatMessage::Deletion::None)
        return refuse(u"that message was deleted"_s);
    if (!anyAuthor && target->from.id != session->member().id)
        return refuse(u"only its author can change a message"_s);
    return target;
}

void Room::queueChange(ChatMessage changed, MessageStore::Entry::Kind kind, const Session *by)
{
    changed.revision = ++m_lastSeq;
    m_uncommitted.append({std::move(changed), {}, {}, kind, by->member().id});
    if (!m_commitTimer.isActive())
        m_commitTimer.start(0);
}

void Room::broadcastChange(const ChatMessage &chat) const
{
    // A member still catching up gets it in a page, as it is now.
    const OutgoingMessage message(ChatChanged{chat});
    const auto deliverTo = [&](Session *member) {
        if (member->protocolVersion() >= 2 && !member->m_catchUpAfter)
            member->deliver(message);
    };
    if (chat.conversation == GeneralConversation)
        std::for_each(m_members.begin(), m_members.end(), deliverTo);
    else
        std::ranges::for_each(onlineIn(chat.conversation), deliverTo);
}

bool Room::isModerator(const Session *session) const
{
    return session->protocolVersion() >= 2 && m_moderation.isModerator(session->member().id);
}

bool Room::mayJoin(Session *session, const QString &memberId)
{
    const auto turnAway = [&](ErrorCode code, int closeCode, const QString &why) {
        session->m_refused = true;
        sendError(session, ServerError{{code, why}, {}});
        session->closeConnection(closeCode, why);
        return false;
    };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // A moderator behind the banned member's NAT is not locked out with it.
    const auto ban = m_moderation.isModerator(memberId)
                         ? std::nullopt
                         : m_moderation.banOn(memberId, session->peerAddress(), now);
    if (ban) {
        const QString until = ban->until > 0
                                  ? QDateTime::fromMSecsSinceEpoch(ban->until).toUTC().toString(Qt::ISODate)
                                  : u"further notice"_s;
        return turnAway(ErrorCode::Banned, CloseCodeBanned,
                        u"a moderator banned you from this room until %1: %2"_s.arg(until, ban->reason));
    }
    if (m_moderation.state().locked && !m_moderation.isKnown(memberId) && !m_moderation.isModerator(memberId))
        return turnAway(ErrorCode::RoomLocked, CloseCodeRoomLocked,
                        u"this room is locked: it takes no new members just now"_s);
    return true;
}

bool Room::mayPost(Session *session, const QString &clientId, bool counted)
{
    const QString &memberId = session->member().id;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const auto mute = m_moderation.muteOn(memberId, now)) {
        sendError(
            session,
            ServerError{{ErrorCode::Muted,
                         mute->until > 0
                             ? u"a moderator muted you until %1"_s.arg(
                                   QDateTime::fromMSecsSinceEpoch(mute->until).toUTC().toString(Qt::ISODate))
                             : u"a moderator muted you"_s},
                        clientId});
        return false;
    }
    if (counted) {
        if (const int wait = m_moderation.slowModeWait(memberId, now); wait > 0) {
            sendError(session, ServerError{{ErrorCode::SlowMode,
                                            u"slow mode: wait %1 s before your next message"_s.arg(wait)},
                                           clientId});
            return false;
        }
    }
    return true;
}

void Room::becomeModerator(Session *session, const BecomeModerator &request)
{
    const QString &memberId = session->member().id;
    if (m_moderation.isModerator(memberId)) {
        session->deliver(OutgoingMessage(ModeratorGranted{}));
        return;
    }
    if (session->protocolVersion() < 2 || !m_moderatorChecker) {
        sendError(session, ServerError{{ErrorCode::Forbidden, u"this room has no moderator password"_s}, {}});
        return;
    }
    // Guessed like the room's password: each member and each address gets a few free tries,
    // then a growing wait; the check itself runs off the room's thread.
    const QString key = u"moderator\n"_s + memberId;
    const QString address = u"moderator@"_s + session->peerAddress();
    for (const QString &waiting : {key, address}) {
        const auto failures = m_passwordFailures.constFind(waiting);
        if (failures != m_passwordFailures.cend() && !failures->retryAt.hasExpired()) {
            sendError(session, ServerError{{ErrorCode::RateLimited,
                                            u"too many wrong moderator passwords; try again in %1 s"_s.arg(
                                                (failures->retryAt.remainingTime() + 999) / 1000)},
                                           {}});
            return;
        }
    }
    const quint64 ticket = ++m_lastPasswordTicket;
    if (!m_moderatorChecker->check(ticket, request.password)) {
        sendError(session,
                  ServerError{{ErrorCode::RateLimited, u"too many checks at once; try again"_s}, {}});
        return;
    }
    m_moderatorChecks.insert(ticket, {memberId, session->peerAddress()});
}

void Room::onModeratorPasswordChecked(quint64 ticket, bool matches)
{
    const ModeratorCheck pending = m_moderatorChecks.take(ticket);
    Session *session = m_byId.value(pending.memberId);
    if (!matches) {
        recordWrongGuess(u"moderator\n"_s + pending.memberId, FreeGuesses);
        recordWrongGuess(u"moderator@"_s + pending.address, FreeGuessesPerAddress);
        if (session)
            sendError(session, ServerError{{ErrorCode::Forbidden, u"wrong moderator password"_s}, {}});
        return;
    }
    if (!m_moderation.addModerator(pending.memberId)) {
        if (session)
            sendError(session, ServerError{storeFailed(), {}});
        return;
    }
    const Member member = session ? session->member() : Member{pending.memberId, pending.memberId};
    audit(member, u"moderator"_s, {}, {});
    if (session)
        session->deliver(OutgoingMessage(ModeratorGranted{}));
}

void Room::moderate(Session *session, const Moderate &request)
{
    using Action = Moderate::Action;
    const auto refuse = [&](ErrorCode code, const QString &why) {
        sendError(session, ServerError{{code, why}, {}});
    };
    if (!isModerator(session))
        return refuse(ErrorCode::Forbidden, u"only the room's moderators may do that"_s);
    const Member by = session->member();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 until = request.minutes > 0 ? now + request.minutes * 60 * 1000 : 0;
    QStringList details; // what the audit log says besides who and whom: how long, and why
    if (request.minutes > 0)
        details.append(u"%1 min"_s.arg(request.minutes));
    if (request.action == Action::SlowMode)
        details.append(u"%1 s"_s.arg(request.seconds));
    if (!request.reason.isEmpty())
        details.append(request.reason);
    const QString detail = details.join(u" · "_s);

    if (request.action == Action::SlowMode || request.action == Action::Lock ||
        request.action == Action::Unlock) {
        RoomState state = m_moderation.state();
        if (request.action == Action::SlowMode)
            state.slowModeSeconds = request.seconds;
        else
            state.locked = request.action == Action::Lock;
        if (!m_moderation.setState(state))
            return sendError(session, ServerError{storeFailed(), {}});
        const OutgoingMessage changed(state);
        for (Session *member : m_members) {
            if (member->protocolVersion() >= 2)
                member->deliver(changed);
        }
        audit(by, actionName(request.action), {}, detail);
        return;
    }

    // On a member: online now, or one the room has seen.
    Session *target = m_byId.value(request.member);
    if (!target && !m_moderation.isKnown(request.member))
        return refuse(ErrorCode::BadField, u"there is no member %1 in this room"_s.arg(request.member));
    if (request.member == by.id || m_moderation.isModerator(request.member))
        return refuse(ErrorCode::Forbidden, u"moderators cannot act on themselves or each other"_s);
    const Member member{request.member, target ? target->member().name : m_moderation.nameOf(request.member)};
    const Sanction told{request.action, until, request.reason, by};
    bool stored = true;
    switch (request.action) {
    case Action::Kick:
        if (!target)
            return refuse(ErrorCode::BadField, u"%1 is not online"_s.arg(member.name));
        break;
    case Action::Ban:
        stored = m_moderation.impose({Moderation::Kind::Ban, member.id,
                                      target ? target->peerAddress() : QString(), until, request.reason, by});
        break;
    case Action::Mute:
        stored = m_moderation.impose({Moderation::Kind::Mute, member.id, {}, until, request.reason, by});
        break;
    case Action::Unban:
        stored = m_moderation.lift(Moderation::Kind::Ban, member.id);
        break;
    case Action::Unmute:
        stored = m_moderation.lift(Moderation::Kind::Mute, member.id);
        break;
    default:
        break;
    }
    if (!stored)
        return sendError(session, ServerError{storeFailed(), {}});
    audit(by, actionName(request.action), member, detail);
    if (!target || request.action == Action::Unban)
        return;
    if (target->protocolVersion() >= 2)
        target->deliver(OutgoingMessage(told));
    if (request.action == Action::Kick || request.action == Action::Ban) {
        const bool ban = request.action == Action::Ban;
        target->m_refused = true;
        target->m_removed = true;
        sendError(target, ServerError{{ban ? ErrorCode::Banned : ErrorCode::Forbidden,
                                       ban ? u"a moderator banned you from this room"_s
                                           : u"a moderator removed you from this room"_s},
                                      {}});
        target->closeConnection(ban ? CloseCodeBanned : CloseCodeKicked,
                                ban ? u"banned by a moderator"_s : u"removed by a moderator"_s);
    }
}

void Room::audit(const Member &moderator, const QString &action, const Member &target, const QString &detail)
{
    if (!m_moderation.record(AuditEntry{0, 0, moderator, action, target, detail}))
        qCWarning(lcRoom) << "the audit log could not keep" << action << "by" << moderator.id;
}

void Room::sendAuditLog(Session *session, const AuditLogRequest &request)
{
    if (!isModerator(session)) {
        sendError(
            session,
            ServerError{{ErrorCode::Forbidden, u"only the room's moderators may read the audit log"_s}, {}});
        return;
    }
    const auto log = m_moderation.auditLog(request.before, 50);
    if (!log) {
        session->deliver(historyUnavailable());
        return;
    }
    session->deliver(OutgoingMessage(*log));
}

void Room::search(Session *session, const Search &request)
{
    if (session->protocolVersion() < 2) {
        sendError(session, ServerError{{ErrorCode::Forbidden, u"searching needs protocol version 2"_s}, {}});
        return;
    }
    if (!request.conversation.isEmpty() && !canRead(session, request.conversation)) {
        sendError(session, ServerError{forbidden(request.conversation), {}});
        return;
    }
    // A search reads the whole index: bounded per member (not per address: a class behind one
    // NAT searches at once; a guest reconnecting for fresh tokens is bounded by the connection
    // rate).
    auto bucket = m_searches.find(session->member().id);
    if (bucket == m_searches.end()) {
        if (m_searches.size() >= MaxTrackedGuessers)
            m_searches.removeIf([](const auto &entry) { return entry.value().isFull(); });
        bucket = m_searches.insert(session->member().id,
                                   RateLimiter(m_config.searchesPerSecond, m_config.searchBurst));
    }
    if (!bucket->tryTake()) {
        sendError(session,
                  ServerError{
                      {ErrorCode::RateLimited, u"too many searches; wait a moment and search again"_s}, {}});
        return;
    }
    const QStringList conversations =
        request.conversation.isEmpty() ? conversationsOf(session) : QStringList{request.conversation};
    const int limit = std::min(request.limit, m_config.limits.maxSearchPage);
    auto found = m_store.search(request.query, conversations, request.before, limit + 1);
    if (!found) {
        session->deliver(historyUnavailable());
        return;
    }
    const bool hasMore = found->size() > limit;
    if (hasMore)
        found->resize(limit);
    session->deliver(OutgoingMessage(SearchResults{request.query, *found, hasMore}));
}

QStringList Room::mentionsIn(const QString &conversation, const QStringList &mentioned) const
{
    // Mentions count only for people who can read them: in a direct conversation, the two.
    QStringList mentions;
    for (const QString &id : mentioned) {
        // Member ids are short and have no spaces (mentions are stored space-separated).
        if (id.isEmpty() || id.size() > 64 || id.contains(u' '))
            continue;
        if (isIn(id, conversation) && !mentions.contains(id))
            mentions.append(id);
    }
    return mentions;
}

void Room::beginUpload(Session *session, const Upload &upload)
{
    const auto refuse = [&](const ProtocolError &error) {
        sendError(session, ServerError{error, upload.clientId});
    };
    if (session->protocolVersion() < 2) // it could not follow the upload through
        return refuse({ErrorCode::Forbidden, u"sending files needs protocol version 2"_s});
    if (!canRead(session, upload.conversation))
        return refuse(forbidden(upload.conversation));
    if (!mayPost(session, upload.clientId, true))
        return;
    if (!upload.text.isEmpty()) {
        if (const auto error = checkChatText(upload.text, m_config.limits))
            return refuse(*error);
    }
    bool lookupFailed = false;
    if (const auto stored = m_store.find(session->member().id, upload.clientId, &lookupFailed)) {
        // Posted already (the client missed the ack): acked again, nothing sent twice.
        session->deliver(
            OutgoingMessage(Ack{upload.clientId, stored->first, stored->second, upload.conversation}));
        return;
    }
    if (lookupFailed)
        return refuse(storeFailed());
    // Asking again for an upload on its way (after a reconnect, say) costs nothing.
    if (!m_uploads.contains(session->member().id, upload.clientId) &&
        !takeToken(m_uploadStarts, session, m_config.uploadsPerMinute / 60, m_config.uploadsPerMinute))
        return refuse({ErrorCode::LimitReached,
                       u"at most %1 files a minute; try again in a moment"_s.arg(m_config.uploadsPerMinute)});
    Upload accepted = upload;
    accepted.mentions = mentionsIn(upload.conversation, upload.mentions);
    const auto ready = m_uploads.begin(session->member(), accepted);
    if (const auto *error = std::get_if<ProtocolError>(&ready))
        return refuse(*error);
    session->deliver(OutgoingMessage(std::get<UploadReady>(ready)));
}

void Room::postFile(const MessageStore::Upload &upload, const FileInfo &file)
{
    Session *sender = m_byId.value(upload.from.id);
    if (!isIn(upload.from.id, upload.conversation)) { // left the channel while it uploaded
        m_store.removeUpload(upload.id);
        m_uploads.posted(upload.id); // done with: there is nothing to post
        if (sender)
            sendError(sender, ServerError{forbidden(upload.conversation), upload.clientId});
        return;
    }
    const QString key = upload.from.id + u'\n' + upload.clientId;
    if (m_uncommittedKeys.contains(key))
        return;
    m_uncommittedKeys.insert(key);
    ChatMessage chat{++m_lastSeq,
                     QDateTime::currentMSecsSinceEpoch(),
                     sender ? sender->member() : upload.from,
                     upload.text,
                     upload.conversation,
                     upload.mentions,
                     file};
    m_uncommitted.append({std::move(chat), upload.clientId, upload.id});
    if (!m_commitTimer.isActive())
        m_commitTimer.start(0);
}

void Room::uploadFailed(const MessageStore::Upload &upload, const ProtocolError &error)
{
    if (Session *sender = m_byId.value(upload.from.id))
        sendError(sender, ServerError{error, upload.clientId});
}

QString Room::fileKeyFor(const QString &memberId) const
{
    const QByteArray mac = QMessageAuthenticationCode::hash("file key\n" + memberId.toUtf8(), m_roomSecret,
                                                            QCryptographicHash::Sha256);
    return memberId + u'.' +
           QString::fromLatin1(
               mac.left(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Room::FileAccess Room::fileAccess(const QString &fileKey, const QString &conversation,
                                  const QString &fileId) const
{
    const QString memberId = fileKey.left(fileKey.lastIndexOf(u'.'));
    // Compared in full, whatever the length: a wrong key says nothing about the right one.
    const QByteArray given = fileKey.toUtf8();
    const QByteArray expected = fileKeyFor(memberId).toUtf8();
    char difference = given.size() == expected.size() && !memberId.isEmpty() ? 0 : 1;
    for (qsizetype i = 0; i < std::min(given.size(), expected.size()); ++i)
        difference |= char(given[i] ^ expected[i]);
    if (difference != 0 || !isIn(memberId, conversation))
        return {403, {}};
    bool failed = false;
    const auto file = m_store.postedFile(fileId, conversation, &failed);
    if (failed)
        return {503, {}};
    return file ? FileAccess{200, *file} : FileAccess{404, {}};
}

void Room::commitChats()
{
    const QList<MessageStore::Entry> batch = std::exchange(m_uncommitted, {});
    const QList<MessageStore::ReadPosition> reads = std::exchange(m_uncommittedReads, {});
    m_uncommittedKeys.clear();
    if (batch.isEmpty() && reads.isEmpty())
        return;
    QElapsedTimer commit;
    commit.start();
    const bool stored = m_store.append(batch, reads);
    m_counters.commits.record(std::chrono::nanoseconds(commit.nsecsElapsed()));
    m_counters.storeWritable = stored;
    if (!stored) {
        if (batch.isEmpty())
            return; // a read position is a convenience: the member's next one carries it
        // None of the batch's seqs was used (they were the newest); the next chat takes the first.
        // Not re-read from the store: a store that cannot write may not read either.
        m_lastSeq = batch.constFirst().chat.position() - 1;
        for (const MessageStore::Entry &entry : batch) {
            const bool post = entry.kind == MessageStore::Entry::Kind::Post;
            if (Session *sender = m_byId.value(post ? entry.chat.from.id : entry.changedBy))
                sendError(sender, ServerError{storeFailed(), entry.clientId});
        }
        return;
    }
    if (!batch.isEmpty() && !m_searchIndexTimer.isActive())
        m_searchIndexTimer.start();
    for (const MessageStore::Entry &entry : batch) {
        if (entry.kind != MessageStore::Entry::Kind::Post) {
            broadcastChange(entry.chat);
            Q_EMIT chatChanged(entry.chat);
            continue;
        }
        if (!entry.uploadId.isEmpty())
            m_uploads.posted(entry.uploadId);
        Session *sender = m_byId.value(entry.chat.from.id);
        if (sender)
            sender->deliver(
                OutgoingMessage(Ack{entry.clientId, entry.chat.seq, entry.chat.ts, entry.chat.conversation}));
        ++m_counters.messages;
        m_counters.deliveries += broadcastChat(entry.chat, sender);
        Q_EMIT chatPosted(entry.chat);
    }
}

void Room::relayTyping(Session *session, const StartTyping &typing)
{
    if (!canRead(session, typing.conversation)) {
        sendError(session, ServerError{forbidden(typing.conversation), {}});
        return;
    }
    QElapsedTimer &last = session->m_lastTypingRelay;
    if (last.isValid() && last.elapsed() < m_config.typingInterval.count())
        return; // throttled: the previous notice is still fresh on every screen
    last.start();
    const OutgoingMessage notice(TypingNotice{session->member(), typing.conversation});
    if (typing.conversation == GeneralConversation) {
        broadcast(notice, session);
        return;
    }
    for (Session *reader : onlineIn(typing.conversation)) {
        if (reader != session)
            reader->deliver(notice);
    }
}

void Room::openDirect(Session *session, const OpenDirect &open)
{
    const QString &self = session->member().id;
    if (session->protocolVersion() < 2 || open.member == self) {
        sendError(session, ServerError{{ErrorCode::Forbidden,
                                        u"a direct conversation is with another member, in protocol 2"_s},
                                       {}});
        return;
    }
    const QString id = directId(self, open.member);
    if (!m_directs.contains(id)) {
        // Paid for before the lookup, which costs the room more than a known conversation does.
        if (!takeToken(m_directOpens, session, m_config.directOpensPerMinute / 60.0,
                       m_config.directOpensPerMinute)) {
            sendError(session,
                      ServerError{{ErrorCode::LimitReached,
                                   u"you can open %1 direct conversations a minute; wait a moment"_s.arg(
                                       m_config.directOpensPerMinute)},
                                  {}});
            return;
        }
        // Someone this server knows: online now, or who has posted here (and so can come back).
        Session *other = m_byId.value(open.member);
        const auto lastName =
            other ? std::optional(other->member().name) : m_store.lastPostedName(open.member);
        if (!lastName) {
            session->deliver(historyUnavailable());
            return;
        }
        if (lastName->isEmpty()) {
            sendError(session, ServerError{{ErrorCode::BadField,
                                            u"no member \"%1\" is known here"_s.arg(open.member.left(64))},
                                           {}});
            return;
        }
        const MessageStore::Direct direct{id, {session->member(), Member{open.member, *lastName}}};
        if (!m_store.addDirect(direct, QDateTime::currentMSecsSinceEpoch())) {
            sendError(session, ServerError{storeFailed(), {}});
            return;
        }
        m_directs.insert(id, direct);
        m_directsOf[self].append(id);
        m_directsOf[open.member].append(id);
        // The other one hears of it now if online: its first message may follow at once.
        if (other && other->protocolVersion() >= 2) {
            if (const auto described = describeDirect(direct, open.member, 0))
                other->deliver(OutgoingMessage(ConversationUpdate{*described}));
        }
    }
    const auto positions = m_store.readPositions(self);
    const auto described = describeDirect(m_directs.value(id), self, positions ? positions->value(id) : 0);
    if (!described) {
        session->deliver(historyUnavailable());
        return;
    }
    session->deliver(OutgoingMessage(ConversationUpdate{*described}));
}

void Room::markRead(Session *session, const MarkRead &read)
{
    if (!canRead(session, read.conversation)) {
        sendError(session, ServerError{forbidden(read.conversation), {}});
        return;
    }
    // Kept with this turn's commit: one transaction, whatever else happens in it; one row per
    // (member, conversation) however many came.
    const qint64 seq = std::min(read.seq, m_lastSeq);
    const auto same = std::find_if(m_uncommittedReads.begin(), m_uncommittedReads.end(), [&](const auto &r) {
        return r.memberId == session->member().id && r.conversation == read.conversation;
    });
    if (same != m_uncommittedReads.end())
        same->seq = std::max(same->seq, seq);
    else
        m_uncommittedReads.append({session->member().id, read.conversation, seq});
    if (!m_commitTimer.isActive())
        m_commitTimer.start(0);
}

void Room::broadcast(const OutgoingMessage &message, const Session *except) const
{
    for (Session *member : m_members) {
        if (member != except)
            member->deliver(message);
    }
}

qsizetype Room::broadcastChat(const ChatMessage &chat, const Session *sender) const
{
    // A member still catching up gets this chat in a page, in order.
    const OutgoingMessage message(chat);
    qsizetype deliveries = 0;
    const auto deliverTo = [&](Session *member) {
        if (member != sender && !member->m_catchUpAfter) {
            member->deliver(message);
            ++deliveries;
        }
    };
    if (chat.conversation == GeneralConversation)
        std::for_each(m_members.begin(), m_members.end(), deliverTo);
    else
        std::ranges::for_each(onlineIn(chat.conversation), deliverTo);
    return deliveries;
}

void Room::sendError(Session *session, const ServerError &error)
{
    noteRefusal(error.error.code);
    session->deliver(OutgoingMessage(error));
}

bool Room::isIn(const QString &memberId, const QString &conversation) const
{
    if (conversation == GeneralConversation)
        return true;
    if (const auto channel = m_channels.constFind(conversation); channel != m_channels.cend())
        return channel->members.contains(memberId);
    const auto direct = m_directs.constFind(conversation);
    return direct != m_directs.cend() &&
           (direct->members[0].id == memberId || direct->members[1].id == memberId);
}

std::vector<Session *> Room::onlineIn(const QString &conversation) const
{
    std::vector<Session *> online;
    const auto add = [&](const QString &memberId) {
        Session *session = m_byId.value(memberId);
        if (session && session->protocolVersion() >= 2)
            online.push_back(session);
    };
    if (const auto channel = m_channels.constFind(conversation); channel != m_channels.cend()) {
        // Walk the smaller side: a big channel in a small crowd, or the reverse.
        if (qsizetype(m_members.size()) < channel->members.size()) {
            for (Session *member : m_members) {
                if (member->protocolVersion() >= 2 && channel->members.contains(member->member().id))
                    online.push_back(member);
            }
        } else {
            for (const QString &memberId : channel->members)
                add(memberId);
        }
    } else if (const auto direct = m_directs.constFind(conversation); direct != m_directs.cend()) {
        add(direct->members[0].id);
        add(direct->members[1].id);
    }
    return online;
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
    m_moderation.saveKnown(); // the members who joined since, in one transaction
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

    // What everyone may know of the channels made, joined or left since: one write per v2 member.
    OutgoingBatch channels;
    for (const QString &id : std::exchange(m_pendingChannels, {})) {
        if (const auto channel = m_channels.constFind(id); channel != m_channels.cend())
            channels.append(OutgoingMessage(channelUpdate(*channel)));
    }
    if (!channels.isEmpty()) {
        for (Session *member : m_members) {
            if (member->protocolVersion() >= 2)
                member->deliver(channels);
        }
    }
}

ProtocolError Room::storeFailed()
{
    return {ErrorCode::StoreFailed, u"the room could not store your message; send it again in a moment"_s};
}

QString Room::nextGuestName()
{
    return u"Guest %1"_s.arg(++m_guestCounter);
}
