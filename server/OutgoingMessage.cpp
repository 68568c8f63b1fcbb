#include "OutgoingMessage.h"

#include "JsonCodec.h"

OutgoingMessage::OutgoingMessage(Protocol::ServerMessage message)
    : m_message(std::move(message))
{}

const QString &OutgoingMessage::jsonText() const
{
    if (m_jsonText.isNull())
        m_jsonText = QString::fromUtf8(Protocol::JsonCodec::encode(m_message));
    return m_jsonText;
}
