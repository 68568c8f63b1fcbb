#include "OutgoingBatch.h"

const QByteArray &OutgoingBatch::frames(int version) const
{
    if (m_messages.size() == 1)
        return m_messages.constFirst().frame(version);
    QByteArray &frames = m_frames[version >= 2 ? 1 : 0];
    if (frames.isEmpty() && !m_messages.isEmpty()) {
        qsizetype size = 0;
        for (const OutgoingMessage &message : m_messages)
            size += message.frame(version).size();
        frames.reserve(size);
        for (const OutgoingMessage &message : m_messages)
            frames += message.frame(version);
    }
    return frames;
}
