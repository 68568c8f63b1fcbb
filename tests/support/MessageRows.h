#pragma once

#include "MessageListModel.h"

#include <QList>

/// The seqs of the chat rows of a message model, top to bottom (for tests that link the client).
inline QList<qint64> chatSeqs(const MessageListModel *model)
{
    QList<qint64> seqs;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QModelIndex index = model->index(i);
        if (index.data(MessageListModel::KindRole).value<MessageListModel::Kind>() ==
            MessageListModel::Kind::Chat)
            seqs.append(index.data(MessageListModel::SeqRole).toLongLong());
    }
    return seqs;
}
