#pragma once

#include <QObject>
#include <QRect>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;

/// What the app remembers between runs (QSettings): the display name, recent room addresses,
/// the last hosted room and the window geometry. The app uses one instance, shared by C++ and
/// QML, so that no two QSettings objects race to write the same file.
class AppSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(QString displayName READ displayName WRITE setDisplayName NOTIFY displayNameChanged)
    Q_PROPERTY(QStringList recentAddresses READ recentAddresses NOTIFY recentAddressesChanged)
    Q_PROPERTY(QString hostRoomName READ hostRoomName WRITE setHostRoomName NOTIFY hostRoomNameChanged)
    Q_PROPERTY(int hostPort READ hostPort WRITE setHostPort NOTIFY hostPortChanged)
    Q_PROPERTY(QRect windowGeometry READ windowGeometry WRITE setWindowGeometry NOTIFY windowGeometryChanged)
    /// Light or dark colours, or those of the system (Theme.qml draws with them).
    Q_PROPERTY(ColorScheme colorScheme READ colorScheme WRITE setColorScheme NOTIFY colorSchemeChanged)
    /// Which notifications also play a sound (Notifier decides; the conversation's level still rules).
    Q_PROPERTY(NotificationSound notificationSound READ notificationSound WRITE setNotificationSound NOTIFY
                   notificationSoundChanged)
    /// This installation's identity secret: rooms recognise the same person after reconnects.
    Q_PROPERTY(QString identityToken READ identityToken CONSTANT)

public:
    enum class ColorScheme { FollowSystem, Light, Dark };
    Q_ENUM(ColorScheme)
    /// Silent, only for what is addressed to the user (direct messages and mentions: the default,
    /// so busy channels stay quiet), or for every notification.
    enum class NotificationSound { Off, DirectAndMentions, Everything };
    Q_ENUM(NotificationSound)

    /// An INI file (tests).
    explicit AppSettings(const QString &fileName, QObject *parent = nullptr);

    /// The app's instance (C++-owned), which QML also gets as the AppSettings singleton.
    static AppSettings &instance();
    static AppSettings *create(QQmlEngine *, QJSEngine *);

    static constexpr int MaxRecentAddresses = 8;

    QString displayName() const;
    void setDisplayName(const QString &name);
    QStringList recentAddresses() const;
    /// Puts address first in the recent list (once), dropping the oldest beyond the limit.
    Q_INVOKABLE void addRecentAddress(const QString &address);
    Q_INVOKABLE void removeRecentAddress(const QString &address);
    QString hostRoomName() const;
    void setHostRoomName(const QString &name);
    int hostPort() const;
    void setHostPort(int port);
    QRect windowGeometry() const;
    void setWindowGeometry(const QRect &geometry);
    ColorScheme colorScheme() const;
    void setColorScheme(ColorScheme scheme);
    NotificationSound notificationSound() const;
    void setNotificationSound(NotificationSound sound);
    /// Made on first use and kept.
    QString identityToken();
    /// How a conversation notifies ("all", "mentions" or "none"; "all" unless set), kept per room
    /// (its roomId) and conversation.
    Q_INVOKABLE QString notifyLevel(const QString &roomId, const QString &conversation) const;
    Q_INVOKABLE void setNotifyLevel(const QString &roomId, const QString &conversation, const QString &level);

Q_SIGNALS:
    void displayNameChanged();
    void recentAddressesChanged();
    void hostRoomNameChanged();
    void hostPortChanged();
    void windowGeometryChanged();
    void colorSchemeChanged();
    void notificationSoundChanged();
    void notifyLevelsChanged();

private:
    /// The platform's settings store for this application; only instance() makes one. (Not
    /// default-constructible on purpose: Qt 6.4 would otherwise let QML make a second one.)
    AppSettings();

    void setRecentAddresses(const QStringList &addresses);

    QSettings m_settings;
};
