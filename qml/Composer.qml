import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// The message input: Enter sends, Shift+Enter starts a new line; what cannot be sent says why.
Pane {
    id: composer

    required property ChatClient client
    readonly property string problem: input.text.length > 0 ? client.textProblem(input.text) : ""
    /// The name being typed after an "@" just before the cursor, or null.
    readonly property var mentionPrefix: {
        const before = input.text.substring(0, input.cursorPosition)
        const match = /(?:^|\s)@([^\s@]*)$/.exec(before)
        return match ? match[1] : null
    }
    readonly property var mentionCandidates: mentionPrefix !== null ? client.mentionCandidates(mentionPrefix) : []
    property bool mentionDismissed: false
    onMentionPrefixChanged: if (mentionPrefix === null) mentionDismissed = false

    padding: 10
    background: Rectangle {
        color: "#ffffff"
        Rectangle { width: parent.width; height: 1; color: "#e1e4e8" }
    }

    function focusInput() {
        input.forceActiveFocus()
    }

    // Each conversation keeps what was typed in it.
    Connections {
        target: composer.client
        function onCurrentConversationChanged() {
            input.text = composer.client.draft
            input.cursorPosition = input.length // go on where one stopped
        }
    }

    function send() {
        if (input.text.length === 0 || composer.problem.length > 0)
            return
        if (composer.client.sendMessage(input.text))
            input.clear()
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

    RowLayout {
        anchors.fill: parent
        spacing: 8

        ScrollView {
            Layout.fillWidth: true
            Layout.maximumHeight: 140
            Layout.preferredHeight: Math.min(input.implicitHeight, 140)
            TextArea {
                id: input
                focus: true
                wrapMode: TextArea.Wrap
                textFormat: TextArea.PlainText
                placeholderText: qsTr("Message %1").arg(composer.client.currentTitle)
                Accessible.name: qsTr("Message")
                Accessible.description: qsTr("Enter sends, Shift+Enter starts a new line")
                Keys.onReturnPressed: event => composer.handleReturn(event)
                Keys.onEnterPressed: event => composer.handleReturn(event)
                Keys.onTabPressed: event => {
                    if (mentionPopup.visible)
                        composer.completeMention(composer.mentionCandidates[mentionList.currentIndex])
                    else
                        event.accepted = false
                }
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
                    else
                        event.accepted = false
                }
                onTextChanged: {
                    if (text === composer.client.draft)
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
            color: "#b3261e"
            font.pixelSize: 12
            Accessible.role: Accessible.AlertMessage
        }

        Button {
            text: qsTr("Send")
            highlighted: true
            enabled: input.text.length > 0 && composer.problem.length === 0
            Accessible.name: qsTr("Send message")
            onClicked: composer.send()
        }
    }
}
