#include "Transfer.h"

#include <cmath>

Transfer::Transfer(QString id, Direction direction, QString name, qint64 bytesTotal, QObject *parent)
    : QObject(parent)
    , m_id(std::move(id))
    , m_direction(direction)
    , m_name(std::move(name))
    , m_bytesTotal(bytesTotal)
{
    m_clock.start();
}

int Transfer::secondsLeft() const
{
    if (m_bytesPerSecond <= 0)
        return -1;
    return int(std::ceil(double(m_bytesTotal - m_bytesDone) / m_bytesPerSecond));
}

void Transfer::setBytesDone(qint64 bytes)
{
    if (bytes == m_bytesDone)
        return;
    const qint64 now = m_clock.elapsed();
    if (bytes < m_bytesDone) { // went back (the room had less than we thought): start over
        m_sampleBytes = bytes;
        m_sampleAt = now;
        m_bytesPerSecond = 0;
    } else if (now - m_sampleAt >= 500) {
        // An exponential moving average: steady enough to read, quick to follow a change.
        const double current = double(bytes - m_sampleBytes) * 1000.0 / double(now - m_sampleAt);
        m_bytesPerSecond = m_bytesPerSecond > 0 ? 0.7 * m_bytesPerSecond + 0.3 * current : current;
        m_sampleBytes = bytes;
        m_sampleAt = now;
    }
    m_bytesDone = bytes;
    Q_EMIT progressChanged();
}

void Transfer::setState(State state, const QString &errorString)
{
    if (state == m_state && errorString == m_errorString)
        return;
    if (state == State::Running && m_state != State::Running) { // speed is measured afresh
        m_sampleBytes = m_bytesDone;
        m_sampleAt = m_clock.elapsed();
    }
    if (state != State::Running)
        m_bytesPerSecond = 0;
    m_state = state;
    m_errorString = errorString;
    Q_EMIT stateChanged();
    Q_EMIT progressChanged();
}

void Transfer::setLocalFile(const QUrl &file)
{
    m_localFile = file;
    Q_EMIT stateChanged();
}
