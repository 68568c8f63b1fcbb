#include "SocketIoPacket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

QString SocketIoPacket::encode() const
{
    QString text = QString::number(int(type));
    if (nameSpace != u"/")
        text += nameSpace + u',';
    if (ackId)
        text += QString::number(*ackId);
    if (data.isArray())
        text += QString::fromUtf8(QJsonDocument(data.toArray()).toJson(QJsonDocument::Compact));
    else if (data.isObject())
        text += QString::fromUtf8(QJsonDocument(data.toObject()).toJson(QJsonDocument::Compact));
    return text;
}

std::optional<SocketIoPacket> SocketIoPacket::decode(QStringView text, QString *error)
{
    const auto fail = [error](const QString &why) {
        *error = why;
        return std::nullopt;
    };
    if (text.isEmpty() || text[0] < u'0' || text[0] > u'6')
        return fail(u"a Socket.IO packet starts with its type, 0 to 6"_s);
    SocketIoPacket packet;
    packet.type = Type(text[0].unicode() - u'0');
    qsizetype at = 1;
    if (packet.type == BinaryEvent || packet.type == BinaryAck)
        return fail(u"binary packets are not taken here; send text"_s);
    if (at < text.size() && text[at] == u'/') {
        const qsizetype comma = text.indexOf(u',', at);
        packet.nameSpace = text.mid(at, comma < 0 ? -1 : comma - at).toString();
        at = comma < 0 ? text.size() : comma + 1;
    }
    const qsizetype idStart = at;
    while (at < text.size() && text[at].isDigit() && at - idStart < 15)
        ++at;
    if (at > idStart)
        packet.ackId = text.mid(idStart, at - idStart).toLongLong();
    if (at < text.size()) {
        QJsonParseError parsed;
        const QJsonDocument document = QJsonDocument::fromJson(text.mid(at).toUtf8(), &parsed);
        if (parsed.error != QJsonParseError::NoError || document.isNull())
            return fail(u"the packet's data is not a JSON object or array"_s);
        packet.data = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    if ((packet.type == Event || packet.type == Ack) && !packet.data.isArray())
        return fail(u"an event or ack carries a JSON array"_s);
    if (packet.type == Event &&
        (packet.data.toArray().isEmpty() || !packet.data.toArray().first().isString()))
        return fail(u"an event's array starts with the event's name"_s);
    if (packet.type == Connect && !packet.data.isUndefined() && !packet.data.isObject())
        return fail(u"a connect packet's data is an object"_s);
    return packet;
}
