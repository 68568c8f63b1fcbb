#pragma once

#include "CertificatePins.h"
#include "Limits.h"
#include "MemberListModel.h"
#include "MessageListModel.h"
#include "Messages.h"
#include "Outbox.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <QtQml/qqmlregistration.h>

#include <chrono>

/// One person's session in a room: connects, says hello, sends and receives chats, keeps the
/// message and member models current, and reconnects on its own (exponential backoff with
/// jitter, capped at 30 s) until told to disconnect.
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
    Q_PROPERTY(QString displayName READ displayName WRITE setDisplayName NOTIFY displayNameChanged)
    Q_PROPERTY(QString roomName READ roomName NOTIFY roomNameChanged)
    Q_PROPERTY(QString selfId READ selfId NOTIFY selfIdChanged)
    Q_PROPERTY(int userCount READ userCount NOTIFY userCountChanged)
    Q_PROPERTY(int reconnectSeconds READ reconnectSeconds NOTIFY reconnectSecondsChanged)
    Q_PROPERTY(QString typingText READ typingText NOTIFY typingTextChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    /// The longest chat the room accepts, in characters (as its welcome said).
    Q_PROPERTY(int maxTextLength READ maxTextLength NOTIFY limitsChanged)
    Q_PROPERTY(QString identityToken READ identityToken WRITE setIdentityToken NOTIFY identityTokenChanged)
    Q_PROPERTY(bool hasOlderMessages READ hasOlderMessages NOTIFY hasOlderMessagesChanged)
    /// A page of older messages is on its way (loadOlder()).
    Q_PROPERTY(bool loadingOlder READ isLoadingOlder NOTIFY loadingOlderChanged)
    /// SHA-256 fingerprint of the room's TLS certificate (wss:// rooms), for people to compare.
    Q_PROPERTY(
        QString certificateFingerprint READ certificateFingerprint NOTIFY certificateFingerprintChanged)
    /// The room's password, if it has one (sent in the hello; never stored).
    Q_PROPERTY(QString password READ password WRITE setPassword NOTIFY passwordChanged)
    Q_PROPERTY(MessageListModel *messages READ messages CONSTANT)
    Q_PROPERTY(MemberListModel *members READ members CONSTANT)

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
    QString displayName() const { return m_displayName; }
    void setDisplayName(const QString &name);
    QString roomName() const { return m_roomName; }
    QString selfId() const { return m_self.id; }
    int userCount() const { return m_userCount; }
    int reconnectSeconds() const { return m_reconnectSeconds; }
    QString typingText() const;
    QString errorString() const { return m_errorString; }
    int maxTextLength() const { return int(m_limits.maxTextLength); }
    /// The secret that keeps this person the same member across reconnects (random by default;
    /// the app keeps one in its settings).
    QString identityToken() const { return m_identityToken; }
    void setIdentityToken(const QString &token);
    bool hasOlderMessages() const { return m_hasOlder; }
    bool isLoadingOlder() const { return m_loadingOlder; }
    QString password() const { return m_password; }
    QString certificateFingerprint() const { return m_certificateFingerprint; }
    void setPassword(const QString &password);
    MessageListModel *messages() const { return m_messages; }
    MemberListModel *members() const { return m_members; }

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
    Q_INVOKABLE bool sendMessage(const QString &text);
    /// Why this text cannot be sent (for the input to show), or an empty string if it can.
    Q_INVOKABLE QString textProblem(const QString &text) const;
    /// The user is typing: tells the room, at most every few seconds.
    Q_INVOKABLE void userTyping();
    /// Asks the room for the page of messages before the oldest one shown.
    Q_INVOKABLE void loadOlder();
    /// After certificateChanged: the person has compared the fingerprints and trusts the new one.
    Q_INVOKABLE void trustChangedCertificate();

    /// First retry delay; each further attempt doubles it up to the cap (tests shorten these).
    void setReconnectDelays(std::chrono::milliseconds first, std::chrono::milliseconds cap);

Q_SIGNALS:
    void stateChanged();
    void urlChanged();
    void displayNameChanged();
    void roomNameChanged();
    void selfIdChanged();
    void userCountChanged();
    void reconnectSecondsChanged();
    void typingTextChanged();
    void errorStringChanged();
    void identityTokenChanged();
    void hasOlderMessagesChanged();
    void loadingOlderChanged();
    void passwordChanged();
    void limitsChanged();
    void certificateFingerprintChanged();
    /// A wss:// room's certificate was seen for the first time and is now pinned.
    void certificatePinned(const QString &fingerprint);
    /// DANGER: the room presents a different certificate than the one pinned; not connected.
    void certificateChanged(const QString &pinnedFingerprint, const QString &presentedFingerprint);
    /// The room wants a password and none was given: ask for one, then joinAddress() again.
    void passwordRequired();
    /// The room refused the password given: it stays on the start page to be corrected.
    void passwordRefused();
    /// Someone else's chat arrived (for notifications).
    void chatReceived(const QString &senderName, const QString &text);

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
    // Protocol v2 only; this client speaks v1 until it shows conversations.
    void handle(const Protocol::ConversationUpdate &) {}
    void handle(const Protocol::ChannelUpdate &) {}
    void handle(const Protocol::ConversationLeft &) {}
    void sendUnsent();
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
    void setHasOlder(bool hasOlder);
    void setLoadingOlder(bool loading);

    QWebSocket m_socket;
    State m_state = State::Disconnected;
    QUrl m_url;
    bool m_wanted = false;   // the user wants to be in the room
    bool m_welcomed = false; // this room has let us in since connectToRoom(): retry when lost
    QString m_displayName;
    QString m_roomName;
    QString m_roomId; // whose history our seqs are (Welcome::roomId)
    Protocol::Member m_self;
    int m_userCount = 0;
    QString m_errorString;
    Protocol::Limits m_limits;
    MessageListModel *m_messages;
    MemberListModel *m_members;
    QString m_identityToken;
    QString m_password;
    CertificatePins m_pins;
    QString m_certificateFingerprint;
    QString m_changedFingerprint;
    Outbox m_outbox;
    bool m_hasOlder = false;
    bool m_loadingOlder = false;

    QTimer m_reconnectTimer;
    QTimer m_countdownTimer;
    int m_attempt = 0;
    int m_reconnectSeconds = 0;
    std::chrono::milliseconds m_firstDelay{1000};
    std::chrono::milliseconds m_maxDelay{30000};

    QTimer m_resendTimer; // after a rate_limited error
    QTimer m_heartbeatTimer;
    QElapsedTimer m_sinceHeard; // any frame or pong from the server

    struct Typist
    {
        QString name;
        QElapsedTimer since;
    };
    QHash<QString, Typist> m_typists;
    QTimer m_typingExpiry;
    QElapsedTimer m_sinceTypingSent;
};
