#include "DiscoveryPacket.h"

#include "Limits.h"
#include "Messages.h"
#include "Validation.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace Discovery {
namespace {

const QString KindKey = u"parley"_s;
const QString VersionKey = u"v"_s;
const QString IdKey = u"id"_s;
const QString NameKey = u"name"_s;
const QString PortKey = u"port"_s;
const QString MembersKey = u"members"_s;
const QString PasswordKey = u"password"_s;
const QString TlsKey = u"tls"_s;

const QString AnnouncementKind = u"room"_s;
const QString QueryKind = u"query"_s;
const QString GoodbyeKind = u"gone"_s;

constexpr int MaxMembers = 1'000'000;

bool isValidInstanceId(const QString &id)
{
    if (id.isEmpty() || id.size() > MaxInstanceIdLength)
        return false;
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-';
    });
}

/// An integer in [min, max], or nothing (JSON numbers are doubles: 3.5 and 1e99 are refused).
std::optional<int> boundedInt(const QJsonValue &value, int min, int max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < min || number > max || number != double(int(number)))
        return std::nullopt;
    return int(number);
}

std::optional<Packet> decodeAnnouncement(const QJsonObject &object, int version)
{
    Announcement room;
    room.protocolVersion = version;
    room.instanceId = object.value(IdKey).toString();
    const auto port = boundedInt(object.value(PortKey), 1, 65535);
    const auto members = boundedInt(object.value(MembersKey), 0, MaxMembers);
    const QJsonValue password = object.value(PasswordKey);
    const QJsonValue tls = object.value(TlsKey);
    if (!isValidInstanceId(room.instanceId) || !object.value(NameKey).isString() || !port || !members ||
        !password.isBool() || !tls.isBool())
        return std::nullopt;
    // The same rules as a room name typed into parleyd --name.
    const auto name = Protocol::normalizeName(object.value(NameKey).toString());
    if (!std::holds_alternative<QString>(name))
        return std::nullopt;
    room.name = std::get<QString>(name);
    room.port = quint16(*port);
    room.members = *members;
    room.passwordRequired = password.toBool();
    room.tls = tls.toBool();
    return room;
}

} // namespace

QByteArray encode(const Packet &packet)
{
    QJsonObject object{{VersionKey, Protocol::Version}};
    std::visit(Protocol::Overloaded{
                   [&](const Announcement &room) {
                       object.insert(KindKey, AnnouncementKind);
                       object.insert(VersionKey, room.protocolVersion);
                       object.insert(IdKey, room.instanceId);
                       object.insert(NameKey, room.name);
                       object.insert(PortKey, room.port);
                       object.insert(MembersKey, room.members);
                       object.insert(PasswordKey, room.passwordRequired);
                       object.insert(TlsKey, room.tls);
                   },
                   [&](const Query &) { object.insert(KindKey, QueryKind); },
                   [&](const Goodbye &goodbye) {
                       object.insert(KindKey, GoodbyeKind);
                       object.insert(IdKey, goodbye.instanceId);
                   },
               },
               packet);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<Packet> decode(QByteArrayView datagram)
{
    if (datagram.isEmpty() || datagram.size() > MaxPacketBytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(datagram.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    // Later versions may add keys; a packet without a kind and a version is not ours.
    const auto version = boundedInt(object.value(VersionKey), 1, 1000);
    const QString kind = object.value(KindKey).toString();
    if (!version)
        return std::nullopt;
    if (kind == AnnouncementKind)
        return decodeAnnouncement(object, *version);
    if (kind == QueryKind)
        return Query{};
    if (kind == GoodbyeKind) {
        Goodbye goodbye{object.value(IdKey).toString()};
        if (!isValidInstanceId(goodbye.instanceId))
            return std::nullopt;
        return goodbye;
    }
    return std::nullopt;
}

} // namespace Discovery
