#include "OutgoingMessage.h"

#include "JsonCodec.h"

OutgoingMessage::OutgoingMessage(Protocol::ServerMessage message)
    : m_message(std::move(message))
{}

OutgoingMessage::OutgoingMessage(Protocol::ServerMessage message, QByteArray utf8)
    : m_message(std::move(message))
    , m_utf8(std::move(utf8))
{}

OutgoingMessage OutgoingMessage::welcome(Protocol::Welcome welcome, const QByteArray &membersJson)
{
    Protocol::Welcome withoutMembers = welcome;
    withoutMembers.members.clear();
    QByteArray json = Protocol::JsonCodec::encode(withoutMembers);
    // Keys are sorted, so "members" precedes the room name and "you": the first match is the key
    // (inside a string the quotes would be escaped).
    const qsizetype at = json.indexOf(R"("members":[])");
    Q_ASSERT(at >= 0);
    json.replace(at + 10, 2, membersJson);
    return OutgoingMessage(std::move(welcome), std::move(json));
}

const QByteArray &OutgoingMessage::utf8() const
{
    if (m_utf8.isEmpty())
        m_utf8 = Protocol::JsonCodec::encode(m_message);
    return m_utf8;
}

const QString &OutgoingMessage::jsonText() const
{
    if (m_jsonText.isNull())
        m_jsonText = QString::fromUtf8(utf8());
    return m_jsonText;
}

const QByteArray &OutgoingMessage::frame() const
{
    if (m_frame.isEmpty()) {
        const QByteArray &payload = utf8();
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
        m_frame = std::move(frame);
    }
    return m_frame;
}
