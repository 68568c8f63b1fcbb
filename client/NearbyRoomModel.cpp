#include "NearbyRoomModel.h"

#include "Limits.h"
#include "RoomBrowser.h"

using namespace Qt::Literals::StringLiterals;

namespace {

bool lessThan(const Discovery::DiscoveredRoom &a, const Discovery::DiscoveredRoom &b)
{
    const int byName = QString::compare(a.announcement.name, b.announcement.name, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.announcement.instanceId < b.announcement.instanceId;
}

} // namespace

NearbyRoomModel::NearbyRoomModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_browser(new Discovery::RoomBrowser(this))
{
    connect(m_browser, &Discovery::RoomBrowser::roomFound, this, &NearbyRoomModel::insert);
    connect(m_browser, &Discovery::RoomBrowser::roomChanged, this, &NearbyRoomModel::update);
    connect(m_browser, &Discovery::RoomBrowser::roomLost, this, &NearbyRoomModel::remove);
}

NearbyRoomModel::~NearbyRoomModel() = default;

int NearbyRoomModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant NearbyRoomModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Discovery::DiscoveredRoom &room = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return room.announcement.name;
    case UrlRole:
        return room.url();
    case AddressRole:
        return u"%1:%2"_s.arg(room.address.toString()).arg(room.announcement.port);
    case MembersRole:
        return room.announcement.members;
    case PasswordRequiredRole:
        return room.announcement.passwordRequired;
    case TlsRole:
        return room.announcement.tls;
    case CompatibleRole:
        return room.announcement.protocolVersion == Protocol::Version;
    case InstanceIdRole:
        return room.announcement.instanceId;
    default:
        return {};
    }
}

QHash<int, QByteArray> NearbyRoomModel::roleNames() const
{
    return {
        {NameRole, "name"},
        {UrlRole, "url"},
        {AddressRole, "address"},
        {MembersRole, "members"},
        {PasswordRequiredRole, "passwordRequired"},
        {TlsRole, "tls"},
        {CompatibleRole, "compatible"},
        {InstanceIdRole, "instanceId"},
    };
}

bool NearbyRoomModel::isActive() const
{
    return m_active;
}

void NearbyRoomModel::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    restart();
    Q_EMIT activeChanged();
}

void NearbyRoomModel::setDiscoveryPort(int port)
{
    if (m_discoveryPort == port)
        return;
    m_discoveryPort = port;
    restart();
    Q_EMIT discoveryPortChanged();
}

void NearbyRoomModel::refresh()
{
    m_browser->query();
}

void NearbyRoomModel::restart()
{
    m_browser->stop(); // every room is lost, one row at a time
    if (!m_active)
        return;
    if (m_discoveryPort < 1 || m_discoveryPort > 65535) {
        setErrorString(tr("The discovery port must be a number from 1 to 65535"));
        return;
    }
    setErrorString(m_browser->start(quint16(m_discoveryPort))
                       ? QString()
                       : tr("Rooms on this network cannot be listed: %1").arg(m_browser->errorString()));
}

void NearbyRoomModel::setErrorString(const QString &error)
{
    if (m_errorString == error)
        return;
    m_errorString = error;
    Q_EMIT errorStringChanged();
}

qsizetype NearbyRoomModel::rowOf(const QString &instanceId) const
{
    // Linear: the browser caps the list at a few hundred rooms.
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).announcement.instanceId == instanceId)
            return row;
    }
    return -1;
}

qsizetype NearbyRoomModel::sortedRowFor(const Discovery::DiscoveredRoom &room) const
{
    return std::lower_bound(m_rows.cbegin(), m_rows.cend(), room, lessThan) - m_rows.cbegin();
}

void NearbyRoomModel::insert(const Discovery::DiscoveredRoom &room)
{
    const qsizetype row = sortedRowFor(room);
    beginInsertRows({}, int(row), int(row));
    m_rows.insert(row, room);
    endInsertRows();
    Q_EMIT countChanged();
}

void NearbyRoomModel::update(const Discovery::DiscoveredRoom &room)
{
    const qsizetype row = rowOf(room.announcement.instanceId);
    if (row < 0)
        return;
    if (m_rows.at(row).announcement.name == room.announcement.name) {
        m_rows[row] = room;
        Q_EMIT dataChanged(index(int(row)), index(int(row)));
        return;
    }
    // Renamed: keep the list sorted.
    remove(room.announcement.instanceId);
    insert(room);
}

void NearbyRoomModel::remove(const QString &instanceId)
{
    const qsizetype row = rowOf(instanceId);
    if (row < 0)
        return;
    beginRemoveRows({}, int(row), int(row));
    m_rows.removeAt(row);
    endRemoveRows();
    Q_EMIT countChanged();
}
