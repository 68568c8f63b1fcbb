#include "EventLoopTurns.h"

#include <QAbstractEventDispatcher>

EventLoopTurns::EventLoopTurns(QObject *parent)
    : QObject(parent)
{
    if (auto *dispatcher = QAbstractEventDispatcher::instance())
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, [this] { ++m_current; });
}
