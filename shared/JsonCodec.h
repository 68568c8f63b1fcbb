#pragma once

#include "Limits.h"
#include "Messages.h"

#include <QByteArray>

namespace Protocol {

/// The protocol's wire form: one compact JSON object per text frame, discriminated by "type".
/// Server messages are encoded for one version: a v1 peer gets exactly the frames of protocol
/// v1 (no conversation fields), a v2 peer those of v2.
///
/// Decoding is strict about shape (required fields present and correctly typed, protocol
/// fields within bounds) and lenient about extras (unknown fields are ignored, so newer peers
/// may add fields). It never throws and accepts any byte sequence. Content rules (name and text
/// length, control characters) live in Validation.h because they need the room's limits and
/// the sender's clientId to report.
class JsonCodec
{
public:
    static QByteArray encode(const ClientMessage &message);
    static QByteArray encode(const ServerMessage &message, int version = Version);
    /// Whether message is encoded differently for v1 and v2 peers.
    static bool dependsOnVersion(const ServerMessage &message);
    /// One member as in welcome and presence: {"id":…,"name":…}.
    static QByteArray encodeMember(const Member &member);

    static Decoded<ClientMessage> decodeClientMessage(const QByteArray &frame, const Limits &limits = {});
    static Decoded<ServerMessage> decodeServerMessage(const QByteArray &frame);
    /// The "clientId" of a frame that carries one (a chat, a create_channel), whatever else is
    /// wrong with it, so that a refusal can name what it refuses (at most maxLength characters
    /// of it); else empty.
    static QString clientIdOf(const QByteArray &frame, qsizetype maxLength = 256);
    /// The "type" of a frame that is a JSON object, whatever else is wrong with it; else empty.
    static QString typeOf(const QByteArray &frame);
};

} // namespace Protocol
