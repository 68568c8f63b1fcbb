import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// The rooms announced on this network, live. Choosing one asks to join it.
ColumnLayout {
    id: list

    required property NearbyRoomModel model
    property bool enabledForJoin: true

    signal roomChosen(url url, bool passwordRequired)

    spacing: 4

    RowLayout {
        Layout.fillWidth: true
        Label {
            text: qsTr("Rooms on this network")
            font.bold: true
            Layout.fillWidth: true
        }
        ToolButton {
            text: qsTr("Refresh")
            onClicked: list.model.refresh()
            Accessible.name: qsTr("Look for rooms again")
        }
    }

    ListView {
        id: view
        objectName: "nearbyRooms"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(Math.max(contentHeight, 44), 220)
        clip: true
        model: list.model
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Rooms on this network")

        delegate: ItemDelegate {
            id: row
            required property string name
            required property url url
            required property string address
            required property int members
            required property bool passwordRequired
            required property bool tls
            required property bool compatible

            width: ListView.view.width
            enabled: list.enabledForJoin && compatible
            Accessible.name: qsTr("%1, %n people", "", members).arg(name)
            onClicked: list.roomChosen(row.url, row.passwordRequired)

            contentItem: RowLayout {
                spacing: 10
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true
                    Label {
                        text: row.name
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: row.compatible ? row.address : qsTr("%1 · needs a different version of Parley").arg(row.address)
                        font.pixelSize: 11
                        opacity: 0.7
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
                Label {
                    visible: row.tls
                    text: qsTr("Encrypted")
                    font.pixelSize: 11
                    opacity: 0.7
                }
                Label {
                    visible: row.passwordRequired
                    text: qsTr("Password")
                    font.pixelSize: 11
                    opacity: 0.7
                }
                Label {
                    text: qsTr("%n online", "", row.members)
                    opacity: 0.8
                }
            }
        }

        Label {
            anchors.centerIn: parent
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: view.count === 0
            wrapMode: Text.Wrap
            opacity: 0.6
            text: list.model.errorString.length > 0 ? list.model.errorString
                                                     : qsTr("Looking for rooms… Rooms hosted on this network appear here.")
        }
    }
}
