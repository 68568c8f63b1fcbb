#include "OutgoingBatch.h"

const QByteArray &OutgoingBatch::frames() const
{
    if (m_frames.isEmpty() && !m_messages.isEmpty()) {
        if (m_messages.size() == 1)
            return m_messages.constFirst().frame();
        qsizetype size = 0;
        for (const OutgoingMessage &message : m_messages)
            size += message.frame().size();
        m_frames.reserve(size);
        for (const OutgoingMessage &message : m_messages)
            m_frames += message.frame();
    }
    return m_frames;
}
