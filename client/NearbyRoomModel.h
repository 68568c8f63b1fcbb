#pragma once

#include "DiscoveryPacket.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace Discovery {
class RoomBrowser;
struct DiscoveredRoom;
} // namespace Discovery

/// The rooms announced on the local network, for the Join list: live while active, sorted by
/// name. Rows appear as hosts are heard, change with their member count or name, and go when
/// a host says goodbye or falls silent (Discovery::ExpiryTime).
class NearbyRoomModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT

    /// Browsing runs only while active (the start page is shown), so a member in a room does not
    /// keep a discovery socket open.
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)
    /// UDP port to listen on (Discovery::DefaultPort; tests pick their own).
    Q_PROPERTY(int discoveryPort READ discoveryPort WRITE setDiscoveryPort NOTIFY discoveryPortChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /// Why browsing could not start (e.g. the port is taken by another program), or empty.
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< the room's name
        UrlRole,                     ///< ws:// or wss:// address to join
        AddressRole,                 ///< host:port, for display
        MembersRole,                 ///< people in the room now
        PasswordRequiredRole,        ///< joining needs the room password
        TlsRole,                     ///< the room is encrypted (wss://)
        CompatibleRole,              ///< speaks this app's protocol version
        InstanceIdRole,              ///< stable id of the room
        LastRole                     // Keep this last
    };
    Q_ENUM(Role)

    explicit NearbyRoomModel(QObject *parent = nullptr);
    ~NearbyRoomModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool isActive() const;
    void setActive(bool active);
    int discoveryPort() const { return m_discoveryPort; }
    void setDiscoveryPort(int port);
    QString errorString() const { return m_errorString; }

    /// Asks every host to announce itself now (a "Refresh" button).
    Q_INVOKABLE void refresh();

Q_SIGNALS:
    void activeChanged();
    void discoveryPortChanged();
    void countChanged();
    void errorStringChanged();

private:
    void restart();
    void insert(const Discovery::DiscoveredRoom &room);
    void update(const Discovery::DiscoveredRoom &room);
    void remove(const QString &instanceId);
    qsizetype rowOf(const QString &instanceId) const;
    qsizetype sortedRowFor(const Discovery::DiscoveredRoom &room) const;
    void setErrorString(const QString &error);

    Discovery::RoomBrowser *m_browser;
    QList<Discovery::DiscoveredRoom> m_rows; // sorted by (folded name, instance id)
    bool m_active = false;
    int m_discoveryPort = Discovery::DefaultPort;
    QString m_errorString;
};
