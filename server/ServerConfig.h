#pragma once

#include "Limits.h"
#include "RoomPassword.h"

#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <chrono>

/// Everything a room server can be told, with the defaults parleyd and the embedded host use.
/// Plain data: ServerOptions fills it from the command line, RoomHost from the host dialog.
struct ServerConfig
{
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = Protocol::DefaultPort;
    QString roomName = QStringLiteral("Parley");
    Protocol::Limits limits;
    /// The history database file, or ":memory:" for a room that forgets when it stops.
    QString databasePath = QStringLiteral(":memory:");
    /// How many recent messages a member gets on joining.
    int historyOnJoin = 100;
    /// Messages per history frame when a member resumes after being away.
    int resumePageSize = 500;

    /// Presence deltas and user counts go out at most once per interval, and in big rooms at
    /// most once per presenceIntervalPerMember × members: every flush is a frame to everyone,
    /// so this keeps presence a bounded share of the server's time however fast people join
    /// (a room of 5,000 hears of joins four times a second, which is all a person can read).
    std::chrono::milliseconds presenceInterval{50};
    std::chrono::microseconds presenceIntervalPerMember{50};
    /// A member's typing notices are relayed at most once per interval.
    std::chrono::milliseconds typingInterval{1000};
    /// How long a new connection may take to say hello before it joins as a guest.
    std::chrono::milliseconds helloTimeout{500};
    /// How long the WebSocket opening handshake may take before the socket is dropped.
    std::chrono::milliseconds handshakeTimeout{10000};
    /// How long shutdown waits for peers to answer the close handshake.
    std::chrono::milliseconds closeTimeout{2000};

    // --- protection against misbehaving peers (docs/RELIABILITY.md) ---
    /// Connections beyond this are refused with close code 1013 (try again later).
    int maxClients = 1000;
    /// Frames per second a connection may send on average, and in one burst.
    double ratePerSecond = 20;
    double rateBurst = 40;
    /// Refused frames (without a quiet second between them) after which a flooding connection
    /// is closed (1008).
    int rateAbuseLimit = 100;
    /// Direct conversations a member may open per minute (limit_reached beyond), so one member
    /// cannot write to everyone who ever posted here.
    int directOpensPerMinute = 10;
    /// Channels besides #general that always exist (made at start if missing).
    QStringList channels;
    /// Whether members may make channels; at most maxChannels in all, and channelsPerHour each.
    bool membersMayCreateChannels = true;
    int maxChannels = 200;
    int channelsPerHour = 10;
    /// New connections per second one address may open on average, and in one burst (a
    /// flooder that reconnects whenever it is closed is held to this).
    double connectionsPerSecond = 5;
    double connectionBurst = 50;
    /// Connections one address may hold open at once (answered HTTP 429 beyond). In rooms of
    /// ten or more, the last tenth of maxClients is kept for addresses not in the room yet.
    int maxConnectionsPerAddress = 32;
    /// Reverse proxies in front of the room: for connections from these, the client's address
    /// is the one their X-Forwarded-For (or Forwarded) header names.
    QList<QHostAddress> trustedProxies;
    /// The server pings every pingInterval; a peer silent for idleTimeout is dropped.
    std::chrono::milliseconds pingInterval{20000};
    std::chrono::milliseconds idleTimeout{60000};
    /// Socket.IO (Engine.IO 4): the server pings every interval; a client that answers nothing
    /// within the timeout after a ping is gone (the values the seed's Socket.IO server used).
    std::chrono::milliseconds socketIoPingInterval{25000};
    std::chrono::milliseconds socketIoPingTimeout{20000};
    /// Bytes queued for a peer that does not read, beyond which it is closed (1008).
    qint64 maxQueuedBytes = 4 * 1024 * 1024;
    /// Bytes queued for all peers together: past it, the biggest backlogs are closed first
    /// (1008; they resume later, nothing lost), so many slow readers cannot exhaust memory.
    qint64 maxTotalQueuedBytes = 64 * 1024 * 1024;
    /// Members must give this password in their hello (empty: anyone may join).
    RoomPassword password;
    /// With both set, the room speaks wss:// (TLS) only.
    QSslCertificate tlsCertificate;
    QSslKey tlsKey;
    bool usesTls() const { return !tlsCertificate.isNull() && !tlsKey.isNull(); }

    // --- files (docs/PROTOCOL.md, "Files over HTTP") ---
    /// Where files are kept; empty: "<history file>.files" beside the history file (or a
    /// temporary folder, removed when the room stops, for a room in memory).
    QString filesPath;
    /// The largest file one upload may have, and all files together (uploads beyond are
    /// refused with file_too_large / storage_full; nothing stored is touched).
    qint64 maxFileBytes = qint64(100) * 1024 * 1024;
    qint64 maxStorageBytes = qint64(2) * 1024 * 1024 * 1024;
    /// Uploads one member may have on their way at once, and start per minute.
    int maxUploadsInFlight = 4;
    double uploadsPerMinute = 30;
    /// Searches a member may make: this many a second, after a burst.
    double searchesPerSecond = 2;
    double searchBurst = 5;
    /// An upload nobody has added bytes to for this long is given up (its partial file removed).
    std::chrono::seconds uploadExpiry{24 * 3600};
    /// A member at its uploads-in-flight limit starting another: its oldest upload nothing was
    /// added to for this long gives way (a client that quit without cancelling left it behind).
    std::chrono::seconds uploadStaleAfter{60};
    /// Memory decoding one image for its thumbnail may take; larger images are not shown inline.
    int imageAllocationLimitMiB = 128;
    /// A file request that stops sending (or a keep-alive connection left idle) is closed after this.
    std::chrono::milliseconds httpIdleTimeout{30000};

    // --- moderation ---
    /// Members who give this password (become_moderator) are moderators from then on.
    RoomPassword moderatorPassword;
    /// Identity tokens whose members are moderators while this room runs (a desktop room's host).
    QStringList moderatorTokens;

    // --- retention (parleyd --keep-days, --keep-messages; 0: keep) ---
    /// Messages (and the files only they carry) older than this many days are removed.
    int keepDays = 0;
    /// Only the newest this many messages of the whole server are kept.
    qint64 keepMessages = 0;
    /// How often old messages are looked for (and once right after the room opens).
    std::chrono::milliseconds retentionInterval{std::chrono::hours(1)};
    /// Messages removed in one go: a transaction short enough not to hold the room up; the next
    /// batch follows in the next event-loop turn.
    int retentionBatch = 2000;

    /// Who may read GET /metrics and /healthz (subnets of the peer's address): this computer.
    QList<std::pair<QHostAddress, int>> metricsAllowedFrom{{QHostAddress(QStringLiteral("127.0.0.0")), 8},
                                                           {QHostAddress::LocalHostIPv6, 128}};

    /// Browser origins allowed to connect (exact match, e.g. "https://intranet.example");
    /// connections carrying any other Origin are refused in the handshake.
    QStringList allowedOrigins;
};
