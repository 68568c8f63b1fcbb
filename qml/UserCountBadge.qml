import QtQuick
import QtQuick.Controls

// "● 3 online": the live user count; clicking it shows who.
AbstractButton {
    id: badge

    property int count: 0

    implicitWidth: row.implicitWidth + leftPadding + rightPadding
    implicitHeight: 30
    leftPadding: 12
    rightPadding: 12
    Accessible.name: qsTr("%n people online", "", count)
    Accessible.role: Accessible.Button
    focusPolicy: Qt.StrongFocus

    background: Rectangle {
        radius: height / 2
        color: badge.down ? "#c8e6d7" : (badge.hovered || badge.visualFocus ? "#d9efe3" : "#e6f4ec")
        border.color: badge.visualFocus ? "#1f7a5a" : "transparent"
    }

    contentItem: Row {
        id: row
        spacing: 6
        Rectangle {
            width: 8
            height: 8
            radius: 4
            color: "#2e9d6a"
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("%n online", "", badge.count)
            color: "#17563f"
            font.bold: true
        }
    }
}
