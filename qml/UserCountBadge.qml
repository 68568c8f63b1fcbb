import QtQuick
import QtQuick.Controls

// "● 3 online": the live user count; clicking it shows who. While offline the count is not
// current, and the badge says so instead of showing a stale number as if it were live.
AbstractButton {
    id: badge

    property int count: 0
    property bool live: true

    implicitWidth: row.implicitWidth + leftPadding + rightPadding
    implicitHeight: 30
    leftPadding: 12
    rightPadding: 12
    Accessible.name: live ? qsTr("%n people online", "", count) : qsTr("Offline: who is online is unknown")
    Accessible.role: Accessible.Button
    focusPolicy: Qt.StrongFocus

    background: Rectangle {
        radius: height / 2
        color: !badge.live ? Theme.offlineBadge
             : badge.down ? Theme.liveBadgePressed : (badge.hovered || badge.visualFocus ? Theme.liveBadgeHovered : Theme.liveBadge)
        border.color: badge.visualFocus ? Theme.accentBorder : "transparent"
    }

    contentItem: Row {
        id: row
        spacing: 6
        Rectangle {
            width: 8
            height: 8
            radius: 4
            color: badge.live ? Theme.online : Theme.offline
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            objectName: "badgeText"
            anchors.verticalCenter: parent.verticalCenter
            text: badge.live ? qsTr("%n online", "", badge.count) : qsTr("offline")
            color: badge.live ? Theme.accent : Theme.secondaryText
            font.bold: true
        }
    }
}
