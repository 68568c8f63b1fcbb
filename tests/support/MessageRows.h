#pragma once

#include "MessageListModel.h"

#include <QList>
#include <QStringList>

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

/// The texts of the chat rows of a message model, top to bottom.
inline QStringList chatTexts(const MessageListModel *model)
{
    QStringList texts;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QModelIndex index = model->index(i);
        if (index.data(MessageListModel::KindRole).value<MessageListModel::Kind>() ==
            MessageListModel::Kind::Chat)
            texts.append(index.data(MessageListModel::TextRole).toString());
    }
    return texts;
}
