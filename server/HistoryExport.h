#pragma once

#include <QString>

/// parleyd --export: every conversation of a room's history as JSON Lines, one file per
/// conversation (one message per line, oldest first, in the protocol's v2 `chat` shape) and
/// conversations.jsonl naming them. It reads a consistent copy (HistoryBackup), so a room that
/// serves the file goes on meanwhile and the export is one moment's history.
class HistoryExport
{
public:
    struct Result
    {
        bool ok = false;
        QString errorString;
        qint64 messages = 0;
        int conversations = 0;
    };

    /// Writes into folder, which must not exist or be empty (nothing is ever written over).
    static Result run(const QString &database, const QString &folder);

    /// The file a conversation goes to: its id, safe as a file name everywhere ("d:a:b" → "d_a_b").
    static QString fileNameOf(const QString &conversation);
};
