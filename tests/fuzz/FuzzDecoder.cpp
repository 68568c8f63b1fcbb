// libFuzzer target for the two decoders of untrusted input, WebSocket frames and discovery
// datagrams: any byte sequence must decode to a value or a typed error, never crash,
// hang or touch memory it should not (built with ASan and UBSan); and anything that decodes
// must survive an encode/decode round trip unchanged.
#include "DiscoveryPacket.h"
#include "JsonCodec.h"

#include <cstdint>
#include <cstdlib>

using namespace Protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray frame = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    const auto fromClient = JsonCodec::decodeClientMessage(frame);
    if (const auto *message = std::get_if<ClientMessage>(&fromClient)) {
        const auto again = JsonCodec::decodeClientMessage(JsonCodec::encode(*message));
        if (!std::holds_alternative<ClientMessage>(again) || std::get<ClientMessage>(again) != *message)
            std::abort();
    } else if (std::get<ProtocolError>(fromClient).message.isEmpty()) {
        std::abort();
    }

    const auto fromServer = JsonCodec::decodeServerMessage(frame);
    if (const auto *message = std::get_if<ServerMessage>(&fromServer)) {
        const auto again = JsonCodec::decodeServerMessage(JsonCodec::encode(*message));
        if (!std::holds_alternative<ServerMessage>(again) || std::get<ServerMessage>(again) != *message)
            std::abort();
    }

    if (const auto packet = Discovery::decode(frame)) {
        const auto again = Discovery::decode(Discovery::encode(*packet));
        if (!again || *again != *packet)
            std::abort();
    }
    return 0;
}
