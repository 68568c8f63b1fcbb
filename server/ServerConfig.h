#pragma once

#include "Limits.h"

#include <QHostAddress>
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

    /// Presence deltas and user counts go out at most once per interval (join storms stay cheap).
    std::chrono::milliseconds presenceInterval{50};
    /// A member's typing notices are relayed at most once per interval.
    std::chrono::milliseconds typingInterval{1000};
    /// How long a new connection may take to say hello before it joins as a guest.
    std::chrono::milliseconds helloTimeout{500};
    /// How long the WebSocket opening handshake may take before the socket is dropped.
    std::chrono::milliseconds handshakeTimeout{10000};
    /// How long shutdown waits for peers to answer the close handshake.
    std::chrono::milliseconds closeTimeout{2000};
};
