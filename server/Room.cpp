#include "Room.h"

#include "Logging.h"
#include "OutgoingMessage.h"
#include "Session.h"
#include "Validation.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

template<class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};

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
    , m_admissionTimer(this)
    , m_presenceTimer(this)
{
    m_admissionTimer.setSingleShot(true);
    connect(&m_admissionTimer, &QTimer::timeout, this, &Room::joinOverdueAdmissions);
    m_presenceTimer.setSingleShot(true);
    connect(&m_presenceTimer, &QTimer::timeout, this, &Room::flushPresence);
    m_sinceFlush.start();
}

Room::~Room() = default;

QList<Member> Room::members() const
{
    QList<Member> result;
    result.reserve(qsizetype(m_members.size()));
    for (const Session *session : m_members)
        result.append(session->member());
    return result;
}

void Room::admit(Session *session)
{
    m_admissions.push_back({session, {}});
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
        join(session, {});
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
    eraseIf(m_admissions, [session](const Admission &a) { return a.session == session; });
    if (const auto *hello = std::get_if<Hello>(&message)) {
        if (const auto name = normalizeName(hello->name, m_config.limits);
            std::holds_alternative<QString>(name)) {
            join(session, std::get<QString>(name));
            return;
        }
    }
    join(session, {});
    handleMember(session, message); // an unacceptable hello is refused here, with its reason
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
               },
               message);
}

void Room::join(Session *session, const QString &name)
{
    session->m_member = Member{newMemberId(), name.isEmpty() ? nextGuestName() : name};
    session->m_index = qsizetype(m_members.size());
    m_members.push_back(session);
    m_newcomers.push_back(session);

    session->deliver(
        OutgoingMessage(Welcome{Version, m_config.roomName, session->member(), members(), m_lastSeq}));

    const Member &member = session->member();
    eraseIf(m_pendingPresence.renamed, [&](const Member &m) { return m.id == member.id; });
    m_pendingPresence.joined.append(member);
    schedulePresenceFlush();

    qCDebug(lcRoom) << "joined:" << member.id << member.name << "now" << memberCount();
    Q_EMIT memberJoined(member);
    Q_EMIT memberCountChanged(memberCount());
}

void Room::remove(Session *session)
{
    if (!session->hasJoined()) {
        eraseIf(m_admissions, [session](const Admission &a) { return a.session == session; });
        return;
    }
    // Swap-and-pop keeps removal O(1); member order is not part of the protocol.
    const qsizetype index = session->m_index;
    m_members[size_t(index)] = m_members.back();
    m_members[size_t(index)]->m_index = index;
    m_members.pop_back();
    session->m_index = -1;
    std::erase(m_newcomers, session);

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

void Room::rename(Session *session, const QString &name)
{
    if (session->m_member.name == name)
        return;
    session->m_member.name = name;
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
    const ChatMessage message{++m_lastSeq, QDateTime::currentMSecsSinceEpoch(), sender->member(), chat.text};
    sender->deliver(OutgoingMessage(Ack{chat.clientId, message.seq, message.ts}));
    broadcast(OutgoingMessage(message), sender);
    Q_EMIT chatPosted(message);
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

void Room::schedulePresenceFlush()
{
    if (m_presenceTimer.isActive())
        return;
    // The first change after a quiet spell goes out on the next event-loop turn; later ones
    // wait for the interval, so bursts are coalesced.
    m_presenceTimer.start(std::max<qint64>(0, m_config.presenceInterval.count() - m_sinceFlush.elapsed()));
}

void Room::flushPresence()
{
    m_sinceFlush.restart();
    PresenceDelta delta = std::exchange(m_pendingPresence, {});
    if (!delta.joined.isEmpty() || !delta.left.isEmpty() || !delta.renamed.isEmpty())
        broadcast(OutgoingMessage(std::move(delta)));

    const OutgoingMessage count(UserCount{memberCount()});
    if (memberCount() != m_announcedCount) {
        m_announcedCount = memberCount();
        broadcast(count);
    } else {
        for (Session *newcomer : m_newcomers)
            newcomer->deliver(count);
    }
    m_newcomers.clear();
}

QString Room::nextGuestName()
{
    return u"Guest %1"_s.arg(++m_guestCounter);
}
