import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Asks for a room's password when joining one that needs it (from the Join list, a typed
// address or `parley --connect`), then joins again with it.
Dialog {
    id: dialog

    property url address

    signal passwordEntered(string address, string password)

    function ask(roomAddress) {
        address = roomAddress
        passwordField.text = ""
        open()
    }

    objectName: "passwordDialog"
    modal: true
    title: qsTr("Password needed")
    standardButtons: Dialog.Ok | Dialog.Cancel
    onOpened: passwordField.forceActiveFocus()
    onAccepted: passwordEntered(address.toString(), passwordField.text)

    ColumnLayout {
        width: parent.width
        spacing: 10
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("The room at %1 needs a password. Ask its host for it.").arg(dialog.address.toString())
        }
        TextField {
            id: passwordField
            objectName: "dialogPassword"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("Room password")
            Accessible.name: qsTr("Room password")
            onAccepted: if (text.length > 0) dialog.accept()
        }
    }
}
