#pragma once

#include <QObject>

/// Counts the turns of one thread's event loop: each time its event dispatcher wakes up.
/// DirectWriteSocket tells the first write of a turn from the ones that follow by it.
class EventLoopTurns : public QObject
{
    Q_OBJECT

public:
    /// Counts the turns of the calling thread's event loop.
    explicit EventLoopTurns(QObject *parent = nullptr);

    quint64 current() const { return m_current; }

private:
    quint64 m_current = 0;
};
