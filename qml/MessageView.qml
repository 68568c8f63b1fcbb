import QtQuick
import QtQuick.Controls
import Parley.Client

// The conversation. Follows the newest message while the reader is at the bottom; when they
// have scrolled up, new messages wait behind a "jump" button instead of moving the text.
// Scrolling up asks for older pages before the top is reached, and keeps what the reader is
// looking at in place when they arrive.
ListView {
    id: view

    /// Messages older than the first one shown exist, and one page of them is on its way.
    property bool hasOlder: false
    property bool loadingOlder: false
    property bool followNewest: true
    /// Chats (not join/leave notices) that arrived while the reader was scrolled up.
    property int unseen: 0

    /// The reader is near the oldest message shown: time to load the page before it.
    signal olderWanted()
    /// A sender's name was clicked (to write to them directly).
    signal senderActivated(string senderId)
    /// A chat's file: its image was clicked, or it is to be saved or opened; a transfer stopped.
    signal imageActivated(real seq, string name, url thumbnail)
    signal fileSaveRequested(real seq, string name)
    signal fileOpenRequested(real seq)
    signal transferCancelled(string transferId)
    /// From a message's menu: edit one of ours, or delete one.
    signal editRequested(real seq, string text)
    signal deleteRequested(real seq)

    readonly property alias messageMenu: messageMenu
    readonly property alias senderModerationMenu: senderModeration

    /// The message shown with a frame for a moment (one a search result or a reply led to).
    property real highlightedSeq: -1

    /// The reader is a moderator: a message's menu can act on its sender.
    property bool canModerate: false
    /// What the top of the conversation says, once every older page is in.
    property string beginningText: qsTr("This is the beginning of the room")
    /// What an empty conversation says, once it is known to be empty (no older pages, none coming).
    property string emptyText
    /// The room takes replies (protocol 2).
    property bool canReply: false
    /// Reply, from a message's menu: to this message, by sender, starting with text.
    signal replyRequested(real seq, string sender, string text)
    /// A reply's quote was clicked: show the message it answers.
    signal quoteActivated(real seq)
    /// A link to a message (parley://…) in a message was clicked.
    signal messageLinkActivated(string link)
    /// What "Copy link" puts before a message's seq (ChatClient.messageLinkBase; empty: no links).
    property string linkBase
    /// A moderator's action on a message's sender, chosen from its menu (see MemberModerationMenu).
    signal moderationRequested(string memberId, string name, string action, int minutes)

    /// Opens the menu of message (a MessageDelegate) at (x, y) in item.
    function openMessageMenu(message, item, x, y) {
        messageMenu.seq = message.seq
        messageMenu.text = message.text
        messageMenu.canEdit = message.canEdit
        messageMenu.canDelete = message.canDelete
        messageMenu.canModerateSender = canModerate && !message.isOwn
        messageMenu.canReply = canReply && message.seq > 0
        messageMenu.sender = message.senderName
        senderModeration.memberId = message.senderId
        senderModeration.name = message.senderName
        messageMenu.popup(item, x, y)
    }

    /// Brings a message (loaded already) into sight and frames it for a moment.
    function showMessage(seq) {
        const index = model.rowOfSeq(seq)
        if (index < 0)
            return
        followNewest = false
        positionViewAtIndex(index, ListView.Contain) // no move if it is in sight
        followNewest = atYEnd // still reading the newest: no "jump to latest"
        highlightedSeq = seq
        highlightTimer.restart()
    }

    Timer {
        id: highlightTimer
        interval: 2500
        onTriggered: {
            view.highlightedSeq = -1
            if (view.atYEnd)
                view.followNewest = true // the message shown was among the newest
        }
    }

    ThemedMenu {
        id: messageMenu
        objectName: "messageMenu"
        property real seq: -1
        property string text
        property bool canEdit: false
        property bool canDelete: false
        property bool canModerateSender: false
        property bool canReply: false
        property string sender
        MenuItem {
            objectName: "replyItem"
            text: qsTr("Reply")
            visible: messageMenu.canReply
            height: visible ? implicitHeight : 0
            onTriggered: view.replyRequested(messageMenu.seq, messageMenu.sender, messageMenu.text)
        }
        MenuItem {
            objectName: "copyTextItem"
            text: qsTr("Copy text")
            enabled: messageMenu.text.length > 0
            onTriggered: {
                copyHelper.text = messageMenu.text
                copyHelper.selectAll()
                copyHelper.copy()
            }
        }
        MenuItem {
            objectName: "copyLinkItem"
            text: qsTr("Copy link")
            visible: view.linkBase.length > 0 && messageMenu.seq > 0
            height: visible ? implicitHeight : 0
            onTriggered: {
                copyHelper.text = view.linkBase + messageMenu.seq
                copyHelper.selectAll()
                copyHelper.copy()
            }
        }
        MenuItem {
            objectName: "editItem"
            text: qsTr("Edit")
            visible: messageMenu.canEdit
            height: visible ? implicitHeight : 0
            onTriggered: view.editRequested(messageMenu.seq, messageMenu.text)
        }
        MenuItem {
            objectName: "deleteItem"
            text: qsTr("Delete…")
            visible: messageMenu.canDelete
            height: visible ? implicitHeight : 0
            onTriggered: view.deleteRequested(messageMenu.seq)
        }
        MenuItem {
            objectName: "moderateSenderItem"
            text: qsTr("Moderate %1…").arg(senderModeration.name)
            visible: messageMenu.canModerateSender
            height: visible ? implicitHeight : 0
            onTriggered: senderModeration.popup()
        }
    }
    MemberModerationMenu {
        id: senderModeration
        onActionChosen: (memberId, name, action, minutes) => view.moderationRequested(memberId, name, action, minutes)
    }
    // Qt Quick 6.4 has no clipboard API; a text field's copy() is the way.
    TextEdit { id: copyHelper; visible: false; textFormat: TextEdit.PlainText }

    function jumpToLatest() {
        followNewest = true
        unseen = 0
        scrollToEnd()
    }

    // Later in the turn: the reader may have scrolled away meanwhile.
    function keepFollowing() {
        if (followNewest)
            scrollToEnd()
    }

    // All the way down, bottom margin included (positionViewAtEnd stops at the last item).
    function scrollToEnd() {
        positionViewAtEnd()
        contentY = Math.max(originY - topMargin, originY + contentHeight + bottomMargin - height)
    }

    objectName: "messageView"
    clip: true
    spacing: 0
    topMargin: 8
    bottomMargin: 8
    boundsBehavior: Flickable.StopAtBounds
    reuseItems: true
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Messages")

    // Read one message at a time from the keyboard: Tab into the list starts at the newest in
    // sight, Up and Down move, the Menu key (or Shift+F10) opens the message's menu, Enter
    // follows a reply's quote.
    activeFocusOnTab: true
    keyNavigationEnabled: true
    highlightFollowsCurrentItem: true
    onActiveFocusChanged: {
        if (activeFocus && count > 0) {
            const newestInSight = indexAt(width / 2, contentY + height - bottomMargin - 1)
            currentIndex = newestInSight >= 0 ? newestInSight : count - 1
            // The row takes the focus (and shows it) also when it was current already.
            Qt.callLater(() => { if (activeFocus && currentItem) currentItem.forceActiveFocus() })
        }
    }
    // Reading back from the keyboard holds the view like scrolling does.
    onCurrentIndexChanged: if (activeFocus) Qt.callLater(() => { followNewest = atYEnd })
    ScrollBar.vertical: ScrollBar {}

    delegate: MessageDelegate {}

    // Links in messages in the theme's colour: rich text takes the application's palette.
    Binding {
        target: view.model
        property: "linkColor"
        value: Theme.link
        when: view.model !== null && view.model !== undefined
    }

    Label {
        objectName: "emptyConversation"
        parent: view // over the list, not in its content (which scrolls)
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 420)
        visible: !(view.model?.hasChats ?? true) && !view.hasOlder && !view.loadingOlder && text.length > 0
        text: view.emptyText
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        opacity: 0.7
    }

    header: Item {
        width: ListView.view.width
        height: 36
        BusyIndicator {
            objectName: "olderLoading"
            anchors.centerIn: parent
            height: 28
            width: 28
            running: view.loadingOlder
            visible: running
        }
        Label {
            objectName: "beginningOfRoom"
            anchors.centerIn: parent
            visible: !view.hasOlder && !view.loadingOlder && view.count > 0
            text: view.beginningText
            font.pixelSize: 12
            opacity: 0.6
        }
    }

    // Keep asking while the reader scrolls up: within a screen of the top, the next page is
    // wanted (the client asks for one page at a time).
    onContentYChanged: {
        if (moving)
            wantOlderIfNearTop()
        if (moving || dragging)
            followNewest = atYEnd
        if (atYEnd)
            unseen = 0
    }
    onMovementEnded: {
        followNewest = atYEnd
        if (atYEnd)
            unseen = 0
    }
    // A page came while the reader is still near the top (they scrolled faster than it came):
    // the next one, after this turn (asking changes loadingOlder again).
    onLoadingOlderChanged: if (!loadingOlder) Qt.callLater(wantOlderIfNearTop)
    function wantOlderIfNearTop() {
        if (hasOlder && !loadingOlder && count > 0 && !followNewest && contentY - originY < height)
            olderWanted()
    }

    // Rows inserted above (an older page) keep the message the reader is looking at where it
    // is. ListView mostly does, but a row just above the view that changes height (it joins
    // the group of the older messages and loses its name line) moves everything below it. The
    // row at the middle of the view is the anchor; a page arrives as many inserts, and the
    // place is restored once, after them.
    property int anchorIndex: -1
    property real anchorOffset: 0
    function rememberPlace() {
        if (anchorIndex >= 0)
            return // already anchored in this turn
        anchorIndex = indexAt(width / 2, contentY + height / 2)
        const item = anchorIndex >= 0 ? itemAtIndex(anchorIndex) : null
        anchorOffset = item ? item.y - contentY : 0
        if (anchorIndex >= 0)
            Qt.callLater(restorePlace)
    }
    function restorePlace() {
        if (anchorIndex >= 0 && !followNewest) {
            forceLayout()
            const item = itemAtIndex(anchorIndex)
            if (item)
                contentY = item.y - anchorOffset
        }
        anchorIndex = -1
    }

    Connections {
        target: view.model
        function onRowsAboutToBeInserted(parent, first, last) {
            if (!view.followNewest && view.count > 0 && first <= view.indexAt(view.width / 2, view.contentY + view.height / 2))
                view.rememberPlace()
        }
        function onRowsInserted(parent, first, last) {
            if (view.anchorIndex >= 0 && first <= view.anchorIndex)
                view.anchorIndex += last - first + 1
            if (last < view.count - 1)
                return // above the newest: nothing new to jump to
            // What the reader just sent is what they want to see, wherever they had scrolled.
            const newest = view.model.index(last, 0)
            if (view.model.data(newest, MessageListModel.IsOwnRole)
                    && view.model.data(newest, MessageListModel.StatusRole) === MessageListModel.Sending) {
                Qt.callLater(view.jumpToLatest)
                return
            }
            if (view.followNewest) {
                Qt.callLater(view.keepFollowing)
                return
            }
            for (let i = first; i <= last; ++i) {
                if (view.model.data(view.model.index(i, 0), MessageListModel.KindRole) === MessageListModel.Chat)
                    ++view.unseen
            }
        }
    }
    // A bubble that changes height (acked, wrapped anew after a resize) keeps the newest message
    // fully in sight while following it.
    onContentHeightChanged: if (followNewest) Qt.callLater(keepFollowing)
    onHeightChanged: if (followNewest) Qt.callLater(keepFollowing)
    onWidthChanged: if (followNewest) Qt.callLater(keepFollowing)

    RoundButton {
        objectName: "jumpToLatest"
        visible: !view.followNewest
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 12
        text: view.unseen > 0 ? qsTr("↓ %n new messages", "", view.unseen) : qsTr("↓ Jump to latest")
        highlighted: view.unseen > 0
        Accessible.name: text
        onClicked: view.jumpToLatest()
    }
}
