#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

/// One Socket.IO (protocol 5) packet, the text inside an Engine.IO "message" packet:
/// `<type>[<attachments>-][<namespace>,][<ack id>][<JSON data>]`, e.g. `42["chat","hi"]`,
/// `421["chat","hi"]` (an event asking for an ack), `431[]` (that ack), `40` (connect).
struct SocketIoPacket
{
    enum Type {
        Connect = 0,
        Disconnect = 1,
        Event = 2,
        Ack = 3,
        ConnectError = 4,
        BinaryEvent = 5,
        BinaryAck = 6
    };

    Type type = Event;
    QString nameSpace = QStringLiteral("/");
    std::optional<qint64> ackId;
    QJsonValue data = QJsonValue::Undefined; ///< absent: Undefined

    /// The packet as text; data is written compactly.
    QString encode() const;
    /// Reads one packet; nothing (with error saying why) for text that is not one.
    static std::optional<SocketIoPacket> decode(QStringView text, QString *error);
};
