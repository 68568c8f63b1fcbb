import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Qt.labs.platform as Platform
import Parley.Client

// The room: header with the live count, the conversations, the one shown, who is online, and
// the input.
Page {
    id: page
    objectName: "chatPage"

    required property ChatClient client
    required property RoomHost host
    /// Who is online shows beside the messages when there is room; crossing that width puts
    /// it back to the default, so a resize lays out as a fresh start at that size would.
    readonly property bool wide: width > 760
    property bool membersShown: wide
    onWideChanged: membersShown = wide
    /// The conversations sit on the left when there is room, and over the messages otherwise.
    readonly property bool roomy: width > 640
    property bool sidebarShown: roomy
    onRoomyChanged: sidebarShown = roomy
    /// The conversations shown so far: each keeps its own view, so its place is kept too (a
    /// ListModel: appending to it adds a view and leaves the others as they are).
    ListModel {
        id: opened
        Component.onCompleted: append({ conversation: page.client.currentConversation })
    }
    Connections {
        target: page.client
        function onCurrentConversationChanged() {
            let known = false
            for (let i = 0; i < opened.count && !known; ++i)
                known = opened.get(i).conversation === page.client.currentConversation
            if (!known)
                opened.append({ conversation: page.client.currentConversation })
            composer.focusInput()
        }
    }

    signal leaveRequested()

    background: Rectangle { color: Theme.background }

    Component.onCompleted: composer.focusInput()

    // Esc closes what lies over the messages at this width: the conversations, then who is online.
    Shortcut {
        sequence: "Esc"
        enabled: (page.sidebarShown && !page.roomy) || (page.membersShown && page.width <= 760)
        onActivated: {
            if (page.sidebarShown && !page.roomy)
                page.sidebarShown = false
            else
                page.membersShown = false
        }
    }
    Shortcut {
        sequence: "Ctrl+K"
        onActivated: quickSwitcher.open()
    }
    Shortcut {
        sequence: StandardKey.Find
        enabled: page.client.canChangeMessages
        onActivated: searchPanel.open()
    }
    Shortcut {
        sequence: "Alt+Up"
        onActivated: page.client.currentConversation = page.client.conversations.neighbour(page.client.currentConversation, -1)
    }
    Shortcut {
        sequence: "Alt+Down"
        onActivated: page.client.currentConversation = page.client.conversations.neighbour(page.client.currentConversation, 1)
    }

    RenameDialog {
        id: renameDialog
        client: page.client
        anchors.centerIn: parent
        width: Math.min(page.width - 40, 400)
    }

    NewChannelDialog {
        id: newChannelDialog
        client: page.client
        anchors.centerIn: parent
        width: Math.min(page.width - 40, 400)
    }

    ImageViewer {
        id: imageViewer
        parent: Overlay.overlay
        x: 20
        y: 20
        width: parent ? parent.width - 40 : 400
        height: parent ? parent.height - 40 : 300
        /// The full picture asked for (openFile) and not here yet.
        property bool waiting: false
        onClosed: waiting = false
    }

    Platform.FileDialog {
        id: saveDialog
        property real seq: -1
        title: qsTr("Save file")
        fileMode: Platform.FileDialog.SaveFile
        onAccepted: page.client.saveFile(seq, file)
    }

    Platform.FileDialog {
        id: transcriptDialog
        title: qsTr("Save conversation")
        fileMode: Platform.FileDialog.SaveFile
        defaultSuffix: "html"
        nameFilters: [qsTr("Web page (*.html)"), qsTr("Text (*.txt)")]
        onAccepted: page.client.saveTranscript(file)
    }

    Connections {
        target: page.client
        function onTranscriptSaved(file) {
            savedNote.text = qsTr("Saved to %1").arg(decodeURIComponent(file.toString().replace("file://", "")))
            savedNote.open()
        }
        function onTranscriptFailed(reason) {
            savedNote.text = reason
            savedNote.open()
        }
    }

    WebAddressDialog {
        id: webAddressDialog
        urls: page.host.webUrls
        anchors.centerIn: parent
        width: Math.min(page.width - 40, 420)
        onClosed: composer.focusInput() // typing goes on where it was
    }

    Dialog {
        id: riskyOpenDialog
        objectName: "riskyOpenDialog"
        property url file
        title: qsTr("Open this file?")
        modal: true
        anchors.centerIn: parent
        width: Math.min(page.width - 40, 420)
        standardButtons: Dialog.Open | Dialog.Cancel
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("Opening %1 could run a program on this computer. Open it only if you trust whoever sent it.")
                  .arg(riskyOpenDialog.file.toString().split("/").pop())
        }
        onAccepted: page.openExternally(file)
        onClosed: composer.focusInput()
    }

    function openExternally(file) {
        if (!Qt.openUrlExternally(file)) {
            savedNote.text = qsTr("No application here opens %1; it is in %2")
                             .arg(file.toString().split("/").pop()).arg(decodeURIComponent(file.toString().replace("file://", "")))
            savedNote.open()
        }
    }

    Connections {
        target: page.client
        function onFileReadyToOpen(file, mayRunCode) {
            if (imageViewer.waiting) {
                imageViewer.waiting = false
                imageViewer.full = file
            } else if (mayRunCode) {
                riskyOpenDialog.file = file
                riskyOpenDialog.open()
            } else {
                page.openExternally(file)
            }
        }
        function onFileSaved(file) {
            savedNote.text = qsTr("Saved to %1").arg(decodeURIComponent(file.toString().replace("file://", "")))
            savedNote.open()
        }
    }

    ToolTip {
        id: savedNote
        objectName: "savedNote"
        timeout: 4000
        x: (page.width - width) / 2
        y: page.height - height - 120
    }

    SearchPanel {
        id: searchPanel
        client: page.client
        x: page.width - width - 12
        y: 4
        width: Math.min(page.width - 24, 440)
        onResultChosen: (conversation, seq) => page.client.revealMessage(conversation, seq)
        onClosed: composer.focusInput()
    }

    Connections {
        target: page.client
        function onMessageNotFound() {
            savedNote.text = qsTr("That message is not in the room any more.")
            savedNote.open()
        }
    }

    Dialog {
        id: deleteDialog
        objectName: "deleteDialog"
        property real seq: -1
        title: qsTr("Delete this message?")
        modal: true
        anchors.centerIn: parent
        width: Math.min(page.width - 40, 400)
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("It goes for everyone in the conversation; they see that it was deleted.")
        }
        footer: DialogButtonBox {
            Button {
                objectName: "confirmDelete"
                text: qsTr("Delete")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        onAccepted: page.client.deleteMessage(seq)
        onClosed: composer.focusInput()
    }

    ModerationDialogs {
        id: moderation
        client: page.client
    }

    QuickSwitcher {
        id: quickSwitcher
        client: page.client
        x: (page.width - width) / 2
        y: 60
        width: Math.min(page.width - 40, 420)
    }

    header: ToolBar {
        topPadding: 4 // the room's name does not touch the window's edge
        bottomPadding: 4
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 8
            spacing: 12
            ToolButton {
                objectName: "conversationsButton"
                visible: !page.roomy
                // What is unread elsewhere shows on the button that leads there.
                text: page.client.conversations.totalUnread > 0 ? "☰ " + page.client.conversations.totalUnread : "☰"
                font.bold: page.client.conversations.totalUnread > 0
                Accessible.name: page.sidebarShown ? qsTr("Hide conversations") : qsTr("Show conversations")
                onClicked: page.sidebarShown = !page.sidebarShown
            }
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Label {
                    text: page.client.roomName.length > 0 ? page.client.roomName : page.client.url.toString()
                    font.pixelSize: 17
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "conversationTitle"
                    text: page.client.currentIsDirect
                          ? qsTr("Direct messages with %1").arg(page.client.currentTitle)
                          : page.client.currentMemberCount > 0
                            ? qsTr("%1 · %n members", "", page.client.currentMemberCount).arg(page.client.currentTitle)
                            : page.client.currentTitle
                    ToolTip.visible: conversationTitleHover.hovered && page.client.currentTopic.length > 0
                    ToolTip.text: page.client.currentTopic
                    HoverHandler { id: conversationTitleHover }
                    font.pixelSize: 13
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    visible: page.client.certificateFingerprint.length > 0
                    text: qsTr("Encrypted · certificate %1").arg(page.client.certificateFingerprint)
                    font.pixelSize: 11
                    opacity: 0.7
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    ToolTip.visible: fingerprintHover.hovered
                    ToolTip.text: page.client.certificateFingerprint
                    HoverHandler { id: fingerprintHover }
                }
                RowLayout {
                    visible: page.host.running
                    spacing: 4
                    Layout.fillWidth: true
                    Label {
                        objectName: "shareAddress"
                        text: page.host.shareUrls.length > 0
                              ? qsTr("Hosting — others join at %1").arg(page.host.shareUrls.join(qsTr(" or ")))
                              : qsTr("Hosting on port %1").arg(page.host.port)
                        font.pixelSize: 12
                        opacity: 0.7
                        // The address is the end of the line: at narrow widths keep both ends.
                        elide: Text.ElideMiddle
                        Layout.fillWidth: true
                        ToolTip.visible: shareHover.hovered && truncated
                        ToolTip.text: text
                        HoverHandler { id: shareHover }
                    }
                    ToolButton {
                        visible: page.host.shareUrls.length > 0
                        text: copied.running ? qsTr("Copied") : qsTr("Copy address")
                        font.pixelSize: 12
                        Accessible.name: qsTr("Copy the address others join at")
                        onClicked: {
                            clipboardHelper.text = page.host.shareUrls[0]
                            clipboardHelper.selectAll()
                            clipboardHelper.copy()
                            copied.restart()
                        }
                        Timer { id: copied; interval: 1500 }
                        // Qt Quick 6.4 has no clipboard API; a text field's copy() is the way.
                        TextEdit { id: clipboardHelper; visible: false }
                    }
                    ToolButton {
                        objectName: "webAddressButton"
                        visible: page.host.webUrls.length > 0
                        text: qsTr("Web address")
                        font.pixelSize: 12
                        Accessible.name: qsTr("Show the address and QR code for joining from a browser")
                        onClicked: webAddressDialog.open()
                    }
                }
                Label {
                    visible: page.host.running && page.host.announceError.length > 0
                    text: qsTr("Not listed on the network (%1); others can still join by address").arg(page.host.announceError)
                    font.pixelSize: 12
                    color: Theme.error
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
            }
            // What is about the conversation waits behind one button (at narrow widths, all of it).
            ToolButton {
                objectName: "conversationMenuButton"
                text: "⋯"
                Accessible.name: qsTr("More for %1").arg(page.client.currentTitle)
                onClicked: conversationMenu.open()
                Menu {
                    id: conversationMenu
                    y: parent.height
                    MenuItem {
                        objectName: "saveTranscriptItem"
                        text: qsTr("Save conversation…")
                        onTriggered: {
                            transcriptDialog.currentFile = page.client.suggestedSaveLocation(
                                page.client.suggestedFileName(page.client.currentTitle.replace("#", "") + ".html"))
                            transcriptDialog.open()
                        }
                    }
                    MenuItem {
                        text: qsTr("Leave channel")
                        visible: !page.roomy && !page.client.currentIsDirect && page.client.protocolVersion >= 2
                        height: visible ? implicitHeight : 0
                        enabled: page.client.currentConversation !== "general"
                        onTriggered: page.client.leaveChannel(page.client.currentConversation)
                    }
                    NotifyLevelMenu {
                        title: qsTr("Notifications")
                        client: page.client
                        enabled: !page.client.currentIsDirect && page.client.protocolVersion >= 2
                    }
                    MenuSeparator {}
                    MenuItem {
                        objectName: "renameItem"
                        text: qsTr("Change your name…")
                        onTriggered: renameDialog.open()
                    }
                    ThemeMenu {}
                    SoundMenu { objectName: "soundMenu" }
                }
            }
            UserCountBadge {
                objectName: "userCountBadge"
                count: page.client.userCount
                live: page.client.state === ChatClient.Connected
                onClicked: page.membersShown = !page.membersShown
                ToolTip.visible: hovered
                ToolTip.text: page.membersShown ? qsTr("Hide who is online") : qsTr("Show who is online")
            }
            ToolButton {
                objectName: "moderationButton"
                visible: page.client.isModerator || page.client.canBecomeModerator
                text: "🛡"
                Accessible.name: page.client.isModerator ? qsTr("Moderate the room") : qsTr("Become a moderator")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: page.client.isModerator ? moderationMenu.open() : moderation.askPassword()
                Menu {
                    id: moderationMenu
                    objectName: "roomModerationMenu"
                    y: parent.height
                    width: 320
                    MenuItem {
                        objectName: "lockRoom"
                        text: page.client.roomLocked ? qsTr("Unlock the room") : qsTr("Lock the room against new members")
                        onTriggered: page.client.setRoomLocked(!page.client.roomLocked)
                    }
                    Menu {
                        title: qsTr("Slow mode")
                        width: 300
                        MenuItem { text: qsTr("Off"); checkable: true; checked: page.client.slowModeSeconds === 0; onTriggered: page.client.setSlowMode(0) }
                        MenuItem { objectName: "slowMode10"; text: qsTr("One message every 10 s"); checkable: true; checked: page.client.slowModeSeconds === 10; onTriggered: page.client.setSlowMode(10) }
                        MenuItem { text: qsTr("One message every 30 s"); checkable: true; checked: page.client.slowModeSeconds === 30; onTriggered: page.client.setSlowMode(30) }
                        MenuItem { text: qsTr("One message a minute"); checkable: true; checked: page.client.slowModeSeconds === 60; onTriggered: page.client.setSlowMode(60) }
                        MenuItem { text: qsTr("One message every 5 minutes"); checkable: true; checked: page.client.slowModeSeconds === 300; onTriggered: page.client.setSlowMode(300) }
                    }
                    MenuItem {
                        objectName: "auditLogItem"
                        text: qsTr("What moderators did…")
                        onTriggered: moderation.showAuditLog()
                    }
                }
            }
            ToolButton {
                objectName: "searchButton"
                visible: page.client.canChangeMessages
                text: "🔍"
                Accessible.name: qsTr("Search messages")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Search messages (%1)").arg(searchShortcut.nativeText)
                onClicked: searchPanel.open()
                Shortcut { id: searchShortcut; sequence: StandardKey.Find; enabled: false }
            }
            ToolButton {
                objectName: "notifyButton"
                visible: page.roomy && !page.client.currentIsDirect && page.client.protocolVersion >= 2
                text: notifyMenu.level === "all" ? qsTr("Notify: all")
                      : notifyMenu.level === "mentions" ? qsTr("Notify: mentions") : qsTr("Notify: none")
                Accessible.name: qsTr("Notifications for %1").arg(page.client.currentTitle)
                onClicked: notifyMenu.open()
                NotifyLevelMenu {
                    id: notifyMenu
                    y: parent.height
                    client: page.client
                }
            }
            ToolButton {
                objectName: "leaveChannelButton"
                visible: page.roomy && !page.client.currentIsDirect && page.client.currentConversation !== "general"
                text: qsTr("Leave channel")
                Accessible.name: qsTr("Leave %1").arg(page.client.currentTitle)
                onClicked: page.client.leaveChannel(page.client.currentConversation)
            }
            ToolButton {
                objectName: "leaveButton"
                text: page.host.running ? qsTr("Close room") : qsTr("Leave")
                Accessible.name: text
                onClicked: page.leaveRequested()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ConnectionBanner {
            client: page.client
            Layout.fillWidth: true
            onBackRequested: page.leaveRequested()
        }

        // Anchors, not a RowLayout: Qt 6.4's layout left the panel where it was at an earlier
        // width when it reappeared after a resize, floating over the messages.
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ConversationSidebar {
                id: sidebar
                objectName: "conversationSidebar"
                client: page.client
                visible: page.sidebarShown
                z: page.roomy ? 0 : 2 // over the messages when the window is narrow
                anchors.left: parent.left
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: page.roomy ? 210 : Math.min(260, parent.width * 0.75)
                onNewChannelRequested: newChannelDialog.open()
                onConversationChosen: if (!page.roomy) page.sidebarShown = false
            }

            Repeater {
                model: opened
                MessageView {
                    id: conversationView
                    required property string conversation
                    readonly property bool shown: conversation === page.client.currentConversation
                    objectName: shown ? "messageView" : "messageView-" + conversation
                    visible: shown
                    anchors.left: sidebar.visible && page.roomy ? sidebar.right : parent.left
                    anchors.top: parent.top
                    anchors.bottom: parent.bottom
                    anchors.right: memberPanel.visible ? memberPanel.left : parent.right
                    model: page.client.messagesFor(conversation)
                    onSenderActivated: senderId => page.client.openDirect(senderId)
                    onImageActivated: (seq, name, thumbnail) => {
                        imageViewer.show(name, thumbnail)
                        imageViewer.waiting = true
                        page.client.openFile(seq)
                    }
                    onFileSaveRequested: (seq, name) => {
                        saveDialog.seq = seq
                        saveDialog.currentFile = page.client.suggestedSaveLocation(name)
                        saveDialog.open()
                    }
                    onFileOpenRequested: seq => page.client.openFile(seq)
                    onTransferCancelled: transferId => page.client.cancelTransfer(transferId)
                    onEditRequested: (seq, text) => composer.startEditing(seq, text)
                    canModerate: page.client.isModerator
                    canReply: page.client.protocolVersion >= 2
                    beginningText: page.client.currentConversation === "general" ? qsTr("This is the beginning of the room")
                                                                                 : qsTr("This is the beginning of the conversation")
                    emptyText: page.client.currentIsDirect
                               ? qsTr("This is the start of your direct messages with %1. Only the two of you can read them.").arg(page.client.currentTitle)
                               : page.client.currentConversation === "general" ? qsTr("No messages yet. Say hello!")
                               : page.client.currentTopic.length > 0 ? qsTr("This is the start of %1: %2").arg(page.client.currentTitle).arg(page.client.currentTopic)
                               : qsTr("This is the start of %1.").arg(page.client.currentTitle)
                    Keys.onEscapePressed: composer.focusInput() // done reading: back to writing
                    onReplyRequested: (seq, sender, text) => composer.startReply(seq, sender, text)
                    onQuoteActivated: seq => page.client.revealMessage(page.client.currentConversation, seq)
                    linkBase: page.client.protocolVersion >= 2 ? page.client.messageLinkBase : ""
                    onMessageLinkActivated: link => page.client.openMessageLink(link)
                    onModerationRequested: (memberId, name, action, minutes) => moderation.confirm(memberId, name, action, minutes)
                    onDeleteRequested: seq => {
                        deleteDialog.seq = seq
                        deleteDialog.open()
                    }
                    Connections {
                        target: page.client
                        function onMessageRevealed(seq) {
                            if (conversationView.shown)
                                conversationView.showMessage(seq)
                        }
                    }
                    hasOlder: shown && page.client.hasOlderMessages
                    loadingOlder: shown && page.client.loadingOlder
                    onOlderWanted: if (shown) page.client.loadOlder()
                }
            }

            MemberPanel {
                id: memberPanel
                objectName: "memberPanel"
                visible: page.membersShown
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: Math.min(230, parent.width / 2)
                model: page.client.members
                count: page.client.userCount
                live: page.client.state === ChatClient.Connected
                canMessage: page.client.protocolVersion >= 2
                canModerate: page.client.isModerator
                onMemberChosen: memberId => page.client.openDirect(memberId)
                onRenameRequested: renameDialog.open()
                onModerationRequested: (memberId, name, action, minutes) => moderation.confirm(memberId, name, action, minutes)
            }
        }

        Label {
            objectName: "roomStateNote"
            visible: page.client.roomLocked || page.client.slowModeSeconds > 0
            text: [page.client.roomLocked ? qsTr("🔒 The room is locked: no new members") : "",
                   page.client.slowModeSeconds > 0 ? qsTr("🐢 Slow mode: one message every %n s", "", page.client.slowModeSeconds) : ""]
                  .filter(part => part.length > 0).join(" · ")
            font.pixelSize: 12
            color: Theme.warning
            leftPadding: 16
            Layout.fillWidth: true
            elide: Text.ElideRight
        }

        Label {
            text: page.client.typingText
            font.italic: true
            font.pixelSize: 12
            opacity: 0.7
            leftPadding: 16
            Layout.fillWidth: true
            Layout.preferredHeight: 18
            elide: Text.ElideRight
        }

        Composer {
            id: composer
            objectName: "composer"
            client: page.client
            Layout.fillWidth: true
        }
    }

    // A file dropped anywhere on the room goes to the composer, to be sent with a caption.
    DropArea {
        id: dropArea
        anchors.fill: parent
        enabled: page.client.canSendFiles
        onDropped: drop => {
            if (drop.hasUrls && drop.urls.length > 0) {
                composer.attach(drop.urls[0])
                drop.accept(Qt.CopyAction)
            }
        }
        Rectangle {
            anchors.fill: parent
            visible: dropArea.containsDrag
            color: Theme.dropOverlay
            border.color: Theme.accent
            border.width: 2
            Label {
                anchors.centerIn: parent
                text: qsTr("Drop to send to %1").arg(page.client.currentTitle)
                font.pixelSize: 18
                font.bold: true
                color: Theme.accent
            }
        }
    }
}
