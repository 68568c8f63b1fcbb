#include "ProtocolError.h"

#include <array>
#include <utility>

namespace Protocol {
namespace {

constexpr std::array<std::pair<ErrorCode, const char *>, 22> WireNames{{
    {ErrorCode::BadJson, "bad_json"},
    {ErrorCode::UnknownType, "unknown_type"},
    {ErrorCode::BadField, "bad_field"},
    {ErrorCode::BadName, "bad_name"},
    {ErrorCode::EmptyText, "empty_text"},
    {ErrorCode::TooLong, "too_long"},
    {ErrorCode::BadText, "bad_text"},
    {ErrorCode::BinaryFrame, "binary_frame"},
    {ErrorCode::StoreFailed, "store_failed"},
    {ErrorCode::RateLimited, "rate_limited"},
    {ErrorCode::BadPassword, "bad_password"},
    {ErrorCode::HistoryUnavailable, "history_unavailable"},
    {ErrorCode::Forbidden, "forbidden"},
    {ErrorCode::LimitReached, "limit_reached"},
    {ErrorCode::ChannelExists, "channel_exists"},
    {ErrorCode::FileTooLarge, "file_too_large"},
    {ErrorCode::StorageFull, "storage_full"},
    {ErrorCode::BadFile, "bad_file"},
    {ErrorCode::Muted, "muted"},
    {ErrorCode::SlowMode, "slow_mode"},
    {ErrorCode::Banned, "banned"},
    {ErrorCode::RoomLocked, "room_locked"},
}};

} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto &[value, name] : WireNames) {
        if (value == code)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("unknown");
}

ErrorCode errorCodeFromName(const QString &name)
{
    for (const auto &[value, wire] : WireNames) {
        if (name == QLatin1String(wire))
            return value;
    }
    return ErrorCode::Unknown;
}

} // namespace Protocol
