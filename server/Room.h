#pragma once

#include "LatencyHistogram.h"
#include "MemberList.h"
#include "MessageStore.h"
#include "Messages.h"
#include "Moderation.h"
#include "RateLimiter.h"
#include "ServerConfig.h"
#include "Uploads.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <vector>

class OutgoingBatch;
class PasswordChecker;
class OutgoingMessage;
class Session;

/// The chat room itself: who is in it, what they say, and who hears it. It knows nothing
/// about sockets or wire formats, so every transport and codec shares one behaviour.
///
/// One room holds every conversation of a server (protocol v2): #general, which every member
/// is in, channels members join, and direct conversations between two members. Every message
/// gets the next seq of the one server-wide sequence, so a resume covers all of a member's
/// conversations with one number. A member receives, pages through and resumes only the
/// conversations it is in; a v1 session is in #general only.
///
/// A session is admitted first and joins on its hello (or as a guest when the hello does not
/// come in time, or when it sends anything else first). A hello's token makes the member id
/// stable across reconnects; a newer connection with the same token replaces the older one.
/// Joining sends the welcome and then history: the recent messages, or with `since` every
/// message missed, before any live one. Missed messages go a page at a time, the next once the
/// transport has written the previous (sessionDrained()), and live chats wait in the store
/// meanwhile; older pages asked for wait likewise. A member that does not read costs a page.
///
/// Chats are stored before anything else happens: they are collected for one event-loop turn
/// and written in one transaction (group commit), then acked to the sender and broadcast to
/// every other member. A chat re-sent with the same clientId by the same member is stored once
/// and acked again with its original seq. Presence deltas and user counts are coalesced to one
/// frame per interval (longer in big rooms, see ServerConfig), so a join storm costs each
/// member a few frames a second, not one per joiner.
class Room : public QObject
{
    Q_OBJECT

public:
    explicit Room(const ServerConfig &config, QObject *parent = nullptr);
    ~Room() override;

    /// Opens the history; false (see errorString()) if it cannot be used.
    bool open();
    QString errorString() const { return m_errorString.isEmpty() ? m_store.errorString() : m_errorString; }

    QString name() const { return m_config.roomName; }
    /// Names this room to LAN discovery: the same across restarts with the same history (it is
    /// derived from the room's secret), without revealing anything of that secret.
    QString instanceId() const { return m_instanceId; }
    int memberCount() const { return int(m_members.size()); }
    const QList<Protocol::Member> &members() const;
    qint64 lastSeq() const { return m_lastSeq; }

    /// Starts the hello grace period for a new connection.
    void admit(Session *session);
    /// Every frame a session sends passes here first (before decoding): false if it must be
    /// dropped because the session exceeds its rate (it is told so, or closed if it keeps on).
    bool allowFrame(Session *session);
    /// Handles one decoded frame from the session (joining it first if need be).
    void handle(Session *session, const Protocol::ClientMessage &message);
    /// The transport refused the session's hello (a bad field, say). It gets a fresh hello time
    /// to send a corrected one and joins with it; if none comes it is closed (1008), not joined
    /// as a guest, which would lose its name, identity and password.
    void helloRefused(Session *session);
    /// Removes the session, whether it had joined or was still being admitted.
    void remove(Session *session);
    /// Stores (and acks and broadcasts) the chats collected so far, now rather than next turn.
    void flush();
    /// The session's transport has written some of its backlog: history owed to it may go on.
    void sessionDrained(Session *session);

    /// The uploads on their way (HttpConnection fills them).
    Uploads &uploads() { return m_uploads; }
    qint64 uploadsUsedBytes() const { return m_uploads.files().usedBytes(); }
    /// What an HTTP request for a file gets: 200 with the file (as posted in the conversation),
    /// 403 for a bad key or someone not in the conversation, 404 for a file not posted there,
    /// 503 if the history could not be read.
    struct FileAccess
    {
        int status = 404;
        Protocol::FileInfo file;
    };
    FileAccess fileAccess(const QString &fileKey, const QString &conversation, const QString &fileId) const;

    /// What the room has done since it started, for GET /metrics.
    struct Counters
    {
        qint64 messages = 0;   ///< chats posted (stored)
        qint64 deliveries = 0; ///< chats sent live to members other than their sender
        qint64 pruned = 0;     ///< messages removed by retention
        std::map<Protocol::ErrorCode, qint64> refusals; ///< error frames sent, by code
        LatencyHistogram commits;                       ///< how long storing a batch took
        bool storeWritable = true;                      ///< the last commit succeeded
    };
    const Counters &counters() const { return m_counters; }
    /// An error frame a transport sent on its own (one it could not decode, say).
    void noteRefusal(Protocol::ErrorCode code) { ++m_counters.refusals[code]; }

    /// Below this backlog a session is sent its next page of history.
    static constexpr qint64 PageLowWater = 64 * 1024;
    /// A page of history holds about this many bytes at most (and always one message).
    static constexpr qint64 PageBytes = 256 * 1024;
    /// How soon a catch-up the store could not read is tried again.
    static constexpr std::chrono::milliseconds CatchUpRetry{1000};

Q_SIGNALS:
    void memberJoined(const Protocol::Member &member);
    void memberLeft(const Protocol::Member &member);
    void chatPosted(const Protocol::ChatMessage &chat);
    /// A message was edited or deleted (chat is as it is now).
    void chatChanged(const Protocol::ChatMessage &chat);
    void memberCountChanged(int count);

private:
    struct Admission
    {
        Session *session;
        QElapsedTimer waiting;
    };

    /// False if the member was turned away (mayJoin()).
    bool join(Session *session, const Protocol::Hello &hello);
    /// The session's welcome; *complete is false if the store could not read its conversations'
    /// unread counts (they are then zero).
    OutgoingMessage welcomeFor(const Session *session, bool *complete);
    /// Appends the history owed to a member joining with since (the last seq it has, if any):
    /// the recent messages, or the first page of those it missed (the rest follow as it reads).
    void appendHistory(OutgoingBatch &batch, Session *session, std::optional<qint64> since);
    /// Sends the next page of missed messages, if the session has read the previous ones.
    void continueCatchUp(Session *session);
    void continueCatchUps();
    /// Up to resumePageSize messages after seq, and about PageBytes at most; complete says
    /// whether that is every message stored after seq.
    std::optional<QList<Protocol::ChatMessage>> pageAfter(const Session *session, qint64 seq,
                                                          bool *complete) const;
    /// The error that says a history that was due did not come (counted).
    OutgoingMessage historyUnavailable();
    static qint64 frameBytes(const Protocol::ChatMessage &chat);
    /// Where the next page of a catch-up starts, after this page's last message.
    static qint64 cursorAfter(const Session *session, const Protocol::ChatMessage &last);
    qint64 pageBytes() const;
    qint64 pageLowWater() const;
    static Protocol::ProtocolError storeFailed();
    void handleMember(Session *session, const Protocol::ClientMessage &message);
    void rename(Session *session, const QString &name, bool force = false);
    void postChat(Session *sender, const Protocol::SendChat &chat);
    void editChat(Session *session, const Protocol::EditChat &edit);
    void deleteChat(Session *session, const Protocol::DeleteChat &deletion);
    /// The message the session may change, as it is now (changes not yet stored included), or
    /// nothing when it was refused (and told why). Only its author may change a message; a
    /// moderator may also delete others' (anyAuthor).
    /// A stored message as it is now, changes waiting for this turn's commit included.
    std::optional<Protocol::ChatMessage> newestState(qint64 seq, bool *failed) const;
    /// The quote of the message a reply answers, if it is one of this conversation's.
    std::optional<Protocol::ReplyQuote> quoteOf(const QString &conversation, qint64 seq, bool *failed) const;
    std::optional<Protocol::ChatMessage> messageToChange(Session *session, const QString &conversation,
                                                         qint64 seq, bool anyAuthor);
    /// Queues a change for the next group commit, with the next seq as its revision.
    void queueChange(Protocol::ChatMessage changed, MessageStore::Entry::Kind kind, const Session *by);
    /// Sends a changed message to its conversation's v2 members online (its changer included).
    void broadcastChange(const Protocol::ChatMessage &chat) const;
    void search(Session *session, const Protocol::Search &search);
    /// Removes a batch of messages past the retention limits (and files only they carried); the
    /// next batch next turn, else again after retentionInterval.
    void pruneHistory();
    /// Whether the session may act for the room's moderators.
    bool isModerator(const Session *session) const;
    /// Whether a member may post now (not muted; slow mode counted when counted is set); if
    /// not, it is told why (with the clientId of what it tried to post).
    bool mayPost(Session *session, const QString &clientId, bool counted);
    /// A joining member that is banned, or new to a locked room, is turned away (and closed).
    bool mayJoin(Session *session, const QString &memberId);
    void becomeModerator(Session *session, const Protocol::BecomeModerator &request);
    void onModeratorPasswordChecked(quint64 ticket, bool matches);
    void moderate(Session *session, const Protocol::Moderate &request);
    /// Keeps a moderator's action in the audit log.
    void audit(const Protocol::Member &moderator, const QString &action, const Protocol::Member &target,
               const QString &detail);
    void sendAuditLog(Session *session, const Protocol::AuditLogRequest &request);
    /// Of the member ids mentioned, those in the conversation (each once).
    QStringList mentionsIn(const QString &conversation, const QStringList &mentioned) const;
    void beginUpload(Session *session, const Protocol::Upload &upload);
    void postFile(const MessageStore::Upload &upload, const Protocol::FileInfo &file);
    void uploadFailed(const MessageStore::Upload &upload, const Protocol::ProtocolError &error);
    /// The secret with which a member fetches files over HTTP: its id and a keyed digest of it.
    QString fileKeyFor(const QString &memberId) const;
    void commitChats();
    void sendOlder(Session *session, const Protocol::HistoryRequest &request);
    /// Sends the older pages asked for while the session was busy, as its backlog allows.
    void sendPendingOlder(Session *session);
    /// Takes a token from the session's buckets (by member and by address), made on first use.
    static bool takeToken(QHash<QString, RateLimiter> &buckets, const Session *session, double perSecond,
                          double burst);
    void relayTyping(Session *session, const Protocol::StartTyping &typing);
    void openDirect(Session *session, const Protocol::OpenDirect &open);
    void markRead(Session *session, const Protocol::MarkRead &read);
    /// Whether the session is in the conversation: it may read and post there.
    bool canRead(const Session *session, const QString &conversation) const;
    /// The conversations a session reads: #general and, in v2, its channels and direct ones.
    QStringList conversationsOf(const Session *session) const;
    /// The session's conversations with where it stands in each, for its welcome; false if the
    /// store could not say (the counts are then zero).
    bool describeConversations(const Session *session, QList<Protocol::Conversation> &conversations) const;
    std::optional<Protocol::Conversation> describeDirect(const MessageStore::Direct &direct,
                                                         const QString &memberId, qint64 readSeq) const;
    static Protocol::ProtocolError forbidden(const QString &conversation);
    bool isIn(const QString &memberId, const QString &conversation) const;
    /// The v2 sessions online in a channel or direct conversation.
    std::vector<Session *> onlineIn(const QString &conversation) const;
    void createChannel(Session *session, const Protocol::CreateChannel &create);
    void joinChannel(Session *session, const Protocol::JoinChannel &join);
    void leaveChannel(Session *session, const Protocol::LeaveChannel &leave);
    bool ensureConfiguredChannels();
    static QString newChannelId();
    /// The id of the channel with this name or one that looks like it (#general's too), if any.
    QString channelNamed(const QString &name) const;
    Protocol::Conversation describeChannel(const MessageStore::Channel &channel, const QString &memberId,
                                           qint64 readSeq, bool *complete = nullptr) const;
    static Protocol::ChannelUpdate channelUpdate(const MessageStore::Channel &channel);
    /// Tells every v2 member, with the next presence flush, what everyone may know of the channel.
    void tellOthersAbout(const MessageStore::Channel &channel);
    /// "d:" and the two member ids in code-point order: the same two members, the same id.
    static QString directId(const QString &a, const QString &b);
    void joinOverdueAdmissions();
    QString memberIdFor(const QString &token) const;
    /// In a password room: refuses, or starts checking the hello's password off this thread.
    void checkPassword(Session *session, const Protocol::ClientMessage &message);
    void onPasswordChecked(quint64 ticket, bool matches);
    void forgetPasswordChecks(const Session *session);
    void forgetOwedHistory(Session *session);
    void forgetOldestGuessers();
    static QString guesserKey(const Session *session, const Protocol::Hello &hello);
    QByteArray provenDigest(const QString &password) const;
    bool isProven(const Protocol::Hello &hello) const;
    /// Joins a session whose first frame is message (a hello, or anything: then as a guest).
    void accept(Session *session, const Protocol::ClientMessage &message);
    void refuse(Session *session, const QString &why);

    void broadcast(const OutgoingMessage &message, const Session *except = nullptr) const;
    void broadcast(const OutgoingBatch &batch) const;
    /// Sends a chat to the online members of its conversation but its sender (and not to those
    /// catching up: the pages bring it).
    /// Sends the chat to its conversation's members online but the sender; returns how many.
    qsizetype broadcastChat(const Protocol::ChatMessage &chat, const Session *sender) const;
    /// An error frame to the session, counted by its code.
    void sendError(Session *session, const Protocol::ServerError &error);
    void schedulePresenceFlush();
    void flushPresence();
    QString nextGuestName();

    ServerConfig m_config;
    MessageStore m_store;
    Uploads m_uploads; // a child, so moveToThread() takes it along
    QByteArray m_roomSecret;
    QString m_instanceId;
    std::vector<Session *> m_members;
    mutable MemberList m_memberList; // members() kept current, with its JSON
    QHash<QString, Session *> m_byId;
    std::deque<Admission> m_admissions; // oldest first: all wait the same helloTimeout
    QTimer m_admissionTimer;            // children, so moveToThread() takes them along

    Protocol::PresenceDelta m_pendingPresence;
    std::vector<Session *> m_newcomers; // joined since the last flush: owed a user count
    int m_announcedCount = 0;
    QTimer m_presenceTimer;
    QElapsedTimer m_sinceFlush;

    QHash<QString, MessageStore::Direct> m_directs;   // every direct conversation, by id
    QHash<QString, QStringList> m_directsOf;          // member id -> its direct conversations
    QHash<QString, MessageStore::Channel> m_channels; // every channel but #general, by id
    QHash<QString, QStringList> m_channelsOf;         // member id -> the channels it is in
    QSet<QString> m_pendingChannels;                  // changed since the last presence flush
    QHash<QString, RateLimiter> m_directOpens;        // by member id and by "@address"
    QHash<QString, RateLimiter> m_channelCreations;   // likewise
    QHash<QString, RateLimiter> m_uploadStarts;       // likewise
    QHash<QString, RateLimiter> m_searches;           // by member id only
    QList<MessageStore::ReadPosition> m_uncommittedReads;

    QList<MessageStore::Entry> m_uncommitted; // assigned a seq, not yet stored
    QSet<QString> m_uncommittedKeys;          // their "memberId\nclientId", for deduplication
    QTimer m_commitTimer;
    QTimer m_searchIndexTimer; // new messages join the search index a while after, many at once
    QTimer m_retentionTimer;
    std::vector<Session *> m_catchingUp; // owed more history (Session::m_catchUpAfter)
    QTimer m_catchUpTimer;               // next turn: pages for those whose backlog is gone
    struct PasswordFailures
    {
        int count = 0;
        QDeadlineTimer retryAt;
        QElapsedTimer last; // the latest wrong guess
    };
    static constexpr qsizetype MaxTrackedGuessers = 10000;
    QHash<QString, PasswordFailures> m_passwordFailures; // by peer address and name (guesserKey)
    PasswordChecker *m_passwordChecker;
    Moderation m_moderation;
    PasswordChecker *m_moderatorChecker = nullptr; // with a moderator password only
    struct ModeratorCheck
    {
        QString memberId;
        QString address;
    };
    QHash<quint64, ModeratorCheck> m_moderatorChecks; // by ticket
    struct PasswordCheck
    {
        Session *session = nullptr; // null once it left
        Protocol::Hello hello;
        QString key;     // guesserKey
        QString address; // the client's address
    };
    static constexpr int FreeGuesses = 2;            // per (address, name), then the back-off
    static constexpr int FreeGuessesPerAddress = 20; // per address, whatever the names
    static constexpr int MaxChecksPerAddress = 4;    // checked at a time for one address
    QHash<QString, int> m_checksInFlight;            // by guesserKey and by address
    void recordWrongGuess(const QString &key, int freeGuesses);
    QHash<quint64, PasswordCheck> m_passwordChecks; // by ticket
    quint64 m_lastPasswordTicket = 0;
    static constexpr qsizetype MaxProvenMembers = 100000;
    /// Member ids that gave the right password since the room started, with a keyed digest of it.
    QHash<QString, QByteArray> m_provenMembers;
    qint64 m_lastSeq = 0;
    quint64 m_guestCounter = 0;
    QString m_errorString; // why open() failed, when not the store's fault
    Counters m_counters;
};
