#pragma once

#include "Messages.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <optional>

/// The conversations of a server as the sidebar lists them: #general and the channels one is
/// in, then direct conversations, then the channels one could join. Each row keeps where this
/// member stands in it (unread and mention counts, read position) as the server said in the
/// welcome, updated as chats arrive and as the member reads.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatClient")

    /// Unread messages in every conversation one is in (the window title shows it).
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)

public:
    enum class Section { Channels, Direct, MoreChannels };
    Q_ENUM(Section)

    enum Role {
        IdRole = Qt::UserRole + 1,
        IsDirectRole,    ///< a direct conversation (else a channel)
        TitleRole,       ///< "#homework", or the other member's name
        TopicRole,       ///< a channel's topic
        MemberCountRole, ///< a channel's members
        JoinedRole,      ///< one is in it (direct conversations always)
        UnreadRole,
        MentionsRole,
        SectionRole,       ///< Section, for the sidebar's headings
        OtherMemberIdRole, ///< a direct conversation's other member
        CurrentRole,       ///< the conversation shown
    };
    Q_ENUM(Role)

    explicit ConversationListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Everything at once, as a welcome lists it.
    void reset(const QList<Protocol::Conversation> &conversations);
    /// One conversation as the server described it to this member (added or replaced).
    void upsert(const Protocol::Conversation &conversation);
    /// What everyone may know of a channel; one not known yet is listed as not joined.
    void updateChannel(const Protocol::ChannelUpdate &channel);
    /// The member left it: a channel stays, as one to join again; a direct conversation goes.
    void markLeft(const QString &id);
    /// A chat from someone else arrived that the member has not seen.
    void addUnread(const QString &id, qint64 seq, bool mentionsMe);
    /// The member has read up to seq; false if that changed nothing.
    bool markRead(const QString &id, qint64 seq);
    /// A member's new name, for the direct conversations with them.
    void renameMember(const QString &memberId, const QString &name);
    void setCurrent(const QString &id);
    void clear();

    std::optional<Protocol::Conversation> find(const QString &id) const;
    Q_INVOKABLE QString titleOf(const QString &id) const;
    bool isJoined(const QString &id) const;
    int totalUnread() const;
    /// The id of the row at index, and the joined conversation step rows away from id (wrapping;
    /// channels one is not in are skipped), for keyboard navigation.
    Q_INVOKABLE QString idAt(int row) const;
    Q_INVOKABLE QString neighbour(const QString &id, int step) const;
    /// The row of the conversation shown (where keyboard focus enters the sidebar).
    Q_INVOKABLE int currentRow() const { return int(rowOf(m_current)); }
    /// The ids of the conversations whose title contains text (case and accents aside), best
    /// first and channels one is not in last, for the quick switcher.
    Q_INVOKABLE QStringList search(const QString &text) const;

Q_SIGNALS:
    void totalUnreadChanged();

private:
    static Section sectionOf(const Protocol::Conversation &conversation);
    static QString titleOf(const Protocol::Conversation &conversation);
    /// Where a conversation belongs in the sorted list.
    qsizetype insertionRow(const Protocol::Conversation &conversation) const;
    qsizetype rowOf(const QString &id) const;
    void place(const Protocol::Conversation &conversation);
    void changed(qsizetype row);

    QList<Protocol::Conversation> m_rows;
    QString m_current;
    int m_totalUnread = 0;
};
