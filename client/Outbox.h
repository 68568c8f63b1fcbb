#pragma once

#include <QList>
#include <QString>
#include <QUrl>

#include <algorithm>
#include <optional>

/// Chats typed but not yet acknowledged by the room, kept on disk per room address so they
/// survive a crash or an app restart and are re-sent (same clientId) after reconnecting.
/// A small JSON file per room under the app's data folder, replaced atomically on each change.
class Outbox
{
public:
    struct Entry
    {
        QString clientId;
        QString text;
        /// The room (Welcome::roomId) it was written in; empty if none had welcomed us yet.
        QString roomId = {};
        /// The conversation it was written in (files from before conversations: #general).
        QString conversation = QStringLiteral("general");
        qint64 replyTo = 0; ///< the message it answers (0: none)

        bool operator==(const Entry &) const = default;
    };

    /// directory: where the files live (default: QStandardPaths::AppDataLocation/outbox).
    explicit Outbox(QString directory = {});

    /// Switches to the outbox of this identity in this room, loading what was left in it.
    void setRoom(const QUrl &room, const QString &identity);
    QList<Entry> entries() const { return m_entries; }
    bool contains(const QString &clientId) const { return find(clientId).has_value(); }
    std::optional<Entry> find(const QString &clientId) const
    {
        const auto found =
            std::ranges::find_if(m_entries, [&](const Entry &entry) { return entry.clientId == clientId; });
        return found == m_entries.cend() ? std::nullopt : std::optional(*found);
    }
    void add(const Entry &entry);
    void remove(const QString &clientId);
    /// Entries written before any room welcomed us belong to the first one that does.
    void assignRoom(const QString &roomId);
    QString errorString() const { return m_errorString; }

private:
    QString fileName() const;
    void save();

    QString m_directory;
    QUrl m_room;
    QString m_identity;
    QList<Entry> m_entries;
    QString m_errorString;
};
