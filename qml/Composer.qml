import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Qt.labs.platform as Platform
import Parley.Client

// The message input: Enter sends, Shift+Enter starts a new line; what cannot be sent says why.
// A file (attached, dropped or a pasted image) waits in a preview above it and goes with the
// text as its caption.
Pane {
    id: composer

    required property ChatClient client
    /// The file to send with the next message, if any.
    property url pendingFile
    readonly property bool hasFile: pendingFile.toString().length > 0
    readonly property var fileDetails: hasFile ? client.describeFile(pendingFile) : ({})
    readonly property string problem: client.postingProblem.length > 0 ? client.postingProblem
                                      : hasFile && !editing && (fileDetails.problem ?? "").length > 0 ? fileDetails.problem
                                      : input.text.length > 0 ? client.textProblem(input.text) : ""
    /// The name being typed after an "@" just before the cursor, or null.
    readonly property var mentionPrefix: {
        const before = input.text.substring(0, input.cursorPosition)
        const match = /(?:^|\s)@([^\s@]*)$/.exec(before)
        return match ? match[1] : null
    }
    readonly property var mentionCandidates: mentionPrefix !== null ? client.mentionCandidates(mentionPrefix) : []
    property bool mentionDismissed: false
    /// The seq of our message being edited here (-1: writing a new one). The conversation's
    /// draft waits meanwhile and comes back after.
    property real editingSeq: -1
    readonly property bool editing: editingSeq >= 0
    /// The message the one being written answers (-1: none), its sender and the start of its text.
    property real replySeq: -1
    property string replySender
    property string replyText
    onMentionPrefixChanged: if (mentionPrefix === null) mentionDismissed = false

    padding: 10
    background: Rectangle {
        color: Theme.background
        Rectangle { width: parent.width; height: 1; color: Theme.divider }
    }

    function focusInput() {
        input.forceActiveFocus()
    }

    function attach(file) {
        pendingFile = file
        input.forceActiveFocus()
    }

    function startEditing(seq, text) {
        editingSeq = seq
        input.text = text
        input.cursorPosition = input.length
        input.forceActiveFocus()
    }

    function startReply(seq, sender, text) {
        if (editing)
            stopEditing()
        replySeq = seq
        replySender = sender
        replyText = text
        input.forceActiveFocus()
    }

    function stopReplying() {
        replySeq = -1
        input.forceActiveFocus()
    }

    function stopEditing() {
        editingSeq = -1
        input.text = client.draft
        input.cursorPosition = input.length
        input.forceActiveFocus()
    }

    // Each conversation keeps what was typed in it.
    Connections {
        target: composer.client
        function onCurrentConversationChanged() {
            composer.editingSeq = -1
            composer.replySeq = -1
            input.text = composer.client.draft
            input.cursorPosition = input.length // go on where one stopped
        }
    }

    function send() {
        if (editing) {
            if (input.text.length > 0 && composer.problem.length === 0 && client.editMessage(editingSeq, input.text))
                stopEditing()
            return
        }
        if ((input.text.length === 0 && !hasFile) || composer.problem.length > 0)
            return
        if (hasFile) {
            if (composer.client.sendFile(pendingFile, input.text)) {
                pendingFile = ""
                input.clear()
            }
        } else if (composer.client.sendMessage(input.text, Math.max(0, composer.replySeq))) {
            input.clear()
            composer.replySeq = -1
        }
    }

    // "@Bo" and Tab (or Enter) becomes "@Bob ".
    function completeMention(name) {
        const start = input.cursorPosition - composer.mentionPrefix.length
        input.remove(start, input.cursorPosition)
        input.insert(start, name + " ")
        mentionDismissed = false
    }

    function handleReturn(event) {
        if (mentionPopup.visible) {
            completeMention(mentionCandidates[mentionList.currentIndex])
            event.accepted = true
            return
        }
        if (event.modifiers & Qt.ShiftModifier) {
            event.accepted = false // the TextArea inserts the new line
        } else {
            composer.send()
            event.accepted = true
        }
    }

    Popup {
        id: mentionPopup
        objectName: "mentionPopup"
        visible: composer.mentionCandidates.length > 0 && !composer.mentionDismissed && input.activeFocus
        y: -height - 4
        x: 10
        width: 240
        padding: 2
        closePolicy: Popup.NoAutoClose
        ListView {
            id: mentionList
            implicitHeight: Math.min(contentHeight, 180)
            width: parent.width
            clip: true
            model: composer.mentionCandidates
            currentIndex: 0
            highlightMoveDuration: 0
            delegate: ItemDelegate {
                required property string modelData
                required property int index
                width: ListView.view.width
                text: "@" + modelData
                highlighted: ListView.isCurrentItem
                onClicked: composer.completeMention(modelData)
            }
        }
    }

    /// The system's file dialog (Qt Widgets' where the desktop has none of its own).
    readonly property alias attachDialog: attachDialog
    Platform.FileDialog {
        id: attachDialog
        title: qsTr("Send a file")
        fileMode: Platform.FileDialog.OpenFile
        folder: Platform.StandardPaths.writableLocation(Platform.StandardPaths.HomeLocation)
        onAccepted: composer.attach(file)
        onRejected: input.forceActiveFocus() // back to writing, as before the 📎
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

    RowLayout {
        objectName: "editingBar"
        visible: composer.editing
        Layout.fillWidth: true
        Label {
            text: qsTr("Editing your message · Enter saves, Esc cancels")
            font.pixelSize: 12
            font.bold: true
            color: Theme.accent
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        ToolButton {
            objectName: "cancelEditing"
            text: qsTr("Cancel")
            font.pixelSize: 12
            Accessible.name: qsTr("Cancel editing")
            onClicked: composer.stopEditing()
        }
    }

    // The message being answered: who wrote it and how it starts; and a way to answer nothing.
    RowLayout {
        objectName: "replyBar"
        visible: composer.replySeq >= 0 && !composer.editing && !composer.hasFile // a file goes on its own
        Layout.fillWidth: true
        Rectangle { width: 3; Layout.fillHeight: true; color: Theme.accent }
        Label {
            text: qsTr("Replying to %1: %2").arg(composer.replySender).arg(composer.replyText)
            textFormat: Text.PlainText
            font.pixelSize: 12
            elide: Text.ElideRight
            maximumLineCount: 1
            Layout.fillWidth: true
        }
        ToolButton {
            objectName: "cancelReply"
            text: "✕"
            font.pixelSize: 12
            Accessible.name: qsTr("Do not reply to %1").arg(composer.replySender)
            onClicked: composer.stopReplying()
        }
    }

    // The file about to be sent: a picture, or its name and size; and a way to take it back.
    RowLayout {
        objectName: "attachmentPreview"
        visible: composer.hasFile && !composer.editing
        Layout.fillWidth: true
        spacing: 10
        Image {
            visible: composer.fileDetails.isImage === true
            source: composer.fileDetails.isImage === true ? composer.pendingFile : ""
            sourceSize.width: 160
            sourceSize.height: 100
            fillMode: Image.PreserveAspectFit
            Layout.preferredWidth: Math.min(160, implicitWidth)
            Layout.preferredHeight: Math.min(100, implicitHeight)
            asynchronous: true
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("Preview of %1").arg(composer.fileDetails.name ?? "")
        }
        Label {
            visible: composer.fileDetails.isImage !== true
            text: "📄"
            font.pixelSize: 26
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                objectName: "previewName"
                text: composer.fileDetails.name ?? ""
                textFormat: Text.PlainText
                font.bold: true
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            Label {
                text: composer.hasFile ? qsTr("%1 · add a caption below, or just send").arg(Qt.locale().formattedDataSize(composer.fileDetails.size)) : ""
                font.pixelSize: 12
                opacity: 0.7
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        ToolButton {
            objectName: "removeAttachment"
            text: "✕"
            Accessible.name: qsTr("Do not send this file")
            onClicked: composer.pendingFile = ""
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: 8

        ToolButton {
            objectName: "attachButton"
            visible: composer.client.canSendFiles
            text: "📎"
            font.pixelSize: 18
            Accessible.name: qsTr("Send a file")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Send a file (or drop one here, or paste an image)")
            onClicked: attachDialog.open()
        }

        ScrollView {
            Layout.fillWidth: true
            Layout.maximumHeight: 140
            Layout.preferredHeight: Math.min(input.implicitHeight, 140)
            TextArea {
                id: input
                objectName: "messageInput"
                focus: true
                wrapMode: TextArea.Wrap
                textFormat: TextArea.PlainText
                placeholderText: composer.client.postingProblem.length > 0 ? composer.client.postingProblem
                                 : composer.hasFile ? qsTr("Add a caption")
                                                  : qsTr("Message %1").arg(composer.client.currentTitle)
                Accessible.name: qsTr("Message")
                Accessible.description: qsTr("Enter sends, Shift+Enter starts a new line")
                Keys.onReturnPressed: event => composer.handleReturn(event)
                Keys.onEnterPressed: event => composer.handleReturn(event)
                // Tab completes a mention; otherwise it moves on, as everywhere else (a chat
                // message has no use for a tab character).
                Keys.onTabPressed: event => {
                    const backwards = (event.modifiers & Qt.ShiftModifier) !== 0 // Shift+Tab, as some send it
                    if (mentionPopup.visible && !backwards)
                        composer.completeMention(composer.mentionCandidates[mentionList.currentIndex])
                    else
                        input.nextItemInFocusChain(!backwards).forceActiveFocus(backwards ? Qt.BacktabFocusReason : Qt.TabFocusReason)
                }
                Keys.onBacktabPressed: input.nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
                Keys.onUpPressed: event => {
                    if (mentionPopup.visible)
                        mentionList.decrementCurrentIndex()
                    else
                        event.accepted = false
                }
                Keys.onDownPressed: event => {
                    if (mentionPopup.visible)
                        mentionList.incrementCurrentIndex()
                    else
                        event.accepted = false
                }
                Keys.onEscapePressed: event => {
                    if (mentionPopup.visible)
                        composer.mentionDismissed = true
                    else if (composer.editing)
                        composer.stopEditing()
                    else if (composer.replySeq >= 0)
                        composer.stopReplying()
                    else if (composer.hasFile)
                        composer.pendingFile = ""
                    else
                        event.accepted = false
                }
                // A copied file or picture (a screenshot) becomes the file to send; text pastes as text.
                Keys.onPressed: event => {
                    event.accepted = false
                    if (!event.matches(StandardKey.Paste) || !composer.client.canSendFiles)
                        return
                    const file = ClipboardAttachment.file()
                    if (file.toString().length > 0) {
                        composer.attach(file)
                        event.accepted = true
                    }
                }
                onTextChanged: {
                    if (composer.editing || text === composer.client.draft)
                        return // a conversation's draft put back, not typing
                    composer.client.draft = text
                    if (text.length > 0)
                        composer.client.userTyping()
                }
            }
        }

        Label {
            visible: composer.problem.length > 0
            text: composer.problem
            color: Theme.error
            font.pixelSize: 12
            Accessible.role: Accessible.AlertMessage
        }

        Button {
            objectName: "sendButton"
            text: composer.editing ? qsTr("Save") : qsTr("Send")
            highlighted: true
            enabled: (input.text.length > 0 || (composer.hasFile && !composer.editing)) && composer.problem.length === 0
            Accessible.name: composer.editing ? qsTr("Save the edited message") : qsTr("Send message")
            onClicked: composer.send()
        }
    }
    }
}
