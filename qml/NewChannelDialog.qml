import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// Makes a channel: a name (unique on the server) and an optional topic.
Dialog {
    id: dialog

    required property ChatClient client
    property string problem

    title: qsTr("New channel")
    modal: true
    onAboutToShow: {
        nameField.clear()
        topicField.clear()
        problem = ""
        creating = false
    }
    onOpened: nameField.forceActiveFocus()

    function create() {
        problem = ""
        if (client.createChannel(nameField.text, topicField.text))
            creating = true
    }
    property bool creating: false

    Connections {
        target: dialog.client
        function onChannelRefused(reason) {
            dialog.creating = false
            dialog.problem = reason
        }
        function onCurrentConversationChanged() {
            if (dialog.creating) {
                dialog.creating = false
                dialog.close()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label { text: qsTr("Name") }
        TextField {
            id: nameField
            objectName: "channelNameField"
            Layout.fillWidth: true
            placeholderText: qsTr("e.g. homework")
            Accessible.name: qsTr("Channel name")
            maximumLength: 33
            onAccepted: dialog.create()
        }
        Label { text: qsTr("Topic (optional)") }
        TextField {
            id: topicField
            Layout.fillWidth: true
            Accessible.name: qsTr("Channel topic")
            maximumLength: 250
            onAccepted: dialog.create()
        }
        Label {
            visible: dialog.problem.length > 0
            text: dialog.problem
            color: Theme.error
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "createChannelButton"
            text: qsTr("Create")
            highlighted: true
            enabled: nameField.text.trim().length > 0 && !dialog.creating
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            Accessible.name: qsTr("Create channel")
            onClicked: dialog.create()
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
