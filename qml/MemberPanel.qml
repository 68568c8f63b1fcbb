import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Who is online, kept current by presence updates. Clicking someone opens a direct
// conversation with them (in rooms that have them).
Pane {
    id: panel

    property alias model: list.model
    property int count: 0
    /// False while disconnected: the list is who was online when the link broke.
    property bool live: true
    property bool canMessage: false
    /// The reader is a moderator: each member has a menu of moderator actions.
    property bool canModerate: false

    signal memberChosen(string memberId)
    /// One's own row was clicked: to change one's name.
    signal renameRequested()
    /// A moderator's action chosen from a member's menu: kick, ban, unban, mute, unmute, and
    /// for how many minutes (0: until lifted).
    signal moderationRequested(string memberId, string name, string action, int minutes)

    padding: 0
    background: Rectangle {
        color: Theme.panel
        Rectangle { width: 1; height: parent.height; color: Theme.divider }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        Label {
            text: panel.live ? qsTr("Online — %1").arg(panel.count) : qsTr("Last seen online")
            font.bold: true
            padding: 12
            Layout.fillWidth: true
        }
        ListView {
            id: list
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            Accessible.name: qsTr("People online")
            ScrollBar.vertical: ScrollBar {}
            delegate: ItemDelegate {
                id: memberRow
                required property string memberId
                required property string name
                required property bool isSelf
                required property string tag
                objectName: "member-" + name
                onClicked: {
                    if (isSelf)
                        panel.renameRequested()
                    else if (panel.canMessage)
                        panel.memberChosen(memberId)
                }
                ToolTip.visible: hovered && (isSelf || panel.canMessage)
                ToolTip.text: isSelf ? qsTr("Change your name") : qsTr("Message %1").arg(name)
                width: ListView.view.width
                // A tag tells apart names that look alike ("Alice #k3j9", "Аlice #p0qz").
                readonly property string shownName: tag.length > 0 ? "%1 %2".arg(name).arg(tag) : name
                text: isSelf ? qsTr("%1 (you)").arg(shownName) : shownName
                font.bold: isSelf
                Accessible.name: text
                readonly property bool moderatable: panel.canModerate && !isSelf
                // Right-click: the moderator's menu. A MouseArea takes the right button only, so the
                // press never reaches the delegate (whose click opens a direct conversation).
                MouseArea {
                    anchors.fill: parent
                    acceptedButtons: Qt.RightButton
                    enabled: memberRow.moderatable
                    onClicked: moderationMenu.popup()
                }
                contentItem: Row {
                    spacing: 8
                    Avatar {
                        size: 24
                        memberId: memberRow.memberId
                        name: memberRow.name
                        anchors.verticalCenter: parent.verticalCenter
                        // Online (or, while disconnected, last seen so).
                        Rectangle {
                            objectName: "presenceDot"
                            anchors.right: parent.right
                            anchors.bottom: parent.bottom
                            anchors.margins: -1
                            width: 10; height: 10; radius: 5
                            color: panel.live ? Theme.online : Theme.offline
                            border.color: Theme.panel
                            border.width: 2
                        }
                    }
                    Label {
                        text: memberRow.text
                        textFormat: Text.PlainText
                        font: memberRow.font
                        elide: memberRow.isSelf ? Text.ElideMiddle : Text.ElideRight // "(you)" stays
                        width: list.width - (memberRow.moderatable ? 88 : 56)
                        anchors.verticalCenter: parent.verticalCenter
                    }
                    ToolButton {
                        objectName: "moderate-" + memberRow.name
                        visible: memberRow.moderatable
                        text: "⋯"
                        implicitHeight: 24
                        Accessible.name: qsTr("Moderate %1").arg(memberRow.name)
                        onClicked: moderationMenu.popup()
                    }
                }
                MemberModerationMenu {
                    id: moderationMenu
                    memberId: memberRow.memberId
                    name: memberRow.name
                    onActionChosen: (memberId, name, action, minutes) => panel.moderationRequested(memberId, name, action, minutes)
                }
            }
        }
    }
}
