#pragma once

#include "AuditLogModel.h"
#include "CertificatePins.h"
#include "ConversationListModel.h"
#include "FileTransfers.h"
#include "Limits.h"
#include "MemberListModel.h"
#include "MessageListModel.h"
#include "Messages.h"
#include "Outbox.h"
#include "RateLimiter.h"
#include "SearchResultModel.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <QtQml/qqmlregistration.h>

#include <chrono>
#include <map>

/// One person's session in a room: connects, says hello, sends and receives chats, keeps the
/// message and member models current, and reconnects on its own (exponential backoff with
/// jitter, capped at 30 s) until told to disconnect.
///
/// It speaks protocol 2 where the server does: the server's conversations (channels and direct
/// conversations) each have a message list, one of them is current (the one shown, its
/// messages, draft and older pages), and the others count what is unread. Against a version 1
/// server there is one conversation, #general.
///
/// Nothing is lost or shown twice across reconnects: the hello carries an identity token (same
/// member after a reconnect) and the last seq seen (the room sends everything missed), and chats
/// not yet acked wait in an Outbox on disk (shown as sending) to be re-sent with the same
/// clientId, which the room deduplicates.
class ChatClient : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QUrl url READ url NOTIFY urlChanged)
    /// A link to a message of the current conversation is this and its seq
    /// ("parley://192.168.1.20:47800/3f2a9c01d4e5b6a7/general/": address, roomId, conversation;
    /// parleys:// for an encrypted room). The roomId names the room, whatever address a reader
    /// reaches it at; the address tells others where to join.
    Q_PROPERTY(QString messageLinkBase READ messageLinkBase NOTIFY messageLinkBaseChanged)
    /// Where others reach this room, when not at url (the host's own client connects on loopback):
    /// links to messages name it.
    Q_PROPERTY(QUrl shareUrl READ shareUrl WRITE setShareUrl NOTIFY messageLinkBaseChanged)
    Q_PROPERTY(QString displayName READ displayName WRITE setDisplayName NOTIFY displayNameChanged)
    Q_PROPERTY(QString roomName READ roomName NOTIFY roomNameChanged)
    Q_PROPERTY(QString selfId READ selfId NOTIFY selfIdChanged)
    /// Names the room's history (Welcome::roomId): settings about it are kept under it.
    Q_PROPERTY(QString roomId READ roomId NOTIFY roomIdChanged)
    Q_PROPERTY(int userCount READ userCount NOTIFY userCountChanged)
    Q_PROPERTY(int reconnectSeconds READ reconnectSeconds NOTIFY reconnectSecondsChanged)
    Q_PROPERTY(QString typingText READ typingText NOTIFY typingTextChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    /// The longest chat the room accepts, in characters (as its welcome said).
    Q_PROPERTY(int maxTextLength READ maxTextLength NOTIFY limitsChanged)
    Q_PROPERTY(int maxNameLength READ maxNameLength NOTIFY limitsChanged)
    Q_PROPERTY(QString identityToken READ identityToken WRITE setIdentityToken NOTIFY identityTokenChanged)
    /// The current conversation has older messages to load (loadOlder()).
    Q_PROPERTY(bool hasOlderMessages READ hasOlderMessages NOTIFY hasOlderMessagesChanged)
    /// A page of older messages of the current conversation is on its way.
    Q_PROPERTY(bool loadingOlder READ isLoadingOlder NOTIFY loadingOlderChanged)
    /// The conversation shown (#general is "general").
    Q_PROPERTY(QString currentConversation READ currentConversation WRITE setCurrentConversation NOTIFY
                   currentConversationChanged)
    /// Its title: "#homework", or the other member's name.
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentConversationChanged)
    Q_PROPERTY(bool currentIsDirect READ currentIsDirect NOTIFY currentConversationChanged)
    /// The current channel's topic and how many are in it (0 for a direct conversation).
    Q_PROPERTY(QString currentTopic READ currentTopic NOTIFY currentDetailsChanged)
    Q_PROPERTY(int currentMemberCount READ currentMemberCount NOTIFY currentDetailsChanged)
    /// What was typed in the current conversation and not sent yet.
    Q_PROPERTY(QString draft READ draft WRITE setDraft NOTIFY currentConversationChanged)
    /// The protocol the room speaks with us (2: conversations).
    Q_PROPERTY(int protocolVersion READ protocolVersion NOTIFY protocolVersionChanged)
    /// Whether the person is looking (the window is active): the current conversation is then
    /// read as messages arrive.
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)
    /// SHA-256 fingerprint of the room's TLS certificate (wss:// rooms), for people to compare.
    Q_PROPERTY(
        QString certificateFingerprint READ certificateFingerprint NOTIFY certificateFingerprintChanged)
    /// The room's password, if it has one (sent in the hello; never stored).
    Q_PROPERTY(QString password READ password WRITE setPassword NOTIFY passwordChanged)
    /// The current conversation's messages.
    Q_PROPERTY(MessageListModel *messages READ messages NOTIFY currentConversationChanged)
    Q_PROPERTY(MemberListModel *members READ members CONSTANT)
    Q_PROPERTY(ConversationListModel *conversations READ conversations CONSTANT)
    /// Files on their way up and down.
    Q_PROPERTY(TransferListModel *transfers READ transfers CONSTANT)
    /// Whether this room takes files (protocol 2), and the largest it takes (0: not told).
    Q_PROPERTY(bool canSendFiles READ canSendFiles NOTIFY protocolVersionChanged)
    Q_PROPERTY(qint64 maxFileBytes READ maxFileBytes NOTIFY limitsChanged)
    /// Whether this room lets members edit, delete and search messages (protocol 2).
    Q_PROPERTY(bool canChangeMessages READ canChangeMessages NOTIFY protocolVersionChanged)
    /// What the latest search() found.
    Q_PROPERTY(SearchResultModel *searchResults READ searchResults CONSTANT)
    /// This member is one of the room's moderators.
    Q_PROPERTY(bool isModerator READ isModerator NOTIFY moderationChanged)
    /// The room has a moderator password one could give (becomeModerator()).
    Q_PROPERTY(bool canBecomeModerator READ canBecomeModerator NOTIFY moderationChanged)
    /// Moderators locked the room against new members / set a slow mode (seconds, 0: off).
    Q_PROPERTY(bool roomLocked READ roomLocked NOTIFY roomStateChanged)
    Q_PROPERTY(int slowModeSeconds READ slowModeSeconds NOTIFY roomStateChanged)
    /// Why nothing can be posted just now (a moderator muted us), or empty.
    Q_PROPERTY(QString postingProblem READ postingProblem NOTIFY moderationChanged)
    /// What moderators did (loadAuditLog()).
    Q_PROPERTY(AuditLogModel *auditLog READ auditLog CONSTANT)

public:
    enum class State {
        Disconnected, ///< not in a room and not trying to be
        Connecting,   ///< first attempt, until the welcome arrives
        Connected,    ///< in the room
        Reconnecting, ///< lost the room; waiting (reconnectSeconds) or retrying
        Closed,       ///< the room ended this session for good (errorString says why): not retrying
    };
    Q_ENUM(State)

    explicit ChatClient(QObject *parent = nullptr);
    ~ChatClient() override;

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    QString messageLinkBase() const;
    QUrl shareUrl() const { return m_shareUrl; }
    void setShareUrl(const QUrl &url);
    QString displayName() const { return m_displayName; }
    void setDisplayName(const QString &name);
    QString roomName() const { return m_roomName; }
    QString selfId() const { return m_self.id; }
    QString roomId() const { return m_roomId; }
    int userCount() const { return m_userCount; }
    int reconnectSeconds() const { return m_reconnectSeconds; }
    QString typingText() const;
    QString errorString() const { return m_errorString; }
    int maxTextLength() const { return int(m_limits.maxTextLength); }
    int maxNameLength() const { return int(m_limits.maxNameLength); }
    /// The secret that keeps this person the same member across reconnects (random by default;
    /// the app keeps one in its settings).
    QString identityToken() const { return m_identityToken; }
    void setIdentityToken(const QString &token);
    bool hasOlderMessages() const { return m_views.value(m_current).hasOlder; }
    bool isLoadingOlder() const { return m_views.value(m_current).loadingOlder; }
    QString currentConversation() const { return m_current; }
    void setCurrentConversation(const QString &id);
    QString currentTitle() const;
    bool currentIsDirect() const;
    QString currentTopic() const;
    int currentMemberCount() const;
    QString draft() const { return m_views.value(m_current).draft; }
    void setDraft(const QString &text);
    int protocolVersion() const { return m_protocol; }
    bool isActive() const { return m_active; }
    void setActive(bool active);
    QString password() const { return m_password; }
    QString certificateFingerprint() const { return m_certificateFingerprint; }
    void setPassword(const QString &password);
    MessageListModel *messages() const;
    MemberListModel *members() const { return m_members; }
    ConversationListModel *conversations() const { return m_conversations; }
    TransferListModel *transfers() const { return m_transfers.model(); }
    bool canSendFiles() const { return m_protocol >= 2; }
    qint64 maxFileBytes() const { return m_maxFileBytes; }
    bool canChangeMessages() const { return m_protocol >= 2; }
    SearchResultModel *searchResults() const { return m_searchResults; }
    bool isModerator() const { return m_moderator; }
    bool canBecomeModerator() const { return m_moderatorByPassword && !m_moderator; }
    bool roomLocked() const { return m_roomState.locked; }
    int slowModeSeconds() const { return m_roomState.slowModeSeconds; }
    AuditLogModel *auditLog() const { return m_auditLog; }
    QString postingProblem() const;
    /// The messages of one conversation (made empty if none were seen yet).
    Q_INVOKABLE MessageListModel *messagesFor(const QString &conversation);

    /// "host", "host:port" or a ws:// / wss:// URL as a person types it; invalid if unusable.
    static QUrl urlFromUserInput(const QString &input);

    /// Joins the room at an address as a person types it; false (with errorString set) if it
    /// is not an address at all.
    Q_INVOKABLE bool joinAddress(const QString &address);
    Q_INVOKABLE void connectToRoom(const QUrl &url);
    Q_INVOKABLE void disconnectFromRoom();
    /// Skips the rest of the reconnect wait.
    Q_INVOKABLE void reconnectNow();
    /// Queues text to be posted; false (with errorString set) if it cannot be sent at all.
    /// replyTo: the seq of the message (in the current conversation) this one answers, or 0.
    Q_INVOKABLE bool sendMessage(const QString &text, qint64 replyTo = 0);
    /// Why this text cannot be sent (for the input to show), or an empty string if it can.
    Q_INVOKABLE QString textProblem(const QString &text) const;
    /// The user is typing: tells the room, at most every few seconds.
    Q_INVOKABLE void userTyping();
    /// Asks the room for the page of messages before the oldest one shown.
    Q_INVOKABLE void loadOlder();
    /// After certificateChanged: the person has compared the fingerprints and trusts the new one.
    Q_INVOKABLE void trustChangedCertificate();
    /// Shows the direct conversation with a member, opening it first if need be.
    Q_INVOKABLE void openDirect(const QString &memberId);
    /// Makes a channel and shows it once the room has; false (with errorString) if the name
    /// cannot be one.
    Q_INVOKABLE bool createChannel(const QString &name, const QString &topic = {});
    /// Joins a channel and shows it once in.
    Q_INVOKABLE void joinChannel(const QString &id);
    Q_INVOKABLE void leaveChannel(const QString &id);
    /// The person has seen the current conversation up to its newest message.
    Q_INVOKABLE void markCurrentRead();
    /// Sends a file (a local file URL) to the current conversation with a caption; false (with
    /// errorString set) if it cannot be sent. It shows at once with its upload's progress.
    Q_INVOKABLE bool sendFile(const QUrl &file, const QString &caption = {});
    /// Why this file cannot be sent here (for a preview to show), or an empty string if it can.
    Q_INVOKABLE QString fileProblem(const QUrl &file) const;
    /// A local file as a preview shows it: {name, size, isImage, problem}.
    Q_INVOKABLE QVariantMap describeFile(const QUrl &file) const;
    /// Saves the file of the current conversation's chat with this seq to a local file URL.
    Q_INVOKABLE void saveFile(qint64 seq, const QUrl &target);
    /// Fetches the file of the current conversation's chat with this seq into the cache, then
    /// emits fileReadyToOpen().
    Q_INVOKABLE void openFile(qint64 seq);
    /// Stops an upload (its message goes) or a download.
    Q_INVOKABLE void cancelTransfer(const QString &transferId);
    /// The name to save a file others sent under (safe on this computer's file system).
    Q_INVOKABLE static QString suggestedFileName(const QString &name);
    /// Where a Save dialog starts for it: the Downloads folder (home if there is none) and that name.
    Q_INVOKABLE static QUrl suggestedSaveLocation(const QString &name);
    /// Whether a file of this name and type could run code when opened (ask first).
    static bool mayRunCode(const QString &name, const QString &type);

    /// Replaces the text of one of our messages in the current conversation; false (with
    /// errorString set) if that text cannot be sent. Every screen shows the change once the
    /// room has stored it.
    Q_INVOKABLE bool editMessage(qint64 seq, const QString &text);
    /// Deletes a message of the current conversation (ours, or anyone's for a moderator).
    Q_INVOKABLE void deleteMessage(qint64 seq);
    /// Renames this member in the room (everyone sees the new name); renamed() or
    /// renameRefused() follows. False if there is nothing to ask (not connected, no change).
    Q_INVOKABLE bool rename(const QString &name);
    /// Asks to become a moderator with the room's moderator password; moderationChanged() or
    /// moderatorRefused() follows.
    Q_INVOKABLE void becomeModerator(const QString &password);
    /// A moderator's action on a member: "kick", "ban", "unban", "mute" or "unmute"; minutes for a
    /// ban or a mute (0: until lifted); the reason is told to the member.
    Q_INVOKABLE void moderateMember(const QString &action, const QString &memberId, int minutes = 0,
                                    const QString &reason = {});
    /// A moderator's settings for the room.
    Q_INVOKABLE void setSlowMode(int seconds);
    Q_INVOKABLE void setRoomLocked(bool locked);
    /// Fetches the audit log's newest page (or, with more, the next older one) into auditLog.
    Q_INVOKABLE void loadAuditLog(bool more = false);

    /// Searches every conversation we read (empty words: no search); results in searchResults.
    Q_INVOKABLE void search(const QString &words);
    /// Fetches the next page of the current search's results.
    Q_INVOKABLE void searchMore();
    /// Shows a conversation at one of its messages, loading older pages until it is in the
    /// list; then emits messageRevealed() (or messageNotFound()).
    Q_INVOKABLE void revealMessage(const QString &conversation, qint64 seq);
    /// Shows the message a link (messageLinkBase) points to, if it is in this room; else false,
    /// with errorString saying where it is.
    Q_INVOKABLE bool openMessageLink(const QUrl &link);
    /// Saves the current conversation, from its first message, as a transcript (a local file URL;
    /// text for .txt, else HTML): older pages are loaded first; transcriptSaved() follows.
    Q_INVOKABLE void saveTranscript(const QUrl &target);

    /// The members whose names start with prefix (after an "@"), for completing a mention.
    Q_INVOKABLE QStringList mentionCandidates(const QString &prefix) const;

    /// Bytes one upload request carries at most (tests make pieces small to cut uploads midway).
    void setUploadPieceBytes(qint64 bytes) { m_transfers.setPieceBytes(bytes); }
    /// First retry delay; each further attempt doubles it up to the cap (tests shorten these).
    void setReconnectDelays(std::chrono::milliseconds first, std::chrono::milliseconds cap);

Q_SIGNALS:
    void stateChanged();
    void urlChanged();
    void displayNameChanged();
    void roomNameChanged();
    void selfIdChanged();
    void roomIdChanged();
    void userCountChanged();
    void reconnectSecondsChanged();
    void typingTextChanged();
    void errorStringChanged();
    void identityTokenChanged();
    void hasOlderMessagesChanged();
    void loadingOlderChanged();
    void passwordChanged();
    void limitsChanged();
    void currentConversationChanged();
    void currentDetailsChanged();
    void protocolVersionChanged();
    void activeChanged();
    /// The room would not make the channel (its name is taken, a limit): why, in words.
    void channelRefused(const QString &reason);
    void certificateFingerprintChanged();
    /// A wss:// room's certificate was seen for the first time and is now pinned.
    void certificatePinned(const QString &fingerprint);
    /// DANGER: the room presents a different certificate than the one pinned; not connected.
    void certificateChanged(const QString &pinnedFingerprint, const QString &presentedFingerprint);
    /// The room wants a password and none was given: ask for one, then joinAddress() again.
    void passwordRequired();
    /// The room refused the password given: it stays on the start page to be corrected.
    void passwordRefused();
    /// Someone else's chat arrived (for notifications): where, and whether it is for us alone
    /// (a direct message) or names us (a mention).
    void chatReceived(const QString &senderName, const QString &text, const QString &conversationTitle,
                      bool direct, bool mentionsMe, const QString &conversation);
    /// A file asked for with openFile() is in the cache; mayRunCode: ask before opening it.
    void fileReadyToOpen(const QUrl &localFile, bool mayRunCode);
    /// A file asked for with saveFile() is saved.
    void fileSaved(const QUrl &localFile);
    /// The message revealMessage() asked for is in the current conversation's list now.
    void messageRevealed(qint64 seq);
    /// ...or it is not there any more (deleted, or gone with the room's retention).
    void messageNotFound();
    void transcriptSaved(const QUrl &file);
    void transcriptFailed(const QString &reason);
    void moderationChanged();
    void roomStateChanged();
    /// The moderator password was refused (or cannot be tried now): why, in words.
    void moderatorRefused(const QString &reason);
    /// A moderator acted on this member (muted it, say): what happened, in words.
    void sanctioned(const QString &text);
    void messageLinkBaseChanged();
    /// The room took our new name (displayName is now it).
    void renamed(const QString &name);
    /// The room refused our new name: why, in words (displayName is unchanged).
    void renameRefused(const QString &reason);

private:
    void open();
    void send(const Protocol::ClientMessage &message);
    void onConnected();
    void onDisconnected();
    void onTextMessage(const QString &text);
    void handle(const Protocol::Welcome &welcome);
    void handle(const Protocol::ChatMessage &chat);
    void handle(const Protocol::History &history);
    void handle(const Protocol::Ack &ack);
    void handle(const Protocol::UserCount &users);
    void handle(const Protocol::PresenceDelta &delta);
    void handle(const Protocol::TypingNotice &typing);
    void handle(const Protocol::ServerError &error);
    void handle(const Protocol::UploadReady &ready);
    void handle(const Protocol::ConversationUpdate &update);
    void handle(const Protocol::ChannelUpdate &channel);
    void handle(const Protocol::ConversationLeft &left);
    void handle(const Protocol::ChatChanged &changed);
    void handle(const Protocol::SearchResults &results);
    void handle(const Protocol::RoomState &state);
    void handle(const Protocol::ModeratorGranted &granted);
    void handle(const Protocol::Sanction &sanction);
    void handle(const Protocol::AuditLog &log);
    void setModerator(bool moderator);
    /// Goes on with revealMessage(): reveals it if it is loaded, else asks for an older page.
    void continueReveal();
    /// Goes on with saveTranscript(): writes it once the conversation's first page is in.
    void continueTranscript();
    /// Asks for the largest page the room gives before the oldest message of a conversation.
    void requestOlderPage(const QString &conversation);
    /// A chat was added to a conversation's list: its image's thumbnail is fetched.
    void chatShown(const Protocol::ChatMessage &chat);
    /// Announces an upload to the room (again), if connected.
    void announceUpload(const Protocol::Upload &upload);
    /// Announces the upload again after UploadRetry (cut off, or the room could not note it).
    void announceUploadLater(const QString &clientId);
    /// v2: asks for a conversation's newest page, the first time it is shown.
    void requestNewest(const QString &conversation);
    void clearConversations();
    void sendReads();
    void seen(qint64 seq);
    /// The ids of the members online that text mentions ("@Name").
    QStringList mentionsIn(const QString &text) const;
    void sendUnsent();
    /// Sends the queued chats as fast as the room's rate allows, the rest when it does.
    void sendQueued();
    void onSslErrors(const QList<QSslError> &errors);
    /// What went wrong, in words people understand (translated).
    QString socketErrorText(QAbstractSocket::SocketError error) const;
    QString refusalText(const Protocol::ProtocolError &error) const;
    /// Why the room closed the connection, from its close frame; empty if it sent none.
    QString closeText() const;
    QString pinKey() const; ///< "host:port", under which the room's certificate is pinned
    void scheduleReconnect();
    void updateReconnectSeconds();
    void checkHeartbeat();
    void expireTyping();
    void setState(State state);
    void setUserCount(int count);
    void setErrorString(const QString &text);
    void setHasOlder(const QString &conversation, bool hasOlder);
    void setLoadingOlder(const QString &conversation, bool loading);

    QWebSocket m_socket;
    State m_state = State::Disconnected;
    QUrl m_url;
    QUrl m_shareUrl;
    bool m_wanted = false;        // the user wants to be in the room
    bool m_welcomed = false;      // this room has let us in since connectToRoom(): retry when lost
    bool m_helloAnswered = false; // this connection's welcome came (a guest's does not count)
    bool m_heardAsGuest = false;  // the room took us for a guest before it read our hello
    QString m_displayName;
    QString m_roomName;
    QString m_roomId; // whose history our seqs are (Welcome::roomId)
    Protocol::Member m_self;
    int m_userCount = 0;
    QString m_errorString;
    Protocol::Limits m_limits;
    MemberListModel *m_members;
    ConversationListModel *m_conversations;
    /// What the client keeps of each conversation it has shown or heard from.
    struct View
    {
        MessageListModel *messages = nullptr;
        bool hasOlder = false;
        bool loadingOlder = false;
        bool requested = false;    // v2: its newest page was asked for
        bool newestLoaded = false; // v2: and it came
        QString draft;
    };
    QHash<QString, View> m_views;
    QString m_current = Protocol::GeneralConversation.toString();
    int m_protocol = Protocol::Version;
    bool m_active = true;
    /// The newest seq this client has seen or been told is stored (v2: the welcome's lastSeq
    /// counts, as older messages come by asking): the next hello resumes after it.
    qint64 m_resumeAfter = 0;
    bool m_resuming = false;                 // the last hello carried since
    qint64 m_resumedAfter = 0;               // ...and this was it
    QSet<QString> m_notifiedInResume;        // conversations whose missed messages were notified
    QString m_roomIdAtHello;                 // the room it resumed
    std::map<QString, qint64> m_unsentReads; // read positions to tell the room, by conversation
    QTimer m_readTimer;
    QString m_pendingOpen;    // a member whose direct conversation is to be shown once open
    QString m_pendingChannel; // a channel (name when made, id when joined) to show once in
    SearchResultModel *m_searchResults;
    AuditLogModel *m_auditLog;
    bool m_moderator = false;
    bool m_moderatorByPassword = false;
    bool m_moderatorAsked = false; // a become_moderator is on its way
    QString m_renameAsked;         // the name a renaming hello asked for, until the room answers
    bool m_auditLogNewest = true;  // the audit page on its way is the newest
    Protocol::RoomState m_roomState;
    qint64 m_mutedUntil = -1; // -1: not muted; 0: until a moderator lifts it
    QTimer m_muteExpiry;
    struct Reveal
    {
        QString conversation;
        qint64 seq = 0;
    };
    std::optional<Reveal> m_reveal; // a message to show once it is loaded
    struct PendingTranscript
    {
        QString conversation;
        QString path;
    };
    std::optional<PendingTranscript> m_transcript; // to write once every page is in
    QString m_identityToken;
    QString m_password;
    CertificatePins m_pins;
    QString m_certificateFingerprint;
    QString m_changedFingerprint;
    Outbox m_outbox;
    FileTransfers m_transfers;
    QString m_fileKey;
    qint64 m_maxFileBytes = 0;

    QTimer m_reconnectTimer;
    QTimer m_countdownTimer;
    int m_attempt = 0;
    int m_reconnectSeconds = 0;
    std::chrono::milliseconds m_firstDelay{1000};
    std::chrono::milliseconds m_maxDelay{30000};

    QTimer m_resendTimer; // after a rate_limited error
    // Own chats go at a little under the room's rate (Welcome::limits): a long outbox sent at
    // once would be refused past the room's burst and, past its abuse limit, closed as a flood.
    RateLimiter m_sendPacer;
    QStringList m_sendQueue; // clientIds in the outbox still to send on this link, in order
    QTimer m_sendQueueTimer;
    QTimer m_heartbeatTimer;
    QElapsedTimer m_sinceHeard; // any frame or pong from the server

    struct Typist
    {
        QString name;
        QString conversation;
        QElapsedTimer since;
    };
    QHash<QString, Typist> m_typists;
    QTimer m_typingExpiry;
    QElapsedTimer m_sinceTypingSent;
};
