#include "TransferListModel.h"

TransferListModel::TransferListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int TransferListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_transfers.size());
}

QVariant TransferListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    Transfer *transfer = m_transfers.at(index.row());
    switch (role) {
    case TransferRole:
        return QVariant::fromValue(transfer);
    case IdRole:
        return transfer->id();
    case Qt::DisplayRole:
    case NameRole:
        return transfer->name();
    case DirectionRole:
        return QVariant::fromValue(transfer->direction());
    case ProgressRole:
        return transfer->progress();
    case BytesPerSecondRole:
        return transfer->bytesPerSecond();
    case SecondsLeftRole:
        return transfer->secondsLeft();
    case StateRole:
        return QVariant::fromValue(transfer->state());
    default:
        return {};
    }
}

QHash<int, QByteArray> TransferListModel::roleNames() const
{
    return {
        {TransferRole, "transfer"},       {IdRole, "transferId"},     {NameRole, "name"},
        {DirectionRole, "direction"},     {ProgressRole, "progress"}, {BytesPerSecondRole, "bytesPerSecond"},
        {SecondsLeftRole, "secondsLeft"}, {StateRole, "state"}};
}

void TransferListModel::add(Transfer *transfer)
{
    transfer->setParent(this);
    const int row = int(m_transfers.size());
    beginInsertRows({}, row, row);
    m_transfers.append(transfer);
    endInsertRows();
    connect(transfer, &Transfer::progressChanged, this, [this, transfer] { onChanged(transfer, false); });
    connect(transfer, &Transfer::stateChanged, this,
            [this, transfer] { onChanged(transfer, transfer->isFinished()); });
    Q_EMIT countChanged();
}

Transfer *TransferListModel::find(const QString &id) const
{
    for (Transfer *transfer : m_transfers) {
        if (transfer->id() == id)
            return transfer;
    }
    return nullptr;
}

qsizetype TransferListModel::rowOf(const Transfer *transfer) const
{
    return m_transfers.indexOf(transfer);
}

void TransferListModel::onChanged(Transfer *transfer, bool finished)
{
    const qsizetype row = rowOf(transfer);
    if (row < 0)
        return;
    if (!finished) {
        Q_EMIT dataChanged(index(int(row)), index(int(row)),
                           {ProgressRole, BytesPerSecondRole, SecondsLeftRole, StateRole});
        return;
    }
    beginRemoveRows({}, int(row), int(row));
    m_transfers.removeAt(row);
    endRemoveRows();
    transfer->disconnect(this);
    transfer->deleteLater(); // whoever shows it sees it go (QML holds it weakly)
    Q_EMIT countChanged();
}
