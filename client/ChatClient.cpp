#include "ChatClient.h"

#include "ClientLogging.h"
#include "JsonCodec.h"
#include "MemberListModel.h"
#include "MessageListModel.h"
#include "SelfSignedCertificate.h"
#include "Transcript.h"
#include "Validation.h"

#include <QDir>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QQmlEngine>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

using namespace Protocol;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr auto HeartbeatInterval = 15s;
constexpr auto SilenceLimit = 45s;    // no frame and no pong for this long: the link is dead
constexpr auto TypingShownFor = 5s;   // how long "X is typing…" stays without a new notice
constexpr auto TypingSendEvery = 3s;  // how often we tell the room that we are still typing
constexpr int MaxNoticesPerDelta = 3; // beyond this a delta becomes one "N people joined"
constexpr int OlderPageSize = 50;
constexpr int FirstPageSize = 100;        // what a v1 room sends on joining
constexpr auto ReadReportInterval = 1s;   // read positions go to the room at most this often
constexpr auto RateLimitedRetry = 1500ms; // the room's bucket refills at 20 frames/s by default
constexpr auto StoreFailedRetry = 5s;     // a full disk is not freed in a moment
constexpr auto UploadRetry = 3s;          // an upload cut off is announced again after this
// Own chats go at this share of the room's rate, in bursts of this share of its burst: the rest
// is left for the other frames (typing, read positions) that draw on the same bucket.
constexpr double PaceShare = 0.8;
constexpr double BurstShare = 0.5;
constexpr double DefaultRate = 20; // what a room that does not say allows (ServerConfig's defaults)
constexpr double DefaultBurst = 40;

} // namespace

ChatClient::ChatClient(QObject *parent)
    : QObject(parent)
    , m_socket(QString(), QWebSocketProtocol::VersionLatest, this)
    , m_members(new MemberListModel(this))
    , m_conversations(new ConversationListModel(this))
    , m_searchResults(new SearchResultModel(this))
    , m_auditLog(new AuditLogModel(this))
    , m_identityToken(QUuid::createUuid().toString(QUuid::Id128))
    , m_sendPacer(DefaultRate * PaceShare, DefaultBurst * BurstShare)
{
    messagesFor(m_current); // #general always has a list, even before any room
    m_conversations->setCurrent(m_current);
    // Names that look alike get a tag from the member id, in the member list and the messages.
    connect(m_members, &MemberListModel::tagsChanged, this, [this] {
        for (const View &view : std::as_const(m_views))
            view.messages->setSenderTags(m_members->tags());
    });
    connect(&m_socket, &QWebSocket::connected, this, &ChatClient::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &ChatClient::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &ChatClient::onTextMessage);
    connect(&m_socket, &QWebSocket::pong, this, [this] { m_sinceHeard.start(); });
    connect(&m_socket, &QWebSocket::sslErrors, this, &ChatClient::onSslErrors);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError error) {
                qCDebug(lcClient) << "socket error" << error << m_socket.errorString();
                // Keep a refusal's reason or the certificate warning in front. (A refused
                // connection reports its error after disconnected(), once m_wanted is false.)
                if ((m_wanted || m_errorString.isEmpty()) && m_changedFingerprint.isEmpty())
                    setErrorString(socketErrorText(error));
                // A failed connect attempt ends here without a disconnected() signal.
                if (m_socket.state() == QAbstractSocket::UnconnectedState)
                    onDisconnected();
            });

    m_reconnectTimer.setSingleShot(true);
    // The countdown shown reads the timer's remaining time: a coarse timer may fire up to 5 %
    // late, and would show a second more than the delay it was given.
    m_reconnectTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ChatClient::open);
    m_countdownTimer.setInterval(250);
    connect(&m_countdownTimer, &QTimer::timeout, this, &ChatClient::updateReconnectSeconds);
    m_heartbeatTimer.setInterval(HeartbeatInterval);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &ChatClient::checkHeartbeat);
    m_resendTimer.setSingleShot(true);
    connect(&m_resendTimer, &QTimer::timeout, this, &ChatClient::sendUnsent);
    m_sendQueueTimer.setSingleShot(true);
    connect(&m_sendQueueTimer, &QTimer::timeout, this, &ChatClient::sendQueued);
    m_muteExpiry.setSingleShot(true);
    connect(&m_muteExpiry, &QTimer::timeout, this, [this] {
        m_mutedUntil = -1; // a timed mute ended (the room's own clock decides; this only says so)
        Q_EMIT moderationChanged();
    });
    m_readTimer.setInterval(ReadReportInterval);
    m_readTimer.setSingleShot(true);
    connect(&m_readTimer, &QTimer::timeout, this, &ChatClient::sendReads);
    m_typingExpiry.setInterval(500);
    connect(&m_typingExpiry, &QTimer::timeout, this, &ChatClient::expireTyping);

    connect(&m_transfers, &FileTransfers::uploadHashed, this, [this](const Upload &upload) {
        messagesFor(upload.conversation)->setOwnFileId(upload.clientId, upload.sha256);
        announceUpload(upload);
    });
    connect(&m_transfers, &FileTransfers::uploadGaveUp, this,
            [this](const QString &clientId, const QString &reason) {
                for (const View &view : std::as_const(m_views))
                    view.messages->markFailed(clientId, reason);
            });
    connect(&m_transfers, &FileTransfers::uploadInterrupted, this,
            [this](const QString &clientId) { announceUploadLater(clientId); });
    connect(&m_transfers, &FileTransfers::uploadCancelled, this,
            [this](const QString &clientId, const QString &uploadId) {
                if (!uploadId.isEmpty() && m_state == State::Connected)
                    send(CancelUpload{uploadId});
                for (const View &view : std::as_const(m_views))
                    view.messages->removeOwn(clientId);
            });
    connect(&m_transfers, &FileTransfers::thumbnailReady, this,
            [this](const QString &fileId, const QUrl &file) {
                for (const View &view : std::as_const(m_views))
                    view.messages->setThumbnail(fileId, file);
            });
}

ChatClient::~ChatClient()
{
    m_socket.disconnect(this);
}

void ChatClient::setDisplayName(const QString &name)
{
    if (m_displayName == name)
        return;
    m_displayName = name;
    Q_EMIT displayNameChanged();
    if (m_state == State::Connected)
        send(Hello{name, {}, std::nullopt});
}

bool ChatClient::rename(const QString &name)
{
    const QString wanted = name.trimmed();
    if (m_state != State::Connected || wanted.isEmpty() || wanted == m_self.name)
        return false;
    m_renameAsked = wanted;
    send(Hello{wanted, {}, std::nullopt});
    return true;
}

void ChatClient::setPassword(const QString &password)
{
    if (m_password == password)
        return;
    m_password = password;
    Q_EMIT passwordChanged();
}

void ChatClient::setIdentityToken(const QString &token)
{
    if (m_identityToken == token || token.size() < m_limits.minTokenLength ||
        token.size() > m_limits.maxTokenLength)
        return;
    m_identityToken = token;
    Q_EMIT identityTokenChanged();
}

QString ChatClient::typingText() const
{
    QStringList names;
    for (const Typist &typist : m_typists) {
        if (typist.conversation == m_current)
            names.append(typist.name);
    }
    names.sort(Qt::CaseInsensitive);
    switch (names.size()) {
    case 0:
        return {};
    case 1:
        return tr("%1 is typing…").arg(names.at(0));
    case 2:
        return tr("%1 and %2 are typing…").arg(names.at(0), names.at(1));
    default:
        return tr("Several people are typing…");
    }
}

QUrl ChatClient::urlFromUserInput(const QString &input)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return {};
    QUrl url(trimmed.contains(u"://"_s) ? trimmed : u"ws://"_s + trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"ws" && url.scheme() != u"wss"))
        return {};
    if (url.port() == -1)
        url.setPort(DefaultPort);
    if (url.path().isEmpty())
        url.setPath(u"/"_s);
    return url;
}

bool ChatClient::joinAddress(const QString &address)
{
    const QUrl url = urlFromUserInput(address);
    if (!url.isValid()) {
        setErrorString(tr("“%1” is not a room address. Type an address such as 192.168.1.20 or "
                          "ws://office-pc:47800/")
                           .arg(address.trimmed()));
        return false;
    }
    connectToRoom(url);
    return true;
}

void ChatClient::connectToRoom(const QUrl &url)
{
    if (!url.isValid() || (url.scheme() != u"ws" && url.scheme() != u"wss")) {
        setErrorString(tr("“%1” is not a room address; use ws://HOST:PORT/").arg(url.toDisplayString()));
        return;
    }
    if (url != m_url) {
        clearConversations();
        m_members->clear();
        m_roomId.clear();
        m_url = url;
        Q_EMIT urlChanged();
        Q_EMIT messageLinkBaseChanged();
        // What was typed here but never acked, last time: shown as sending, re-sent on welcome.
        m_outbox.setRoom(url, m_identityToken);
        for (const Outbox::Entry &entry : m_outbox.entries())
            messagesFor(entry.conversation)
                ->appendOwn(entry.clientId, Member{m_self.id, m_displayName}, entry.text);
    }
    m_wanted = true;
    m_welcomed = false;
    m_attempt = 0;
    m_reconnectTimer.stop();
    m_socket.abort();
    setErrorString({});
    open();
}

void ChatClient::disconnectFromRoom()
{
    m_readTimer.stop();
    sendReads(); // what was read goes before leaving, not with the next visit
    m_socket.flush();
    m_wanted = false;
    m_reconnectTimer.stop();
    m_countdownTimer.stop();
    m_heartbeatTimer.stop();
    m_socket.close(QWebSocketProtocol::CloseCodeNormal);
    m_socket.abort();
    setState(State::Disconnected);
}

void ChatClient::reconnectNow()
{
    if (m_wanted && m_reconnectTimer.isActive()) {
        m_reconnectTimer.stop();
        open();
    }
}

void ChatClient::setReconnectDelays(std::chrono::milliseconds first, std::chrono::milliseconds cap)
{
    m_firstDelay = first;
    m_maxDelay = cap;
}

void ChatClient::open()
{
    m_countdownTimer.stop();
    m_reconnectSeconds = 0;
    Q_EMIT reconnectSecondsChanged();
    setState(m_attempt == 0 ? State::Connecting : State::Reconnecting);
    qCDebug(lcClient) << "connecting to" << m_url << "attempt" << m_attempt;
    m_socket.open(m_url);
}

void ChatClient::send(const ClientMessage &message)
{
    m_socket.sendTextMessage(QString::fromUtf8(JsonCodec::encode(message)));
}

void ChatClient::onConnected()
{
    if (const QSslCertificate certificate = m_socket.sslConfiguration().peerCertificate();
        !certificate.isNull()) {
        const QString fingerprint = SelfSignedCertificate::fingerprint(certificate);
        if (fingerprint != m_certificateFingerprint) {
            m_certificateFingerprint = fingerprint;
            Q_EMIT certificateFingerprintChanged();
        }
    }
    m_sinceHeard.start();
    m_heartbeatTimer.start();
    m_roomIdAtHello = m_roomId;
    m_sinceTypingSent.invalidate();
    for (auto view = m_views.begin(); view != m_views.end(); ++view) {
        setLoadingOlder(view.key(), false);
        view->requested = view->newestLoaded; // a page asked for and never answered: ask again
    }
    // Resume after the newest message we have, so the room sends everything we missed.
    // Once a room has let us in, we resume it, also from 0 (an empty room then is not a new
    // room now: what came meanwhile is ours to get).
    m_resuming = !m_roomId.isEmpty();
    m_resumedAfter = m_resumeAfter;
    m_helloAnswered = false;
    m_heardAsGuest = false;
    send(Hello{m_displayName.trimmed(), m_identityToken,
               m_resuming ? std::optional(m_resumeAfter) : std::nullopt, m_password,
               m_resuming ? m_roomId : QString(), NewestVersion});
}

void ChatClient::onDisconnected()
{
    m_heartbeatTimer.stop();
    m_transfers.setOffline();
    if (!m_typists.isEmpty()) {
        m_typists.clear();
        Q_EMIT typingTextChanged();
    }
    const int closeCode = m_socket.closeCode();
    if (closeCode == QWebSocketProtocol::CloseCodeTooMuchData) {
        // The room did not say its limits (an older server) and one of ours was too large for
        // it: the largest unsent one goes no more, so reconnecting cannot repeat this forever.
        const auto unsent = m_outbox.entries();
        const auto largest =
            std::max_element(unsent.cbegin(), unsent.cend(),
                             [](const auto &a, const auto &b) { return a.text.size() < b.text.size(); });
        if (largest != unsent.cend()) {
            messagesFor(largest->conversation)
                ->markFailed(largest->clientId, refusalText({ErrorCode::TooLong, {}}));
            m_outbox.remove(largest->clientId);
        }
    }
    if (m_wanted &&
        (closeCode == CloseCodeRoomClosed || closeCode == CloseCodeReplaced || closeCode == CloseCodeKicked ||
         closeCode == CloseCodeBanned || closeCode == CloseCodeRoomLocked)) {
        // Coming back would not help: the room is gone, or this person is in it from elsewhere
        // (retrying would push that other window out, and it would push back).
        m_wanted = false;
        m_reconnectTimer.stop();
        m_countdownTimer.stop();
        setErrorString(closeText());
        setState(State::Closed);
        return;
    }
    if (m_wanted && !m_welcomed) {
        // Never got in: a typo, a closed room or something that is not a room. Waiting would
        // only hide that, so say it on the start page. (A socket error, if any, follows.)
        m_wanted = false;
        m_reconnectTimer.stop();
        if (m_errorString.isEmpty())
            setErrorString(closeText());
        if (m_errorString.isEmpty()) {
            QTimer::singleShot(0, this, [this] {
                if (m_state == State::Disconnected && m_errorString.isEmpty())
                    setErrorString(
                        tr("%1 closed the connection before letting you in.").arg(m_url.authority()));
            });
        }
    }
    if (m_wanted)
        scheduleReconnect();
    else
        setState(State::Disconnected);
}

QString ChatClient::closeText() const
{
    switch (int(m_socket.closeCode())) {
    case CloseCodeRoomClosed:
        return tr("The host closed the room.");
    case CloseCodeReplaced:
        return tr("You are in this room from another window or computer.");
    case CloseCodeKicked:
        return tr("A moderator removed you from the room.");
    case CloseCodeBanned:
        return tr("A moderator banned you from this room.");
    case CloseCodeRoomLocked:
        return tr("The room is locked: it takes no new members just now.");
    case QWebSocketProtocol::CloseCodeGoingAway:
        return tr("The room is shutting down.");
    case CloseCodeTryAgainLater:
        return tr("The room is full or busy. Try again in a moment.");
    case CloseCodePolicyViolation:
        return tr("The room closed the connection: too much, too fast.");
    case QWebSocketProtocol::CloseCodeTooMuchData:
        return tr("The room closed the connection: a message was larger than it allows.");
    case QWebSocketProtocol::CloseCodeAbnormalDisconnection:
        return {}; // no close frame: the socket error says what happened
    case QWebSocketProtocol::CloseCodeNormal:
        if (m_socket.closeReason().isEmpty())
            return {}; // also what Qt reports when there was no close frame at all
        [[fallthrough]];
    default:
        return tr("The room closed the connection (%1).").arg(m_socket.closeReason());
    }
}

QString ChatClient::socketErrorText(QAbstractSocket::SocketError error) const
{
    const QString where = m_url.authority();
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return tr("No room is open at %1.").arg(where);
    case QAbstractSocket::HostNotFoundError:
        return tr("No computer called “%1” was found on the network.").arg(m_url.host());
    case QAbstractSocket::SocketTimeoutError:
        return tr("%1 did not answer.").arg(where);
    case QAbstractSocket::NetworkError:
        return tr("The network to %1 is down or unreachable.").arg(where);
    case QAbstractSocket::RemoteHostClosedError:
        return tr("%1 closed the connection.").arg(where);
    case QAbstractSocket::SslHandshakeFailedError:
        return tr("The encrypted connection to %1 failed.").arg(where);
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return tr("The network proxy would not connect to %1.").arg(where);
    default:
        // Qt's own text is English only; keep it as the detail behind a translated sentence.
        return tr("Cannot talk to a room at %1 (%2).").arg(where, m_socket.errorString());
    }
}

void ChatClient::scheduleReconnect()
{
    if (m_reconnectTimer.isActive())
        return;
    // Exponential backoff with "equal jitter": half the delay fixed, half random, so a room of
    // clients that lost the same server does not come back in one wave.
    const qint64 exponential =
        std::min<qint64>(m_maxDelay.count(), m_firstDelay.count() << std::min(m_attempt, 16));
    const qint64 delay =
        exponential / 2 + qint64(QRandomGenerator::global()->bounded(double(exponential / 2 + 1)));
    ++m_attempt;
    qCDebug(lcClient) << "reconnecting in" << delay << "ms";
    m_reconnectTimer.start(std::chrono::milliseconds(delay));
    m_countdownTimer.start();
    updateReconnectSeconds();
    setState(State::Reconnecting);
}

void ChatClient::updateReconnectSeconds()
{
    const int seconds = m_reconnectTimer.isActive() ? (m_reconnectTimer.remainingTime() + 999) / 1000 : 0;
    if (seconds != m_reconnectSeconds) {
        m_reconnectSeconds = seconds;
        Q_EMIT reconnectSecondsChanged();
    }
}

void ChatClient::checkHeartbeat()
{
    if (m_sinceHeard.hasExpired(std::chrono::milliseconds(SilenceLimit).count())) {
        qCDebug(lcClient) << "no sign of the server for" << SilenceLimit.count() << "s; reconnecting";
        m_socket.abort(); // a laptop lid or a dead Wi-Fi: the socket would not notice for minutes
        return;
    }
    m_socket.ping();
}

void ChatClient::onTextMessage(const QString &text)
{
    m_sinceHeard.start();
    const auto decoded = JsonCodec::decodeServerMessage(text.toUtf8());
    if (const auto *error = std::get_if<ProtocolError>(&decoded)) {
        qCWarning(lcClient) << "ignoring a frame the server should not have sent:" << error->message;
        return;
    }
    const auto &message = std::get<ServerMessage>(decoded);
    // What a room sends to the guest it took us for is not ours (nor its errors, such as history
    // it could not read): the answer to our hello comes next, a welcome with everything we are
    // owed, or a refusal whose close code says why.
    if (m_heardAsGuest && !std::holds_alternative<Welcome>(message))
        return;
    std::visit([this](const auto &message) { handle(message); }, message);
}

void ChatClient::handle(const Welcome &welcome)
{
    if (welcome.withoutHello && !m_helloAnswered) {
        // Our hello reached the room after its wait for one ran out (a slow link or a busy
        // room); it answers the hello with a welcome of our own identity next.
        qCDebug(lcClient) << "the room took us for a guest before reading our hello";
        m_heardAsGuest = true;
        return;
    }
    m_helloAnswered = true;
    m_heardAsGuest = false;
    const bool firstJoin = m_state != State::Reconnecting;
    m_attempt = 0;
    m_welcomed = true;
    if (!m_roomId.isEmpty() && welcome.roomId != m_roomId) {
        // Another room now answers at this address (the host closed ours and opened another, or
        // a throwaway room restarted): its seqs are other messages. Start a fresh list.
        clearConversations();
        messagesFor(m_current)->appendNotice(
            tr("This address now hosts a different room. What you saw before is not part of it."));
    }
    m_roomId = welcome.roomId;
    m_notifiedInResume.clear();
    if (m_protocol != welcome.protocolVersion) {
        m_protocol = welcome.protocolVersion;
        Q_EMIT protocolVersionChanged();
    }
    if (m_protocol >= 2) {
        m_conversations->reset(welcome.conversations);
        // Without a resume, older messages come by asking and newer ones live: we have "seen" up
        // to here. With one, only what its pages bring counts (a page lost with the link must
        // come again next time).
        if (!m_resuming || welcome.roomId != m_roomIdAtHello)
            m_resumeAfter = std::max(m_resumeAfter, welcome.lastSeq);
    } else {
        Conversation general{GeneralConversation.toString(), Conversation::Kind::Channel, u"general"_s};
        general.memberCount = int(welcome.members.size());
        m_conversations->reset({general});
    }
    m_conversations->setCurrent(m_current);
    if (!m_conversations->isJoined(m_current))
        setCurrentConversation(GeneralConversation.toString());
    if (welcome.limits.maxTextLength > 0 && welcome.limits.maxMessageBytes > 0) {
        m_limits.maxTextLength = welcome.limits.maxTextLength;
        m_limits.maxMessageBytes = quint64(welcome.limits.maxMessageBytes);
        m_maxFileBytes = welcome.limits.maxFileBytes;
        Q_EMIT limitsChanged();
    }
    const bool saysRate = welcome.limits.ratePerSecond > 0 && welcome.limits.rateBurst >= 1;
    m_sendPacer =
        RateLimiter((saysRate ? welcome.limits.ratePerSecond : DefaultRate) * PaceShare,
                    std::max(1.0, (saysRate ? welcome.limits.rateBurst : DefaultBurst) * BurstShare));
    m_fileKey = welcome.fileKey;
    if (m_moderatorByPassword != welcome.moderatorByPassword) {
        m_moderatorByPassword = welcome.moderatorByPassword;
        Q_EMIT moderationChanged();
    }
    setModerator(welcome.moderator);
    if (m_roomState != welcome.state) {
        m_roomState = welcome.state;
        Q_EMIT roomStateChanged();
    }
    if (m_protocol >= 2) {
        QUrl files = m_url;
        files.setScheme(m_url.scheme() == u"wss" ? u"https"_s : u"http"_s);
        files.setPath({});
        m_transfers.setRoom(files, m_fileKey, m_certificateFingerprint);
    }
    m_outbox.assignRoom(m_roomId);
    m_self = welcome.you;
    for (const View &view : std::as_const(m_views))
        view.messages->setSelf(m_self);
    Q_EMIT selfIdChanged();
    Q_EMIT roomIdChanged();
    Q_EMIT messageLinkBaseChanged();
    if (m_roomName != welcome.room) {
        m_roomName = welcome.room;
        Q_EMIT roomNameChanged();
    }
    m_members->reset(welcome.members, m_self.id);
    setUserCount(int(welcome.members.size()));
    setErrorString({});
    setState(State::Connected);
    messagesFor(GeneralConversation.toString())
        ->appendNotice(firstJoin ? tr("You joined %1").arg(m_roomName) : tr("Reconnected"), welcome.lastSeq);
    requestNewest(m_current);
    if (m_active)
        markCurrentRead(); // what is on screen is read (again once its pages have come)
    sendUnsent();          // whatever was typed while offline, or not acked before the link broke
    for (const Upload &upload : m_transfers.uploadsToAnnounce())
        announceUpload(upload); // the room says where each goes on from
}

void ChatClient::announceUpload(const Upload &upload)
{
    if (m_state == State::Connected && m_protocol >= 2)
        send(upload);
}

void ChatClient::announceUploadLater(const QString &clientId)
{
    // Announced again, the room answers where to go on from (or acks it, if it has it all).
    QTimer::singleShot(UploadRetry, this, [this, clientId] {
        for (const Upload &upload : m_transfers.uploadsToAnnounce()) {
            if (upload.clientId == clientId)
                announceUpload(upload);
        }
    });
}

void ChatClient::chatShown(const ChatMessage &chat)
{
    if (!chat.file || !chat.file->isImage())
        return;
    const QUrl thumbnail = m_transfers.thumbnail(chat.conversation, chat.file->id);
    if (!thumbnail.isEmpty())
        messagesFor(chat.conversation)->setThumbnail(chat.file->id, thumbnail);
}

void ChatClient::sendUnsent()
{
    if (m_state != State::Connected)
        return;
    // What was written for another room (one that was at this address before) is never posted
    // here: it stays, marked, in the outbox. What this room's limits refuse is marked failed.
    for (const Outbox::Entry &entry : m_outbox.entries()) {
        MessageListModel *messages = messagesFor(entry.conversation);
        if (entry.roomId != m_roomId) {
            if (!messages->containsOwn(entry.clientId))
                messages->appendOwn(entry.clientId, Member{m_self.id, m_displayName}, entry.text);
            messages->markFailed(entry.clientId, tr("Not sent: written for another room at this address"));
        } else if (const QString problem = textProblem(entry.text); !problem.isEmpty()) {
            messages->markFailed(entry.clientId, problem);
            m_outbox.remove(entry.clientId);
        } else if (entry.conversation != GeneralConversation && m_protocol < 2) {
            messages->markFailed(entry.clientId, tr("Not sent: this room has no such conversation"));
            m_outbox.remove(entry.clientId);
        }
    }
    // All of them again, also those sent before on this link and not acked yet: the room
    // recognises what it already has by the clientId.
    m_sendQueue.clear();
    for (const Outbox::Entry &entry : m_outbox.entries()) {
        if (entry.roomId == m_roomId)
            m_sendQueue.append(entry.clientId);
    }
    sendQueued();
}

void ChatClient::sendQueued()
{
    while (m_state == State::Connected && !m_sendQueue.isEmpty()) {
        const auto entry = m_outbox.find(m_sendQueue.constFirst());
        if (!entry) { // acked or refused for good meanwhile
            m_sendQueue.removeFirst();
            continue;
        }
        if (!m_sendPacer.tryTake()) {
            m_sendQueueTimer.start(m_sendPacer.untilNextToken());
            return;
        }
        m_sendQueue.removeFirst();
        send(SendChat{entry->text, entry->clientId, entry->conversation, mentionsIn(entry->text),
                      entry->replyTo});
    }
}

void ChatClient::handle(const ChatMessage &chat)
{
    if (m_typists.remove(chat.from.id))
        Q_EMIT typingTextChanged();
    seen(chat.seq);
    MessageListModel *messages = messagesFor(chat.conversation);
    if (!messages->insertChat(chat, chat.from.id == m_self.id))
        return;
    chatShown(chat);
    qCDebug(lcClient) << "chat" << chat.seq << "in" << chat.conversation << "from" << chat.from.id;
    if (chat.from.id == m_self.id)
        return;
    const bool mentionsMe = chat.mentions.contains(m_self.id);
    if (chat.conversation == m_current && m_active)
        markCurrentRead();
    else
        m_conversations->addUnread(chat.conversation, chat.seq, mentionsMe);
    const auto conversation = m_conversations->find(chat.conversation);
    const bool direct = conversation && conversation->kind == Conversation::Kind::Direct;
    const QString text = chat.file && chat.text.isEmpty() ? u"📎 "_s + chat.file->name : chat.text;
    Q_EMIT chatReceived(chat.from.name, text, m_conversations->titleOf(chat.conversation), direct, mentionsMe,
                        chat.conversation);
}

void ChatClient::handle(const History &history)
{
    if (history.conversation.isEmpty() && m_protocol >= 2) {
        // A resume's page: every conversation's missed messages, in seq order. What was meant
        // for us (a direct message, a mention) and not read elsewhere notifies, once per
        // conversation however many came.
        const auto readWhatIsShown = qScopeGuard([this] {
            if (m_active)
                markCurrentRead();
        });
        for (const ChatMessage &chat : history.messages) {
            seen(chat.position());
            MessageListModel *messages = messagesFor(chat.conversation);
            if (chat.seq <= m_resumedAfter) {
                // Changed since we saw it: shown as it is now if we show it (a list must not
                // get an old message out of its place).
                messages->applyChange(chat);
                continue;
            }
            if (!messages->insertChat(chat, chat.from.id == m_self.id))
                continue;
            chatShown(chat);
            if (chat.from.id == m_self.id || m_notifiedInResume.contains(chat.conversation))
                continue;
            const auto conversation = m_conversations->find(chat.conversation);
            const bool direct = conversation && conversation->kind == Conversation::Kind::Direct;
            const bool mentionsMe = chat.mentions.contains(m_self.id);
            if ((direct || mentionsMe) && conversation && chat.seq > conversation->readSeq) {
                m_notifiedInResume.insert(chat.conversation);
                Q_EMIT chatReceived(chat.from.name, chat.text,
                                    conversation->kind == Conversation::Kind::Direct
                                        ? chat.from.name
                                        : m_conversations->titleOf(chat.conversation),
                                    direct, mentionsMe, chat.conversation);
            }
        }
        return;
    }
    const QString id = history.conversation.isEmpty() ? GeneralConversation.toString() : history.conversation;
    MessageListModel *messages = messagesFor(id);
    m_views[id].newestLoaded = true;
    for (const ChatMessage &chat : history.messages) {
        seen(chat.position());
        if (messages->insertChat(chat, chat.from.id == m_self.id))
            chatShown(chat);
    }
    // The flag describes what lies before the oldest message we now have.
    if (history.messages.isEmpty() || history.messages.constFirst().seq <= messages->firstSeq())
        setHasOlder(id, history.hasOlder);
    setLoadingOlder(id, false);
    if (m_reveal && m_reveal->conversation == id)
        continueReveal();
    if (m_transcript && m_transcript->conversation == id)
        continueTranscript();
    if (id == m_current && m_active)
        markCurrentRead();
}

void ChatClient::setModerator(bool moderator)
{
    if (m_moderator == moderator)
        return;
    m_moderator = moderator;
    for (const View &view : std::as_const(m_views))
        view.messages->setModerator(moderator);
    Q_EMIT moderationChanged();
}

void ChatClient::handle(const RoomState &state)
{
    if (m_roomState == state)
        return;
    m_roomState = state;
    Q_EMIT roomStateChanged();
}

void ChatClient::handle(const ModeratorGranted &)
{
    m_moderatorAsked = false;
    if (!m_moderator)
        messagesFor(m_current)->appendNotice(tr("You are a moderator of this room now."));
    setModerator(true);
}

QString ChatClient::postingProblem() const
{
    if (m_mutedUntil < 0)
        return {};
    return tr("A moderator muted you: you cannot post just now.");
}

void ChatClient::handle(const Sanction &sanction)
{
    using Action = Moderate::Action;
    const QString until =
        sanction.until > 0
            ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(sanction.until), QLocale::ShortFormat)
            : QString();
    const QString reason = sanction.reason.isEmpty() ? QString() : tr(" Reason: %1").arg(sanction.reason);
    QString text;
    switch (sanction.action) {
    case Action::Mute:
        m_mutedUntil = sanction.until;
        if (sanction.until > 0)
            m_muteExpiry.start(std::chrono::milliseconds(
                std::max<qint64>(0, sanction.until - QDateTime::currentMSecsSinceEpoch())));
        text = (until.isEmpty() ? tr("%1 (a moderator) muted you.").arg(sanction.by.name)
                                : tr("%1 (a moderator) muted you until %2.").arg(sanction.by.name, until)) +
               reason;
        break;
    case Action::Unmute:
        m_mutedUntil = -1;
        m_muteExpiry.stop();
        text = tr("%1 (a moderator) unmuted you.").arg(sanction.by.name);
        break;
    case Action::Kick:
        text = tr("%1 (a moderator) removed you from the room.").arg(sanction.by.name) + reason;
        break;
    case Action::Ban:
        text =
            (until.isEmpty()
                 ? tr("%1 (a moderator) banned you from this room.").arg(sanction.by.name)
                 : tr("%1 (a moderator) banned you from this room until %2.").arg(sanction.by.name, until)) +
            reason;
        break;
    default:
        return;
    }
    messagesFor(m_current)->appendNotice(text);
    setErrorString(sanction.action == Action::Unmute ? QString() : text);
    Q_EMIT sanctioned(text);
    Q_EMIT moderationChanged(); // what may be posted changed
}

void ChatClient::handle(const AuditLog &log)
{
    m_auditLog->add(log, m_auditLogNewest);
}

void ChatClient::becomeModerator(const QString &password)
{
    if (m_state != State::Connected || m_protocol < 2)
        return;
    m_moderatorAsked = true;
    send(BecomeModerator{password});
}

void ChatClient::moderateMember(const QString &action, const QString &memberId, int minutes,
                                const QString &reason)
{
    const auto known = actionFromName(action);
    if (!known || m_state != State::Connected || !m_moderator)
        return;
    send(Moderate{*known, memberId, qint64(std::max(0, minutes)), 0, reason.trimmed()});
}

void ChatClient::setSlowMode(int seconds)
{
    if (m_state == State::Connected && m_moderator)
        send(Moderate{Moderate::Action::SlowMode, {}, 0, std::clamp(seconds, 0, 3600)});
}

void ChatClient::setRoomLocked(bool locked)
{
    if (m_state == State::Connected && m_moderator)
        send(Moderate{locked ? Moderate::Action::Lock : Moderate::Action::Unlock});
}

void ChatClient::loadAuditLog(bool more)
{
    if (m_state != State::Connected || !m_moderator || (more && !m_auditLog->hasMore()))
        return;
    m_auditLogNewest = !more;
    send(AuditLogRequest{more ? m_auditLog->oldestId() : 0});
}

void ChatClient::handle(const ChatChanged &changed)
{
    seen(changed.chat.position());
    messagesFor(changed.chat.conversation)->applyChange(changed.chat);
}

void ChatClient::handle(const SearchResults &results)
{
    m_searchResults->append(results, [this](const QString &id) { return m_conversations->titleOf(id); });
}

bool ChatClient::editMessage(qint64 seq, const QString &text)
{
    if (const QString problem = textProblem(text); !problem.isEmpty()) {
        setErrorString(problem);
        return false;
    }
    if (m_state != State::Connected || m_protocol < 2) {
        setErrorString(tr("Not connected: the message was not changed."));
        return false;
    }
    send(EditChat{m_current, seq, text, mentionsIn(text)});
    return true;
}

void ChatClient::deleteMessage(qint64 seq)
{
    if (m_state != State::Connected || m_protocol < 2) {
        setErrorString(tr("Not connected: the message was not deleted."));
        return;
    }
    send(DeleteChat{m_current, seq});
}

void ChatClient::search(const QString &words)
{
    const QString query = words.simplified();
    m_searchResults->start(m_protocol >= 2 && m_state == State::Connected ? query : QString());
    if (!m_searchResults->query().isEmpty())
        send(Search{query});
}

void ChatClient::searchMore()
{
    if (m_searchResults->query().isEmpty() || !m_searchResults->hasMore() || m_searchResults->isBusy() ||
        m_state != State::Connected)
        return;
    m_searchResults->setBusy(true);
    send(Search{m_searchResults->query(), {}, m_searchResults->oldestSeq()});
}

void ChatClient::revealMessage(const QString &conversation, qint64 seq)
{
    setCurrentConversation(conversation);
    m_reveal = Reveal{conversation, seq};
    if (!m_views[conversation].loadingOlder)
        continueReveal();
}

void ChatClient::setShareUrl(const QUrl &url)
{
    if (m_shareUrl == url)
        return;
    m_shareUrl = url;
    Q_EMIT messageLinkBaseChanged();
}

QString ChatClient::messageLinkBase() const
{
    if (m_url.isEmpty() || m_roomId.isEmpty())
        return {};
    const QUrl &address = m_shareUrl.isEmpty() ? m_url : m_shareUrl;
    QUrl link;
    link.setScheme(m_url.scheme() == u"wss"_s ? u"parleys"_s : u"parley"_s);
    link.setHost(address.host());
    link.setPort(address.port(Protocol::DefaultPort));
    link.setPath(u"/"_s + QString::fromUtf8(QUrl::toPercentEncoding(m_roomId)) + u"/"_s +
                 QString::fromUtf8(QUrl::toPercentEncoding(m_current)) + u"/"_s);
    return link.toString(QUrl::FullyEncoded);
}

bool ChatClient::openMessageLink(const QUrl &link)
{
    // ROOMID/CONVERSATION/SEQ; links made before rooms were named by id have no ROOMID and
    // name the room by its address alone.
    const QStringList path = link.path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts);
    bool isNumber = false;
    const qint64 seq = path.size() == 2 || path.size() == 3 ? path.constLast().toLongLong(&isNumber) : 0;
    if ((link.scheme() != u"parley"_s && link.scheme() != u"parleys"_s) || !isNumber || seq <= 0) {
        setErrorString(tr("That is not a link to a message."));
        return false;
    }
    const bool sameRoom = path.size() == 3
                              ? !m_roomId.isEmpty() && path.at(0) == m_roomId
                              : (link.scheme() == u"parleys"_s) == (m_url.scheme() == u"wss"_s) &&
                                    link.host().compare(m_url.host(), Qt::CaseInsensitive) == 0 &&
                                    link.port(Protocol::DefaultPort) == m_url.port(Protocol::DefaultPort);
    if (!sameRoom) {
        const QString address = link.host() + u':' + QString::number(link.port(Protocol::DefaultPort));
        setErrorString(tr("That message is in another room, at %1: join it to read it.").arg(address));
        return false;
    }
    const QString conversation = path.at(path.size() - 2);
    const auto known = m_conversations->find(conversation);
    if (conversation != GeneralConversation && !(known && known->joined)) {
        setErrorString(tr("That message is in a conversation you are not in."));
        return false;
    }
    revealMessage(conversation, seq);
    return true;
}

void ChatClient::continueReveal()
{
    View &view = m_views[m_reveal->conversation];
    if (view.messages->containsChat(m_reveal->seq)) {
        const qint64 seq = m_reveal->seq;
        m_reveal.reset();
        Q_EMIT messageRevealed(seq);
        return;
    }
    const qint64 first = view.messages->firstSeq();
    if (!view.newestLoaded && m_protocol >= 2) {
        requestNewest(m_reveal->conversation); // the reveal goes on with its page
        return;
    }
    if (!view.hasOlder || (first > 0 && first < m_reveal->seq)) {
        m_reveal.reset(); // it would be in the list: it is not any more
        Q_EMIT messageNotFound();
        return;
    }
    requestOlderPage(m_reveal->conversation); // the pages between here and there, one after the other
}

void ChatClient::requestOlderPage(const QString &conversation)
{
    View &view = m_views[conversation];
    if (view.loadingOlder)
        return; // its answer goes on
    setLoadingOlder(conversation, true);
    send(HistoryRequest{view.messages->firstSeq(), Limits{}.maxHistoryPage, conversation});
}

void ChatClient::saveTranscript(const QUrl &target)
{
    if (!target.isLocalFile())
        return;
    m_transcript = PendingTranscript{m_current, target.toLocalFile()};
    if (!m_views[m_current].loadingOlder)
        continueTranscript();
}

void ChatClient::continueTranscript()
{
    const View &view = m_views[m_transcript->conversation];
    if (m_state == State::Connected && m_protocol >= 2 && !view.newestLoaded) {
        requestNewest(m_transcript->conversation);
        return;
    }
    if (m_state == State::Connected && view.hasOlder) {
        requestOlderPage(m_transcript->conversation);
        return;
    }
    // Everything the room has (or, offline, everything here) is in the list.
    const PendingTranscript transcript = *std::exchange(m_transcript, std::nullopt);
    QString error;
    const QString title = m_roomName + u" — "_s + m_conversations->titleOf(transcript.conversation);
    if (Transcript::write(transcript.path, title, *view.messages, &error))
        Q_EMIT transcriptSaved(QUrl::fromLocalFile(transcript.path));
    else
        Q_EMIT transcriptFailed(error);
}

void ChatClient::handle(const Ack &ack)
{
    setErrorString({}); // whatever went wrong before, the room stores messages again
    m_outbox.remove(ack.clientId);
    if (m_transfers.isUpload(ack.clientId))
        m_transfers.uploadFinished(ack.clientId);
    seen(ack.seq);
    if (!messagesFor(ack.conversation)->markSent(ack.clientId, ack.seq, ack.ts))
        qCDebug(lcClient) << "ack for an unknown message" << ack.clientId;
}

void ChatClient::handle(const ConversationUpdate &update)
{
    const Conversation &conversation = update.conversation;
    m_conversations->upsert(conversation);
    if (conversation.id == m_current)
        Q_EMIT currentDetailsChanged();
    messagesFor(conversation.id);
    const bool wanted =
        (conversation.kind == Conversation::Kind::Direct && conversation.with.id == m_pendingOpen) ||
        (conversation.kind == Conversation::Kind::Channel && conversation.joined &&
         (conversation.id == m_pendingChannel || conversation.name == m_pendingChannel));
    if (wanted) {
        m_pendingOpen.clear();
        m_pendingChannel.clear();
        setCurrentConversation(conversation.id);
    }
}

void ChatClient::handle(const ChannelUpdate &channel)
{
    m_conversations->updateChannel(channel);
    if (channel.id == m_current)
        Q_EMIT currentDetailsChanged();
}

void ChatClient::handle(const ConversationLeft &left)
{
    m_conversations->markLeft(left.id);
    // What it said while we were away is not ours: if we come back, it starts afresh.
    View &view = m_views[left.id];
    if (view.messages)
        view.messages->clear();
    view.requested = view.newestLoaded = view.hasOlder = view.loadingOlder = false;
    if (m_current == left.id)
        setCurrentConversation(GeneralConversation.toString());
}

void ChatClient::handle(const UserCount &users)
{
    setUserCount(users.count);
}

void ChatClient::handle(const PresenceDelta &delta)
{
    QStringList notices;
    int left = 0;
    for (const QString &id : delta.left) {
        if (m_members->contains(id) && id != m_self.id) {
            notices.append(delta.removed.contains(id)
                               ? tr("A moderator removed %1").arg(m_members->nameOf(id))
                               : tr("%1 left").arg(m_members->nameOf(id)));
            ++left;
        }
        if (m_typists.remove(id))
            Q_EMIT typingTextChanged();
    }
    int joined = 0;
    for (const Member &member : delta.joined) {
        if (member.id != m_self.id && !m_members->contains(member.id)) {
            notices.append(tr("%1 joined").arg(member.name));
            ++joined;
        }
    }
    for (const Member &member : delta.renamed) {
        const QString before = m_members->nameOf(member.id);
        if (!before.isEmpty() && before != member.name)
            notices.append(member.id == m_self.id ? tr("You are now %1").arg(member.name)
                                                  : tr("%1 is now %2").arg(before, member.name));
        if (member.id == m_self.id) {
            m_self.name = member.name;
            if (!m_renameAsked.isEmpty() && member.name == m_renameAsked) {
                m_renameAsked.clear();
                if (m_displayName != member.name) {
                    m_displayName = member.name;
                    Q_EMIT displayNameChanged();
                }
                Q_EMIT renamed(member.name);
            }
        }
        m_conversations->renameMember(member.id, member.name);
    }
    m_members->apply(delta);

    if (notices.size() > MaxNoticesPerDelta) { // a crowd: summarise instead of flooding the list
        notices.clear();
        if (joined > 0)
            notices.append(tr("%n people joined", nullptr, joined));
        if (left > 0)
            notices.append(tr("%n people left", nullptr, left));
    }
    MessageListModel *general = messagesFor(GeneralConversation.toString());
    for (const QString &notice : std::as_const(notices))
        general->appendNotice(notice);
}

void ChatClient::handle(const TypingNotice &typing)
{
    m_typists.insert(typing.from.id, Typist{typing.from.name, typing.conversation, {}});
    m_typists[typing.from.id].since.start();
    if (!m_typingExpiry.isActive())
        m_typingExpiry.start();
    Q_EMIT typingTextChanged();
}

void ChatClient::handle(const UploadReady &ready)
{
    m_transfers.uploadReady(ready);
}

void ChatClient::handle(const ServerError &error)
{
    if (m_moderatorAsked &&
        (error.error.code == ErrorCode::Forbidden || error.error.code == ErrorCode::RateLimited)) {
        m_moderatorAsked = false;
        Q_EMIT moderatorRefused(error.error.code == ErrorCode::RateLimited
                                    ? tr("Too many wrong passwords; wait a little and try again.")
                                    : tr("That is not the moderator password."));
        return;
    }
    if (error.error.code == ErrorCode::BadName && !m_renameAsked.isEmpty()) {
        m_renameAsked.clear();
        Q_EMIT renameRefused(refusalText(error.error));
        return;
    }
    if (error.error.code == ErrorCode::BadPassword) {
        // Retrying cannot help: back to the start, saying why.
        m_wanted = false;
        m_reconnectTimer.stop();
        if (m_password.isEmpty()) {
            setErrorString(tr("This room needs a password."));
            Q_EMIT passwordRequired();
        } else {
            setErrorString(tr("The room refused the password. Check it with the host and try again."));
            Q_EMIT passwordRefused();
        }
        return;
    }
    if (error.error.code == ErrorCode::StoreFailed) {
        // The room could not store it (a full disk, say): nothing was posted. It stays in the
        // outbox, shown as sending, and goes again in a while with the same clientId.
        setErrorString(tr("The room could not store your message just now. Parley will send it again."));
        m_resendTimer.start(StoreFailedRetry);
        return;
    }
    if (error.error.code == ErrorCode::HistoryUnavailable) {
        for (auto view = m_views.cbegin(); view != m_views.cend(); ++view)
            setLoadingOlder(view.key(), false);
        if (std::exchange(m_transcript, std::nullopt))
            Q_EMIT transcriptFailed(tr("The room could not load its earlier messages just now."));
        setErrorString(tr("The room could not load its earlier messages just now."));
        return;
    }
    if (error.error.code == ErrorCode::SlowMode && m_outbox.contains(error.clientId)) {
        // Not refused for good: it waits its turn (shown as sending) and goes again then.
        setErrorString(tr("Slow mode: your message goes when its turn comes."));
        m_resendTimer.start(std::chrono::seconds(std::max(1, m_roomState.slowModeSeconds)));
        return;
    }
    if (error.error.code == ErrorCode::RateLimited) {
        // Some frame was dropped; whatever is still unacked goes again shortly (the room
        // recognises chats it already has by their clientId).
        if (!m_resendTimer.isActive())
            m_resendTimer.start(RateLimitedRetry);
        return;
    }
    if (m_transfers.isUpload(error.clientId)) {
        if (error.error.code == ErrorCode::StoreFailed || error.error.code == ErrorCode::RateLimited) {
            announceUploadLater(error.clientId);
            return;
        }
        m_transfers.uploadFailed(error.clientId, refusalText(error.error));
    }
    if (!error.clientId.isEmpty()) {
        for (const View &view : std::as_const(m_views)) {
            if (view.messages->markFailed(error.clientId, refusalText(error.error))) {
                m_outbox.remove(error.clientId); // refused for good: it stays visible as not sent
                return;
            }
        }
        if (error.clientId.startsWith(u"n-"_s)) { // a channel we asked for
            m_pendingChannel.clear();
            Q_EMIT channelRefused(refusalText(error.error));
            return;
        }
    }
    qCWarning(lcClient) << "the server refused a frame:" << errorCodeName(error.error.code)
                        << error.error.message;
    setErrorString(refusalText(error.error));
}

QString ChatClient::refusalText(const ProtocolError &error) const
{
    // The server's own message is English and for developers; people read these.
    switch (error.code) {
    case ErrorCode::BadName:
        return tr("The room refused your name: use 1 to %n characters, without control characters.", nullptr,
                  int(m_limits.maxNameLength));
    case ErrorCode::EmptyText:
        return tr("Nothing to send");
    case ErrorCode::TooLong:
        return tr("Too long for this room");
    case ErrorCode::BadText:
        return tr("Contains characters that cannot be sent");
    case ErrorCode::StoreFailed:
        return tr("The room could not store your message just now. Parley will send it again.");
    case ErrorCode::RateLimited:
        return tr("Sending too fast; Parley will send the rest in a moment.");
    case ErrorCode::BadPassword:
        return tr("The room refused the password. Check it with the host and try again.");
    case ErrorCode::HistoryUnavailable:
        return tr("The room could not load its earlier messages just now.");
    case ErrorCode::Forbidden:
        return tr("You are not in that conversation.");
    case ErrorCode::LimitReached:
        return tr("The room allows no more of that just now. Try again later.");
    case ErrorCode::ChannelExists:
        return tr("There is a channel with that name already.");
    case ErrorCode::FileTooLarge:
        return tr("The file is larger than this room takes.");
    case ErrorCode::StorageFull:
        return tr("The room has no space left for files.");
    case ErrorCode::BadFile:
        return tr("The file arrived damaged; send it again.");
    case ErrorCode::Muted:
        return tr("A moderator muted you: you cannot post just now.");
    case ErrorCode::SlowMode:
        return tr("Slow mode: wait a little before your next message.");
    case ErrorCode::Banned:
        return tr("A moderator banned you from this room.");
    case ErrorCode::RoomLocked:
        return tr("The room is locked: it takes no new members just now.");
    case ErrorCode::BadJson:
    case ErrorCode::UnknownType:
    case ErrorCode::BadField:
    case ErrorCode::BinaryFrame:
        return tr("The room did not understand this version of Parley (%1).").arg(errorCodeName(error.code));
    case ErrorCode::Unknown:
        break;
    }
    return tr("The room refused it (%1).").arg(error.message);
}

void ChatClient::expireTyping()
{
    const auto expired = std::chrono::milliseconds(TypingShownFor).count();
    const auto removed =
        m_typists.removeIf([&](const auto &entry) { return entry.value().since.hasExpired(expired); });
    if (m_typists.isEmpty())
        m_typingExpiry.stop();
    if (removed > 0)
        Q_EMIT typingTextChanged();
}

QString ChatClient::textProblem(const QString &text) const
{
    if (const QString muted = postingProblem(); !muted.isEmpty())
        return muted;
    const auto problem = checkChatText(text, m_limits);
    if (!problem) {
        // Within the character limit but, in UTF-8, larger than the room reads (it would close
        // the connection): a room set up with small frames.
        const qsizetype frame = JsonCodec::encode(SendChat{text, u"c-"_s + QString(36, u'0')}).size();
        if (frame > qsizetype(m_limits.maxMessageBytes))
            return tr("Too long for this room: %1 of %2 KiB")
                .arg((frame + 1023) / 1024)
                .arg(m_limits.maxMessageBytes / 1024);
        return {};
    }
    if (problem->code == ErrorCode::TooLong) // more precise than the room could be
        return tr("Too long: %1 of %n characters", nullptr, int(m_limits.maxTextLength))
            .arg(codePointCount(text));
    return refusalText(*problem); // in the words of the room's own refusal
}

bool ChatClient::sendMessage(const QString &text, qint64 replyTo)
{
    if (const QString problem = textProblem(text); !problem.isEmpty()) {
        setErrorString(problem);
        return false;
    }
    if (m_url.isEmpty() || m_state == State::Closed) {
        setErrorString(tr("Not in a room"));
        return false;
    }
    const QString clientId = u"c-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Member self = m_self;
    if (self.name.isEmpty())
        self.name = m_displayName;
    if (m_protocol < 2)
        replyTo = 0; // a v1 room has no replies: it goes as a plain chat
    MessageListModel *messages = messagesFor(m_current);
    messages->appendOwn(clientId, self, text, replyTo > 0 ? messages->quoteOf(replyTo) : std::nullopt);
    m_outbox.add({clientId, text, m_roomId, m_current, replyTo});
    if (m_state == State::Connected) {
        m_sendQueue.append(clientId); // behind what is still queued, in the order written
        sendQueued();
    }
    m_sinceTypingSent.invalidate();
    m_views[m_current].draft.clear();
    return true;
}

QString ChatClient::fileProblem(const QUrl &file) const
{
    const QFileInfo info(file.toLocalFile());
    if (m_protocol < 2)
        return tr("This room does not take files.");
    if (!info.isFile() || !info.isReadable())
        return tr("Cannot read %1").arg(info.fileName());
    if (info.size() == 0)
        return tr("%1 is empty").arg(info.fileName());
    if (m_maxFileBytes > 0 && info.size() > m_maxFileBytes)
        return tr("%1 is larger than this room takes (%2)")
            .arg(info.fileName(), QLocale().formattedDataSize(m_maxFileBytes));
    return {};
}

QVariantMap ChatClient::describeFile(const QUrl &file) const
{
    const QFileInfo info(file.toLocalFile());
    const QString type = QMimeDatabase().mimeTypeForFile(info, QMimeDatabase::MatchContent).name();
    return {{u"name"_s, info.fileName()},
            {u"size"_s, info.size()},
            {u"isImage"_s, FileInfo::isInlineImageType(type)},
            {u"problem"_s, fileProblem(file)}};
}

bool ChatClient::sendFile(const QUrl &file, const QString &caption)
{
    if (m_url.isEmpty() || m_state == State::Closed) {
        setErrorString(tr("Not in a room"));
        return false;
    }
    if (const QString problem = fileProblem(file); !problem.isEmpty()) {
        setErrorString(problem);
        return false;
    }
    if (!caption.trimmed().isEmpty()) {
        if (const QString problem = textProblem(caption); !problem.isEmpty()) {
            setErrorString(problem);
            return false;
        }
    }
    const QFileInfo info(file.toLocalFile());
    const QString clientId = u"f-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString type = QMimeDatabase().mimeTypeForFile(info, QMimeDatabase::MatchContent).name();
    const QString text = caption.trimmed().isEmpty() ? QString() : caption;
    Transfer *transfer = m_transfers.startUpload(clientId, m_current, info.absoluteFilePath(),
                                                 info.fileName(), info.size(), text, mentionsIn(text));
    Member self = m_self;
    if (self.name.isEmpty())
        self.name = m_displayName;
    messagesFor(m_current)->appendOwnFile(
        clientId, self, text, FileInfo{{}, info.fileName(), info.size(), type},
        FileInfo::isInlineImageType(type) ? QUrl::fromLocalFile(info.absoluteFilePath()) : QUrl(), transfer);
    m_views[m_current].draft.clear();
    return true;
}

void ChatClient::saveFile(qint64 seq, const QUrl &target)
{
    const auto file = messagesFor(m_current)->fileAt(seq);
    if (!file || !target.isLocalFile())
        return;
    Transfer *transfer = m_transfers.download(m_current, *file, target.toLocalFile());
    messagesFor(m_current)->setTransfer(file->id, transfer);
    connect(transfer, &Transfer::stateChanged, this, [this, transfer] {
        if (transfer->state() == Transfer::State::Done)
            Q_EMIT fileSaved(transfer->localFile());
    });
}

void ChatClient::openFile(qint64 seq)
{
    const auto file = messagesFor(m_current)->fileAt(seq);
    if (!file)
        return;
    const QString path = FileTransfers::cachePathFor(*file);
    if (QFileInfo(path).size() == file->size) { // fetched before
        Q_EMIT fileReadyToOpen(QUrl::fromLocalFile(path), mayRunCode(file->name, file->type));
        return;
    }
    Transfer *transfer = m_transfers.download(m_current, *file, path);
    messagesFor(m_current)->setTransfer(file->id, transfer);
    const bool risky = mayRunCode(file->name, file->type);
    connect(transfer, &Transfer::stateChanged, this, [this, transfer, risky] {
        if (transfer->state() == Transfer::State::Done)
            Q_EMIT fileReadyToOpen(transfer->localFile(), risky);
    });
}

void ChatClient::cancelTransfer(const QString &transferId)
{
    m_transfers.cancel(transferId);
}

QString ChatClient::suggestedFileName(const QString &name)
{
    return FileTransfers::safeFileName(name);
}

QUrl ChatClient::suggestedSaveLocation(const QString &name)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (!QFileInfo(folder).isDir())
        folder = QDir::homePath();
    return QUrl::fromLocalFile(folder + u'/' + suggestedFileName(name));
}

bool ChatClient::mayRunCode(const QString &name, const QString &type)
{
    // What a desktop may run or install when it is opened (a double-click's worth), by name and
    // by content: a script renamed .txt is still refused the benefit of the doubt.
    static const QStringList extensions{
        u"exe"_s, u"msi"_s, u"bat"_s,      u"cmd"_s,     u"com"_s,  u"scr"_s, u"pif"_s,
        u"cpl"_s, u"ps1"_s, u"vbs"_s,      u"vbe"_s,     u"js"_s,   u"jse"_s, u"wsf"_s,
        u"wsh"_s, u"hta"_s, u"lnk"_s,      u"reg"_s,     u"jar"_s,  u"sh"_s,  u"bash"_s,
        u"run"_s, u"bin"_s, u"appimage"_s, u"desktop"_s, u"deb"_s,  u"rpm"_s, u"pkg"_s,
        u"dmg"_s, u"app"_s, u"command"_s,  u"py"_s,      u"pl"_s,   u"rb"_s,  u"html"_s,
        u"htm"_s, u"svg"_s, u"xhtml"_s,    u"docm"_s,    u"xlsm"_s, u"pptm"_s};
    if (extensions.contains(QFileInfo(name).suffix().toLower()))
        return true;
    const QMimeType mime = QMimeDatabase().mimeTypeForName(type);
    for (const QString &risky :
         {u"application/x-executable"_s, u"application/x-sharedlib"_s, u"application/x-msdownload"_s,
          u"application/x-shellscript"_s, u"application/x-ms-dos-executable"_s, u"text/html"_s,
          u"application/java-archive"_s, u"application/x-desktop"_s}) {
        if (mime.inherits(risky))
            return true;
    }
    return false;
}

void ChatClient::userTyping()
{
    if (m_state != State::Connected || m_mutedUntil >= 0)
        return;
    if (m_sinceTypingSent.isValid() &&
        !m_sinceTypingSent.hasExpired(std::chrono::milliseconds(TypingSendEvery).count()))
        return;
    m_sinceTypingSent.start();
    send(StartTyping{m_current});
}

void ChatClient::onSslErrors(const QList<QSslError> &errors)
{
    // A certificate no CA vouches for (a room hosted on someone's laptop) is trusted on first use
    // and pinned; any other problem (expired, revoked, …) is not waved through.
    static const QList<QSslError::SslError> untrusted{QSslError::SelfSignedCertificate,
                                                      QSslError::SelfSignedCertificateInChain,
                                                      QSslError::UnableToGetLocalIssuerCertificate,
                                                      QSslError::UnableToVerifyFirstCertificate,
                                                      QSslError::CertificateUntrusted,
                                                      QSslError::HostNameMismatch};
    const bool onlyUntrusted = std::all_of(errors.cbegin(), errors.cend(),
                                           [](const QSslError &e) { return untrusted.contains(e.error()); });
    const QSslCertificate certificate = m_socket.sslConfiguration().peerCertificate();
    if (!onlyUntrusted || certificate.isNull()) {
        setErrorString(errors.isEmpty() ? tr("TLS failed") : errors.constFirst().errorString());
        return;
    }
    const QString presented = SelfSignedCertificate::fingerprint(certificate);
    const QString pinned = m_pins.pinFor(pinKey());
    if (!pinned.isEmpty() && pinned != presented) {
        // Someone may be impersonating the room. Do not connect, do not retry, say it loudly.
        m_wanted = false;
        m_reconnectTimer.stop();
        m_changedFingerprint = presented;
        setErrorString(tr("Warning: the room's certificate has changed. It may be an impostor. "
                          "Pinned %1, presented %2.")
                           .arg(pinned, presented));
        Q_EMIT certificateChanged(pinned, presented);
        return;
    }
    if (pinned.isEmpty()) {
        m_pins.pin(pinKey(), presented);
        Q_EMIT certificatePinned(presented);
    }
    m_socket.ignoreSslErrors(errors); // onConnected() then shows the fingerprint
}

void ChatClient::trustChangedCertificate()
{
    if (m_changedFingerprint.isEmpty())
        return;
    m_pins.pin(pinKey(), std::exchange(m_changedFingerprint, {}));
    connectToRoom(m_url);
}

QString ChatClient::pinKey() const
{
    return u"%1:%2"_s.arg(m_url.host()).arg(m_url.port(DefaultPort));
}

void ChatClient::loadOlder()
{
    const View &view = m_views[m_current];
    if (m_state != State::Connected || !view.hasOlder || view.loadingOlder)
        return;
    setLoadingOlder(m_current, true);
    send(HistoryRequest{view.messages->firstSeq(), OlderPageSize, m_current});
}

void ChatClient::requestNewest(const QString &conversation)
{
    View &view = m_views[conversation];
    if (m_state != State::Connected || m_protocol < 2 || view.requested)
        return;
    view.requested = true;
    setLoadingOlder(conversation, true);
    send(HistoryRequest{0, FirstPageSize, conversation});
}

void ChatClient::setHasOlder(const QString &conversation, bool hasOlder)
{
    View &view = m_views[conversation];
    if (view.hasOlder == hasOlder)
        return;
    view.hasOlder = hasOlder;
    if (conversation == m_current)
        Q_EMIT hasOlderMessagesChanged();
}

void ChatClient::setLoadingOlder(const QString &conversation, bool loading)
{
    View &view = m_views[conversation];
    if (view.loadingOlder == loading)
        return;
    view.loadingOlder = loading;
    if (conversation == m_current)
        Q_EMIT loadingOlderChanged();
}

MessageListModel *ChatClient::messagesFor(const QString &conversation)
{
    View &view = m_views[conversation];
    if (!view.messages) {
        view.messages = new MessageListModel(this);
        view.messages->setSenderTags(m_members->tags());
        view.messages->setSelf(m_self);
        view.messages->setModerator(m_moderator);
        QQmlEngine::setObjectOwnership(view.messages, QQmlEngine::CppOwnership); // handed to QML
    }
    return view.messages;
}

MessageListModel *ChatClient::messages() const
{
    return m_views.value(m_current).messages;
}

void ChatClient::clearConversations()
{
    for (View &view : m_views) {
        view.messages->clear();
        view.hasOlder = false;
        view.loadingOlder = false;
        view.requested = view.newestLoaded = false;
    }
    m_conversations->clear();
    m_transfers.clear(); // what was on its way was for the room before, not for this one
    m_resumeAfter = 0;
    setCurrentConversation(GeneralConversation.toString());
    Q_EMIT hasOlderMessagesChanged();
    Q_EMIT loadingOlderChanged();
}

void ChatClient::seen(qint64 seq)
{
    m_resumeAfter = std::max(m_resumeAfter, seq);
}

void ChatClient::setCurrentConversation(const QString &id)
{
    if (id.isEmpty() || id == m_current)
        return;
    messagesFor(m_current)->setUnreadAfter(-1); // read when left: no line next time
    m_current = id;
    messagesFor(id);
    m_conversations->setCurrent(id);
    requestNewest(id);
    if (m_active)
        markCurrentRead();
    Q_EMIT currentConversationChanged();
    Q_EMIT messageLinkBaseChanged();
    Q_EMIT currentDetailsChanged();
    Q_EMIT hasOlderMessagesChanged();
    Q_EMIT loadingOlderChanged();
    Q_EMIT typingTextChanged();
}

QString ChatClient::currentTitle() const
{
    const QString title = m_conversations->titleOf(m_current);
    return title.isEmpty() ? u"#general"_s : title;
}

QString ChatClient::currentTopic() const
{
    const auto conversation = m_conversations->find(m_current);
    return conversation ? conversation->topic : QString();
}

int ChatClient::currentMemberCount() const
{
    const auto conversation = m_conversations->find(m_current);
    if (!conversation || conversation->kind == Conversation::Kind::Direct)
        return 0;
    return conversation->id == GeneralConversation ? m_userCount : conversation->memberCount;
}

bool ChatClient::currentIsDirect() const
{
    const auto conversation = m_conversations->find(m_current);
    return conversation && conversation->kind == Conversation::Kind::Direct;
}

void ChatClient::setDraft(const QString &text)
{
    m_views[m_current].draft = text; // read back on switching, so no change signal
}

void ChatClient::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged();
    if (active)
        markCurrentRead();
}

void ChatClient::markCurrentRead()
{
    MessageListModel *messages = messagesFor(m_current);
    const qint64 seq = messages->lastSeq();
    // What was unread until now starts below a line, until the next time it is shown (not for
    // someone new to the conversation: everything would be below it, the line at the very top).
    if (const auto conversation = m_conversations->find(m_current);
        conversation && conversation->unread > 0 && conversation->readSeq > 0)
        messages->setUnreadAfter(conversation->readSeq);
    if (m_conversations->markRead(m_current, seq) && m_protocol >= 2 && seq > 0) {
        // Told to the room at most once a second: a busy conversation read as it scrolls by
        // must not spend the frames our own chats need.
        m_unsentReads.insert_or_assign(m_current, seq);
        if (!m_readTimer.isActive())
            m_readTimer.start();
    }
}

void ChatClient::sendReads()
{
    if (m_state != State::Connected)
        return; // the next read goes at the next chance; the room keeps the furthest
    for (const auto &[conversation, seq] : std::exchange(m_unsentReads, {}))
        send(MarkRead{conversation, seq});
}

void ChatClient::openDirect(const QString &memberId)
{
    if (memberId.isEmpty() || memberId == m_self.id || m_protocol < 2 || m_state != State::Connected)
        return;
    for (int row = 0; row < m_conversations->rowCount(); ++row) {
        const QModelIndex index = m_conversations->index(row);
        if (index.data(ConversationListModel::OtherMemberIdRole).toString() == memberId) {
            setCurrentConversation(index.data(ConversationListModel::IdRole).toString());
            return;
        }
    }
    m_pendingOpen = memberId;
    send(OpenDirect{memberId});
}

bool ChatClient::createChannel(const QString &name, const QString &topic)
{
    const QString trimmed = name.trimmed().startsWith(u'#') ? name.trimmed().mid(1) : name.trimmed();
    const auto normalized = normalizeName(trimmed, m_limits);
    if (std::holds_alternative<ProtocolError>(normalized)) {
        Q_EMIT channelRefused(tr("A channel name has 1 to %n visible characters, without control characters.",
                                 nullptr, int(m_limits.maxNameLength)));
        return false;
    }
    if (m_protocol < 2 || m_state != State::Connected) {
        Q_EMIT channelRefused(tr("This room has no channels."));
        return false;
    }
    m_pendingChannel = std::get<QString>(normalized);
    send(CreateChannel{m_pendingChannel, topic.trimmed(),
                       u"n-"_s + QUuid::createUuid().toString(QUuid::Id128)});
    return true;
}

void ChatClient::joinChannel(const QString &id)
{
    if (m_conversations->isJoined(id)) {
        setCurrentConversation(id);
        return;
    }
    if (m_protocol < 2 || m_state != State::Connected)
        return;
    m_pendingChannel = id;
    send(JoinChannel{id});
}

void ChatClient::leaveChannel(const QString &id)
{
    if (m_protocol >= 2 && m_state == State::Connected && id != GeneralConversation)
        send(LeaveChannel{id});
}

QStringList ChatClient::mentionCandidates(const QString &prefix) const
{
    const QString wanted = nameSkeleton(prefix);
    QStringList names;
    for (int row = 0; row < m_members->rowCount(); ++row) {
        const QModelIndex index = m_members->index(row);
        const QString name = index.data(MemberListModel::NameRole).toString();
        if (index.data(MemberListModel::MemberIdRole).toString() != m_self.id &&
            nameSkeleton(name).startsWith(wanted))
            names.append(name);
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

QStringList ChatClient::mentionsIn(const QString &text) const
{
    // "@Name" anywhere, for every member online whose whole name follows the "@".
    QStringList ids;
    if (!text.contains(u'@'))
        return ids;
    for (int row = 0; row < m_members->rowCount(); ++row) {
        const QModelIndex index = m_members->index(row);
        const QString id = index.data(MemberListModel::MemberIdRole).toString();
        const QString name = index.data(MemberListModel::NameRole).toString();
        qsizetype at = text.indexOf(u'@' + name, 0, Qt::CaseInsensitive);
        for (; at >= 0; at = text.indexOf(u'@' + name, at + 1, Qt::CaseInsensitive)) {
            const qsizetype end = at + 1 + name.size();
            if (end >= text.size() || !text.at(end).isLetterOrNumber())
                break;
        }
        if (at >= 0 && id != m_self.id && !ids.contains(id) && ids.size() < m_limits.maxMentions)
            ids.append(id);
    }
    return ids;
}

void ChatClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcClient) << "state" << state;
    Q_EMIT stateChanged();
}

void ChatClient::setUserCount(int count)
{
    if (m_userCount == count)
        return;
    m_userCount = count;
    Q_EMIT userCountChanged();
    if (m_current == GeneralConversation)
        Q_EMIT currentDetailsChanged(); // #general's members are everyone online
}

void ChatClient::setErrorString(const QString &text)
{
    if (m_errorString == text)
        return;
    m_errorString = text;
    Q_EMIT errorStringChanged();
}
