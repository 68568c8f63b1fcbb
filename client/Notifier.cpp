#include "Notifier.h"

namespace {
constexpr qsizetype PreviewLength = 120;
}

Notifier::Notifier(QObject *parent)
    : QObject(parent)
{}

void Notifier::setWindowActive(bool active)
{
    if (m_windowActive == active)
        return;
    m_windowActive = active;
    Q_EMIT windowActiveChanged();
    if (active && m_unreadCount != 0) {
        m_unreadCount = 0;
        Q_EMIT unreadCountChanged();
    }
}

void Notifier::setSound(AppSettings::NotificationSound sound)
{
    if (m_sound == sound)
        return;
    m_sound = sound;
    Q_EMIT soundChanged();
}

void Notifier::chatArrived(const QString &senderName, const QString &text, bool forMe, const QString &level)
{
    if (m_windowActive)
        return;
    if (!forMe && level != QLatin1String("all"))
        return; // "mentions" or "none": this one is neither
    ++m_unreadCount;
    Q_EMIT unreadCountChanged();
    QString preview = text.simplified();
    if (preview.size() > PreviewLength)
        preview = preview.left(PreviewLength - 1) + QChar(0x2026);
    Q_EMIT notificationRequested(senderName, preview);
    using Sound = AppSettings::NotificationSound;
    if (m_sound == Sound::Everything || (forMe && m_sound == Sound::DirectAndMentions))
        Q_EMIT soundRequested();
}
