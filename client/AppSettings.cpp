#include "AppSettings.h"

#include "Limits.h"

#include <QJSEngine>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString DisplayNameKey = u"displayName"_s;
const QString RecentAddressesKey = u"recentAddresses"_s;
const QString HostRoomNameKey = u"host/roomName"_s;
const QString HostPortKey = u"host/port"_s;
const QString WindowGeometryKey = u"window/geometry"_s;
const QString IdentityTokenKey = u"identity/token"_s;
const QString ColorSchemeKey = u"appearance/colorScheme"_s;
const QString NotificationSoundKey = u"notifications/sound"_s;
} // namespace

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_settings(fileName, QSettings::IniFormat)
{}

AppSettings &AppSettings::instance()
{
    static AppSettings settings;
    return settings;
}

AppSettings *AppSettings::create(QQmlEngine *, QJSEngine *)
{
    AppSettings *settings = &instance();
    QJSEngine::setObjectOwnership(settings, QJSEngine::CppOwnership);
    return settings;
}

QString AppSettings::displayName() const
{
    return m_settings.value(DisplayNameKey).toString();
}

void AppSettings::setDisplayName(const QString &name)
{
    if (name == displayName())
        return;
    m_settings.setValue(DisplayNameKey, name);
    Q_EMIT displayNameChanged();
}

QStringList AppSettings::recentAddresses() const
{
    return m_settings.value(RecentAddressesKey).toStringList();
}

void AppSettings::setRecentAddresses(const QStringList &addresses)
{
    if (addresses == recentAddresses())
        return;
    m_settings.setValue(RecentAddressesKey, addresses);
    Q_EMIT recentAddressesChanged();
}

void AppSettings::addRecentAddress(const QString &address)
{
    const QString trimmed = address.trimmed();
    if (trimmed.isEmpty())
        return;
    QStringList addresses = recentAddresses();
    addresses.removeAll(trimmed);
    addresses.prepend(trimmed);
    setRecentAddresses(addresses.mid(0, MaxRecentAddresses));
}

void AppSettings::removeRecentAddress(const QString &address)
{
    QStringList addresses = recentAddresses();
    addresses.removeAll(address);
    setRecentAddresses(addresses);
}

QString AppSettings::hostRoomName() const
{
    return m_settings.value(HostRoomNameKey).toString();
}

void AppSettings::setHostRoomName(const QString &name)
{
    if (name == hostRoomName())
        return;
    m_settings.setValue(HostRoomNameKey, name);
    Q_EMIT hostRoomNameChanged();
}

int AppSettings::hostPort() const
{
    return m_settings.value(HostPortKey, Protocol::DefaultPort).toInt();
}

void AppSettings::setHostPort(int port)
{
    if (port == hostPort())
        return;
    m_settings.setValue(HostPortKey, port);
    Q_EMIT hostPortChanged();
}

QRect AppSettings::windowGeometry() const
{
    return m_settings.value(WindowGeometryKey).toRect();
}

void AppSettings::setWindowGeometry(const QRect &geometry)
{
    if (geometry == windowGeometry())
        return;
    m_settings.setValue(WindowGeometryKey, geometry);
    Q_EMIT windowGeometryChanged();
}

AppSettings::ColorScheme AppSettings::colorScheme() const
{
    const QString scheme = m_settings.value(ColorSchemeKey).toString();
    return scheme == u"light"_s  ? ColorScheme::Light
           : scheme == u"dark"_s ? ColorScheme::Dark
                                 : ColorScheme::FollowSystem;
}

void AppSettings::setColorScheme(ColorScheme scheme)
{
    if (scheme == colorScheme())
        return;
    if (scheme == ColorScheme::FollowSystem)
        m_settings.remove(ColorSchemeKey);
    else
        m_settings.setValue(ColorSchemeKey, scheme == ColorScheme::Light ? u"light"_s : u"dark"_s);
    Q_EMIT colorSchemeChanged();
}

AppSettings::NotificationSound AppSettings::notificationSound() const
{
    const QString sound = m_settings.value(NotificationSoundKey).toString();
    return sound == u"off"_s          ? NotificationSound::Off
           : sound == u"everything"_s ? NotificationSound::Everything
                                      : NotificationSound::DirectAndMentions;
}

void AppSettings::setNotificationSound(NotificationSound sound)
{
    if (sound == notificationSound())
        return;
    if (sound == NotificationSound::DirectAndMentions)
        m_settings.remove(NotificationSoundKey);
    else
        m_settings.setValue(NotificationSoundKey,
                            sound == NotificationSound::Off ? u"off"_s : u"everything"_s);
    Q_EMIT notificationSoundChanged();
}

QString AppSettings::identityToken()
{
    QString token = m_settings.value(IdentityTokenKey).toString();
    if (token.isEmpty()) {
        token = QUuid::createUuid().toString(QUuid::Id128) + QUuid::createUuid().toString(QUuid::Id128);
        m_settings.setValue(IdentityTokenKey, token);
    }
    return token;
}

QString AppSettings::notifyLevel(const QString &roomId, const QString &conversation) const
{
    const QString level =
        m_settings.value(u"notify/%1/%2"_s.arg(roomId, QString(conversation).replace(u':', u'_'))).toString();
    return level == u"mentions"_s || level == u"none"_s ? level : u"all"_s;
}

void AppSettings::setNotifyLevel(const QString &roomId, const QString &conversation, const QString &level)
{
    const QString key = u"notify/%1/%2"_s.arg(roomId, QString(conversation).replace(u':', u'_'));
    if (level == u"all"_s)
        m_settings.remove(key);
    else
        m_settings.setValue(key, level);
    Q_EMIT notifyLevelsChanged();
}
