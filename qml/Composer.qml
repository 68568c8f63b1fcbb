import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// The message input: Enter sends, Shift+Enter starts a new line; what cannot be sent says why.
Pane {
    id: composer

    required property ChatClient client
    readonly property string problem: input.text.length > 0 ? client.textProblem(input.text) : ""

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
        function onCurrentConversationChanged() { input.text = composer.client.draft }
    }

    function send() {
        if (input.text.length === 0 || composer.problem.length > 0)
            return
        if (composer.client.sendMessage(input.text))
            input.clear()
    }

    function handleReturn(event) {
        if (event.modifiers & Qt.ShiftModifier) {
            event.accepted = false // the TextArea inserts the new line
        } else {
            composer.send()
            event.accepted = true
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
                onTextChanged: {
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
