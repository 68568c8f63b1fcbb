import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// The room: header with the live count, the conversation, who is online, and the input.
Page {
    id: page
    objectName: "chatPage"

    required property ChatClient client
    required property RoomHost host
    property bool membersShown: width > 760

    signal leaveRequested()

    background: Rectangle { color: "#ffffff" }

    Component.onCompleted: composer.focusInput()

    Shortcut {
        sequence: "Esc"
        enabled: page.membersShown && page.width <= 760
        onActivated: page.membersShown = false
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 8
            spacing: 12
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
                Label {
                    visible: page.host.running
                    text: page.host.shareUrls.length > 0
                          ? qsTr("Hosting — others join at %1").arg(page.host.shareUrls.join(qsTr(" or ")))
                          : qsTr("Hosting on port %1").arg(page.host.port)
                    font.pixelSize: 12
                    opacity: 0.7
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    visible: page.host.running && page.host.announceError.length > 0
                    text: qsTr("Not listed on the network (%1); others can still join by address").arg(page.host.announceError)
                    font.pixelSize: 12
                    color: "#b3261e"
                    elide: Text.ElideRight
                    Layout.fillWidth: true
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

        RowLayout {
            spacing: 0
            Layout.fillWidth: true
            Layout.fillHeight: true

            MessageView {
                model: page.client.messages
                onOlderWanted: page.client.loadOlder()
                Layout.fillWidth: true
                Layout.fillHeight: true
            }

            MemberPanel {
                visible: page.membersShown
                model: page.client.members
                count: page.client.userCount
                live: page.client.state === ChatClient.Connected
                Layout.preferredWidth: 230
                Layout.fillHeight: true
            }
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
            client: page.client
            Layout.fillWidth: true
        }
    }
}
