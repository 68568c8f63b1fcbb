#pragma once

#include "AppSettings.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

/// Decides when a new message deserves the user's attention: while the window is not active,
/// each chat adds to the unread count and asks for a desktop notification; activating the
/// window clears the count. The QML side shows the notification (system tray) and the count.
///
/// Direct messages and mentions always notify; other chats as their conversation's level says
/// ("all", "mentions" for mentions only, or "none"). A notification also asks for a sound when
/// the sound setting covers it: direct messages and mentions by default, so busy channels stay
/// quiet unless the user wants every notification heard.
class Notifier : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(bool windowActive READ windowActive WRITE setWindowActive NOTIFY windowActiveChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    Q_PROPERTY(AppSettings::NotificationSound sound READ sound WRITE setSound NOTIFY soundChanged)

public:
    explicit Notifier(QObject *parent = nullptr);

    bool windowActive() const { return m_windowActive; }
    void setWindowActive(bool active);
    int unreadCount() const { return m_unreadCount; }
    AppSettings::NotificationSound sound() const { return m_sound; }
    void setSound(AppSettings::NotificationSound sound);

    /// Connect ChatClient::chatReceived here: forMe for a direct message or a mention.
    Q_INVOKABLE void chatArrived(const QString &senderName, const QString &text, bool forMe = false,
                                 const QString &level = QStringLiteral("all"));

Q_SIGNALS:
    void windowActiveChanged();
    void unreadCountChanged();
    void soundChanged();
    /// Show this to the user now (title: the sender; message: a one-line preview).
    void notificationRequested(const QString &title, const QString &message);
    /// Play the notification sound (after notificationRequested for the same chat).
    void soundRequested();

private:
    bool m_windowActive = true;
    int m_unreadCount = 0;
    AppSettings::NotificationSound m_sound = AppSettings::NotificationSound::DirectAndMentions;
};
