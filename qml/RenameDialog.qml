import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// Changes the name this member goes by, in the room and from now on. Stays open until the room
// has taken the name, or says why it did not.
Dialog {
    id: dialog

    required property ChatClient client
    property string problem
    property bool renaming: false
    /// Said while typing, before the room is asked.
    readonly property string hint: nameField.text.length > 0 && nameField.text.trim().length === 0
                                   ? qsTr("A name cannot be only spaces.")
                                   : nameField.length >= client.maxNameLength && client.maxNameLength > 0
                                     ? qsTr("A name has at most %n characters.", "", client.maxNameLength) : ""

    title: qsTr("Change your name")
    modal: true
    onAboutToShow: {
        nameField.text = client.displayName
        nameField.selectAll()
        problem = ""
        renaming = false
    }
    onOpened: nameField.forceActiveFocus()

    function rename() {
        problem = ""
        if (nameField.text.trim() === client.displayName)
            close()
        else if (client.rename(nameField.text))
            renaming = true
    }

    Connections {
        target: dialog.client
        function onRenameRefused(reason) {
            dialog.renaming = false
            dialog.problem = reason
        }
        function onRenamed() {
            if (dialog.renaming) {
                dialog.renaming = false
                dialog.close()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        TextField {
            id: nameField
            objectName: "renameField"
            Layout.fillWidth: true
            Layout.preferredWidth: 320
            Accessible.name: qsTr("Your name")
            maximumLength: dialog.client.maxNameLength
            onAccepted: dialog.rename()
        }
        Label {
            objectName: "renameProblem"
            visible: text.length > 0
            text: dialog.problem.length > 0 ? dialog.problem : dialog.hint
            color: Theme.error
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "renameButton"
            text: qsTr("Change")
            highlighted: true
            enabled: nameField.text.trim().length > 0 && !dialog.renaming
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            Accessible.name: qsTr("Change your name")
            onClicked: dialog.rename()
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
