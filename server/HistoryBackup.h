#pragma once

#include <QString>

/// A consistent copy of a room's history database, taken while the room runs (from parleyd
/// itself or another process): SQLite's `VACUUM INTO` copies one read transaction's view, so the
/// room goes on writing meanwhile (WAL) and every message it had acknowledged when the copy
/// began is in it. The copy is then checked (`PRAGMA quick_check`).
class HistoryBackup
{
public:
    struct Result
    {
        bool ok = false;
        QString errorString;
        qint64 messages = 0; ///< in the copy
    };

    /// Copies database to target, which must not exist yet (a backup is never overwritten).
    static Result run(const QString &database, const QString &target);
};
