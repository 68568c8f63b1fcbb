import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// What a room's moderators (and those who would become one) see besides the member menus: the
// confirmation of an action on a member (with the reason they are told), the moderator
// password, and the audit log.
Item {
    id: dialogs

    required property ChatClient client

    /// Asks before acting on a member; the reason goes to them and to the audit log.
    function confirm(memberId, name, action, minutes) {
        if (action === "unmute" || action === "unban") {
            client.moderateMember(action, memberId, 0, "")
            return
        }
        confirmDialog.memberId = memberId
        confirmDialog.name = name
        confirmDialog.action = action
        confirmDialog.minutes = minutes
        reason.clear()
        confirmDialog.open()
    }

    function askPassword() {
        passwordField.clear()
        passwordDialog.problem = ""
        passwordDialog.open()
    }

    function showAuditLog() {
        client.loadAuditLog(false)
        auditDialog.open()
    }

    Connections {
        target: dialogs.client
        function onModeratorRefused(reason) {
            passwordDialog.problem = reason
            passwordDialog.open()
        }
    }

    Dialog {
        id: confirmDialog
        objectName: "moderationDialog"
        property string memberId
        property string name
        property string action
        property int minutes
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent ? parent.width - 40 : 400, 420)
        modal: true
        title: action === "kick" ? qsTr("Remove %1 from the room?").arg(name)
               : action === "ban" ? (minutes > 0 ? qsTr("Ban %1 for a day?").arg(name) : qsTr("Ban %1 for good?").arg(name))
               : minutes >= 60 ? qsTr("Mute %1 for an hour?").arg(name) : qsTr("Mute %1 for 10 minutes?").arg(name)
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: confirmDialog.action === "kick" ? qsTr("They can join again; a ban keeps them out.")
                      : confirmDialog.action === "ban" ? qsTr("They cannot come back, from their identity or from their address, until the ban ends or is lifted in the audit log.")
                      : qsTr("They can read but not post until then.")
            }
            TextField {
                id: reason
                objectName: "moderationReason"
                Layout.fillWidth: true
                maximumLength: 250
                placeholderText: qsTr("Reason (they will see it)")
                Accessible.name: qsTr("Reason")
                onAccepted: confirmDialog.accept()
            }
        }
        footer: DialogButtonBox {
            Button {
                objectName: "confirmModeration"
                text: confirmDialog.action === "kick" ? qsTr("Remove") : confirmDialog.action === "ban" ? qsTr("Ban") : qsTr("Mute")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        // Typing goes to the reason (never to the button, where a space would confirm).
        onOpened: reason.forceActiveFocus()
        onAccepted: dialogs.client.moderateMember(action, memberId, minutes, reason.text)
    }

    Dialog {
        id: passwordDialog
        objectName: "moderatorPasswordDialog"
        property string problem
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent ? parent.width - 40 : 400, 400)
        modal: true
        title: qsTr("Become a moderator")
        onOpened: passwordField.forceActiveFocus()
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("Moderators can delete any message, remove, mute and ban members, set a slow mode and lock the room. Ask the room's administrator for the moderator password.")
            }
            TextField {
                id: passwordField
                objectName: "moderatorPasswordField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                placeholderText: qsTr("Moderator password")
                Accessible.name: qsTr("Moderator password")
                onAccepted: passwordDialog.accept()
            }
            Label {
                visible: passwordDialog.problem.length > 0
                text: passwordDialog.problem
                color: Theme.error
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
            }
        }
        standardButtons: Dialog.Ok | Dialog.Cancel
        onAccepted: if (passwordField.text.length > 0) dialogs.client.becomeModerator(passwordField.text)
    }

    Dialog {
        id: auditDialog
        objectName: "auditLogDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent ? parent.width - 40 : 520, 560)
        height: Math.min(parent ? parent.height - 40 : 420, 480)
        modal: true
        title: qsTr("What moderators did")
        standardButtons: Dialog.Close
        ListView {
            id: auditList
            objectName: "auditLogList"
            anchors.fill: parent
            clip: true
            model: dialogs.client.auditLog
            ScrollBar.vertical: ScrollBar {}
            onAtYEndChanged: if (atYEnd && count > 0) dialogs.client.loadAuditLog(true)
            delegate: ItemDelegate {
                id: entry
                required property date timestamp
                required property string moderatorName
                required property string description
                required property string entryAction
                required property string targetId
                width: ListView.view.width
                Accessible.name: "%1 %2".arg(moderatorName).arg(description)
                contentItem: RowLayout {
                    spacing: 8
                    ColumnLayout {
                        spacing: 0
                        Layout.fillWidth: true
                        Label {
                            text: entry.timestamp.toLocaleString(Qt.locale(), Locale.ShortFormat)
                            font.pixelSize: 11
                            opacity: 0.7
                        }
                        Label {
                            text: "%1 %2".arg(entry.moderatorName).arg(entry.description)
                            textFormat: Text.PlainText
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                    Button {
                        visible: entry.entryAction === "ban"
                        text: qsTr("Lift ban")
                        onClicked: dialogs.client.moderateMember("unban", entry.targetId, 0, "")
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: auditList.count === 0
                text: qsTr("Nothing yet.")
                opacity: 0.7
            }
        }
    }
}
