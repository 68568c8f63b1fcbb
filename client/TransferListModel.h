#pragma once

#include "Transfer.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

/// The files on their way, up and down, oldest first: what a transfers panel lists (each row's
/// Transfer has its progress, speed and time left). A transfer leaves the list once it is done,
/// cancelled or failed.
class TransferListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatClient")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        TransferRole = Qt::UserRole + 1, ///< the Transfer itself
        IdRole,
        NameRole,
        DirectionRole,
        ProgressRole,
        BytesPerSecondRole,
        SecondsLeftRole,
        StateRole,
    };
    Q_ENUM(Role)

    explicit TransferListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Takes the transfer (the model owns it from now on).
    void add(Transfer *transfer);
    /// The transfer with this id, if it is on its way.
    Q_INVOKABLE Transfer *find(const QString &id) const;

Q_SIGNALS:
    void countChanged();

private:
    void onChanged(Transfer *transfer, bool finished);
    qsizetype rowOf(const Transfer *transfer) const;

    QList<Transfer *> m_transfers;
};
