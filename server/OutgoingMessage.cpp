#include "OutgoingMessage.h"

#include "JsonCodec.h"

OutgoingMessage::OutgoingMessage(Protocol::ServerMessage message)
    : m_message(std::move(message))
    , m_dependsOnVersion(Protocol::JsonCodec::dependsOnVersion(m_message))
{}

OutgoingMessage::OutgoingMessage(Protocol::ServerMessage message, QByteArray utf8, int version)
    : OutgoingMessage(std::move(message))
{
    m_utf8[slot(version)] = std::move(utf8);
}

size_t OutgoingMessage::slot(int version) const
{
    return m_dependsOnVersion && version >= 2 ? 1 : 0;
}

OutgoingMessage OutgoingMessage::welcome(Protocol::Welcome welcome, const QByteArray &membersJson,
                                         int version)
{
    Protocol::Welcome withoutMembers = welcome;
    withoutMembers.members.clear();
    QByteArray json = Protocol::JsonCodec::encode(withoutMembers, version);
    // Keys are sorted, so "members" precedes the room name and "you": the first match is the key
    // (inside a string the quotes would be escaped).
    const qsizetype at = json.indexOf(R"("members":[])");
    Q_ASSERT(at >= 0);
    json.replace(at + 10, 2, membersJson);
    return OutgoingMessage(std::move(welcome), std::move(json), version);
}

const QByteArray &OutgoingMessage::utf8(int version) const
{
    QByteArray &utf8 = m_utf8[slot(version)];
    if (utf8.isEmpty())
        utf8 = Protocol::JsonCodec::encode(m_message, version);
    return utf8;
}

const QString &OutgoingMessage::jsonText(int version) const
{
    QString &text = m_jsonText[slot(version)];
    if (text.isNull())
        text = QString::fromUtf8(utf8(version));
    return text;
}

const QByteArray &OutgoingMessage::frame(int version) const
{
    QByteArray &cached = m_frame[slot(version)];
    if (cached.isEmpty()) {
        const QByteArray &payload = utf8(version);
        QByteArray frame;
        frame.reserve(payload.size() + 10);
        frame.append(char(0x81)); // FIN, text
        if (payload.size() < 126) {
            frame.append(char(payload.size()));
        } else if (payload.size() <= 0xffff) {
            frame.append(char(126));
            frame.append(char(payload.size() >> 8));
            frame.append(char(payload.size() & 0xff));
        } else {
            frame.append(char(127));
            for (int shift = 56; shift >= 0; shift -= 8)
                frame.append(char((quint64(payload.size()) >> shift) & 0xff));
        }
        frame.append(payload);
        cached = std::move(frame);
    }
    return cached;
}
