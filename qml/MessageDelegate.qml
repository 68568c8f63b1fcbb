import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// One row of the conversation: a chat bubble (grouped under its sender's name) or a notice.
Item {
    id: row

    required property int index
    required property int kind
    required property string senderId
    required property string senderName
    required property string senderTag
    required property string text
    required property string html
    required property date timestamp
    required property bool isOwn
    required property int status
    required property string error
    required property bool firstInGroup
    required property bool mentionsMe
    required property bool firstUnread
    required property real seq
    required property bool hasFile
    required property string fileName
    required property real fileSize
    required property bool isImage
    required property int imageWidth
    required property int imageHeight
    required property url thumbnail
    required property Transfer transfer
    required property bool edited
    required property int deleted
    required property bool canEdit
    required property bool canDelete
    required property string daySeparator
    required property real replySeq
    required property string replySender
    required property string replyText
    required property bool replyDeleted

    readonly property bool isNotice: kind === MessageListModel.Notice

    function openMenu(position) {
        if (!isNotice && ListView.view && deleted === MessageListModel.NotDeleted)
            ListView.view.openMessageMenu(row, bubble, position.x, position.y)
    }
    readonly property real nameLineHeight: isOwn ? timeLabel.implicitHeight
                                                 : Math.max(senderLabel.implicitHeight, timeLabel.implicitHeight)
    readonly property real bubbleMaxWidth: Math.max(160, width * 0.72 - 40)

    width: ListView.view ? ListView.view.width : 400

    // Read one by one from the keyboard (see MessageView): the current row takes the focus.
    focus: ListView.isCurrentItem
    Accessible.role: Accessible.ListItem
    Accessible.focusable: true
    Accessible.name: {
        if (isNotice)
            return text
        let said = deleted !== MessageListModel.NotDeleted ? qsTr("Message deleted")
                 : hasFile ? (text.length > 0 ? qsTr("%1, with the file %2").arg(text).arg(fileName) : qsTr("The file %1").arg(fileName))
                 : text
        if (replySeq > 0)
            said = qsTr("In reply to %1: %2").arg(replySender).arg(said)
        return qsTr("%1 at %2: %3").arg(senderName).arg(timestamp.toLocaleTimeString(Qt.locale(), Locale.ShortFormat)).arg(said)
    }
    Keys.onPressed: event => {
        if (event.key === Qt.Key_Menu || (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier))) {
            openMenu(Qt.point(bubble.width / 2, bubble.height / 2))
            event.accepted = true
        } else if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && replySeq > 0) {
            ListView.view.quoteActivated(replySeq)
            event.accepted = true
        }
    }
    Rectangle {
        objectName: "focusFrame"
        visible: row.activeFocus
        anchors.fill: parent
        anchors.leftMargin: 4
        anchors.rightMargin: 4
        color: "transparent"
        border.color: Theme.accentBorder
        border.width: 2
        radius: 6
        z: 1
    }
    // Summed here rather than read from bubbleColumn: a layout's size changes only at its next
    // polish, and an older page landing above the reader restores their place before that
    // (a row that joins the group above loses its name line; the reader would move by it).
    implicitHeight: (isNotice ? notice.implicitHeight + 12
                              : (firstInGroup ? nameLineHeight + bubbleColumn.spacing + 10 : 3)
                                + bubble.implicitHeight
                                + (statusLine.visible ? bubbleColumn.spacing + statusLine.implicitHeight : 0))
                    + (firstUnread ? unreadLine.height : 0)
                    + (daySeparator.length > 0 ? dayLine.height : 0)

    // Above a day's first row: which day it is.
    Item {
        id: dayLine
        objectName: "daySeparator"
        visible: row.daySeparator.length > 0
        width: parent.width
        height: 34
        Rectangle { anchors.verticalCenter: parent.verticalCenter; x: 16; width: parent.width - 32; height: 1; color: Theme.divider }
        Label {
            anchors.centerIn: parent
            text: row.daySeparator
            color: Theme.secondaryText
            font.pixelSize: 12
            font.bold: true
            leftPadding: 10
            rightPadding: 10
            background: Rectangle { color: Theme.background }
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
    }

    // Where what was unread starts, when the conversation was opened.
    Item {
        id: unreadLine
        objectName: "newMessagesLine"
        visible: row.firstUnread
        y: dayLine.visible ? dayLine.height : 0
        width: parent.width
        height: 24
        Rectangle { anchors.verticalCenter: parent.verticalCenter; x: 16; width: parent.width - 32; height: 1; color: Theme.unread }
        Label {
            anchors.centerIn: parent
            text: qsTr("New messages")
            color: Theme.unread
            font.pixelSize: 11
            font.bold: true
            leftPadding: 8
            rightPadding: 8
            background: Rectangle { color: Theme.background }
        }
    }

    Label {
        id: notice
        visible: row.isNotice
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 6
        width: Math.min(implicitWidth, parent.width - 32)
        text: row.text
        textFormat: Text.PlainText
        wrapMode: Text.Wrap // a moderator's reason is part of it
        horizontalAlignment: Text.AlignHCenter
        font.pixelSize: 12
        opacity: 0.6
    }

    // Others' messages: who wrote them, at the top of each group.
    Avatar {
        objectName: "senderAvatar"
        visible: !row.isNotice && !row.isOwn && row.firstInGroup
        x: 16
        y: bubbleColumn.y
        memberId: row.senderId
        name: row.senderName
    }

    ColumnLayout {
        id: bubbleColumn
        visible: !row.isNotice
        anchors.bottom: parent.bottom
        anchors.left: row.isOwn ? undefined : parent.left
        anchors.right: row.isOwn ? parent.right : undefined
        anchors.leftMargin: 56 // beside the avatar
        anchors.rightMargin: 16
        spacing: 2

        RowLayout {
            id: nameLine
            visible: row.firstInGroup
            spacing: 8
            Layout.alignment: row.isOwn ? Qt.AlignRight : Qt.AlignLeft
            Layout.preferredHeight: row.nameLineHeight
            Label {
                id: senderLabel
                visible: !row.isOwn
                objectName: "senderName"
                text: row.senderTag.length > 0 ? "%1 %2".arg(row.senderName).arg(row.senderTag) : row.senderName
                textFormat: Text.PlainText
                font.bold: true
                font.underline: senderHover.hovered
                color: Theme.accent
                HoverHandler { id: senderHover; cursorShape: Qt.PointingHandCursor }
                TapHandler { onTapped: row.ListView.view.senderActivated(row.senderId) }
            }
            Label {
                id: timeLabel
                text: row.timestamp.toLocaleTimeString(Qt.locale(), Locale.ShortFormat)
                font.pixelSize: 11
                opacity: 0.55
            }
        }

        Rectangle {
            id: bubble
            objectName: "messageBubble"
            Layout.alignment: row.isOwn ? Qt.AlignRight : Qt.AlignLeft
            implicitWidth: Math.min(Math.max(body.visible ? body.implicitWidth : 0,
                                             quote.visible ? quote.implicitWidth : 0,
                                             deletedNote.visible ? deletedNote.implicitWidth : 0,
                                             editedMark.visible ? editedMark.implicitWidth : 0,
                                             attachmentLoader.item ? attachmentLoader.item.width : 0),
                                    row.bubbleMaxWidth - 24) + 24
            implicitHeight: bubbleContent.implicitHeight + 14
            radius: 12
            color: row.isOwn ? (row.status === MessageListModel.Failed ? Theme.failedBubble : Theme.ownBubble)
                             : row.mentionsMe ? Theme.mentionBubble : Theme.otherBubble
            border.color: row.ListView.view && row.ListView.view.highlightedSeq === row.seq ? Theme.accent
                          : row.mentionsMe && !row.isOwn ? Theme.mentionBorder : "transparent"
            border.width: row.ListView.view && row.ListView.view.highlightedSeq === row.seq ? 2 : 1
            opacity: row.status === MessageListModel.Sending ? 0.7 : 1

            // The message menu: right-click, or a long press on a touch screen.
            TapHandler {
                acceptedButtons: Qt.RightButton
                onTapped: (eventPoint, button) => row.openMenu(eventPoint.position)
            }
            TapHandler {
                acceptedDevices: PointerDevice.TouchScreen
                onLongPressed: row.openMenu(point.position)
            }

            Column {
                id: bubbleContent
                x: 12
                y: 7
                spacing: 6

            // The message this one answers; a click shows it (loading older pages as needed).
            Rectangle {
                id: quote
                objectName: "replyQuote"
                visible: row.replySeq > 0
                implicitWidth: Math.min(Math.max(quoteSender.implicitWidth, quoteText.implicitWidth) + 14,
                                        row.bubbleMaxWidth - 24)
                width: Math.max(implicitWidth, body.visible ? body.width : 0)
                implicitHeight: quoteColumn.implicitHeight + 8
                height: visible ? implicitHeight : 0
                radius: 4
                color: Theme.quote
                Rectangle { width: 3; height: parent.height; radius: 1.5; color: Theme.accent }
                Column {
                    id: quoteColumn
                    x: 10
                    y: 4
                    width: parent.width - 14
                    Label {
                        id: quoteSender
                        text: row.replySender
                        textFormat: Text.PlainText
                        font.pixelSize: 12
                        font.bold: true
                        color: Theme.accent
                        width: Math.min(implicitWidth, parent.width)
                        elide: Text.ElideRight
                    }
                    Label {
                        id: quoteText
                        text: row.replyDeleted ? qsTr("Message deleted") : row.replyText
                        textFormat: Text.PlainText
                        font.pixelSize: 12
                        font.italic: row.replyDeleted
                        color: Theme.secondaryText
                        width: Math.min(implicitWidth, parent.width)
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                }
                TapHandler {
                    onTapped: row.ListView.view.quoteActivated(row.replySeq)
                }
                HoverHandler { cursorShape: Qt.PointingHandCursor }
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Reply to %1: %2").arg(row.replySender).arg(quoteText.text)
            }

            Loader {
                id: attachmentLoader
                active: row.hasFile
                // A Loader keeps its last item's size when it goes inactive (a reused delegate,
                // a deleted picture): hidden, the column leaves no space for it.
                visible: active
                sourceComponent: FileAttachment {
                    width: Math.min(implicitWidth, maxWidth)
                    fileName: row.fileName
                    fileSize: row.fileSize
                    isImage: row.isImage
                    imageWidth: row.imageWidth
                    imageHeight: row.imageHeight
                    thumbnail: row.thumbnail
                    transfer: row.transfer
                    maxWidth: Math.min(320, row.bubbleMaxWidth - 24)
                    onViewRequested: row.ListView.view.imageActivated(row.seq, row.fileName, row.thumbnail)
                    onSaveRequested: row.ListView.view.fileSaveRequested(row.seq, row.fileName)
                    onOpenRequested: row.ListView.view.fileOpenRequested(row.seq)
                    onCancelRequested: if (row.transfer) row.ListView.view.transferCancelled(row.transfer.id)
                }
            }

            Label {
                id: deletedNote
                objectName: "deletedNote"
                visible: row.deleted !== MessageListModel.NotDeleted
                text: row.deleted === MessageListModel.ByModerator ? qsTr("Removed by a moderator")
                                                                   : qsTr("Message deleted")
                font.italic: true
                font.pixelSize: 13
                opacity: 0.6
            }

            TextEdit {
                id: body
                visible: row.deleted === MessageListModel.NotDeleted && (!row.hasFile || row.text.length > 0)
                width: Math.min(implicitWidth, row.bubbleMaxWidth - 24)
                text: row.html // links in the theme's colour: MessageView sets the model's linkColor
                textFormat: TextEdit.RichText
                wrapMode: TextEdit.Wrap
                readOnly: true
                selectByMouse: true
                selectByKeyboard: true
                persistentSelection: true
                color: Theme.text
                selectionColor: Theme.selection
                selectedTextColor: Theme.selectedText
                font.pixelSize: 14
                Accessible.role: Accessible.StaticText
                Accessible.name: row.senderName + ": " + row.text
                // A link to a message is shown here; others open in the browser.
                onLinkActivated: link => /^parleys?:/i.test(link) ? row.ListView.view.messageLinkActivated(link)
                                                                  : Qt.openUrlExternally(link)
                HoverHandler {
                    enabled: body.hoveredLink.length > 0
                    cursorShape: Qt.PointingHandCursor
                }
            }

            Label {
                id: editedMark
                objectName: "editedMark"
                visible: row.edited && row.deleted === MessageListModel.NotDeleted
                text: qsTr("(edited)")
                font.pixelSize: 11
                opacity: 0.55
            }
            }
        }

        Label {
            id: statusLine
            visible: row.isOwn && row.status !== MessageListModel.Sent
            Layout.alignment: Qt.AlignRight
            Layout.maximumWidth: row.bubbleMaxWidth
            wrapMode: Text.Wrap
            font.pixelSize: 11
            color: row.status === MessageListModel.Failed ? Theme.error : Theme.secondaryText
            text: row.status === MessageListModel.Failed ? qsTr("Not sent: %1").arg(row.error) : qsTr("Sending…")
        }
    }
}
