import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// Says what the connection is doing whenever it is not simply connected, and what went wrong
// while connected (the room could not store a message, say).
Rectangle {
    id: banner

    required property ChatClient client

    signal backRequested()

    readonly property bool problemWhileConnected: client.state === ChatClient.Connected && client.errorString.length > 0
    visible: client.state !== ChatClient.Connected || problemWhileConnected
    implicitHeight: visible ? content.implicitHeight + 16 : 0
    objectName: "connectionBanner"
    color: client.state === ChatClient.Connecting ? Theme.infoBanner
         : client.state === ChatClient.Closed ? Theme.errorBanner : Theme.warningBanner
    Accessible.role: Accessible.AlertMessage
    Accessible.name: message.text

    RowLayout {
        id: content
        anchors.fill: parent
        anchors.margins: 8
        spacing: 10
        BusyIndicator {
            running: banner.visible && banner.client.reconnectSeconds === 0
                     && banner.client.state !== ChatClient.Closed && !banner.problemWhileConnected
            visible: running
            Layout.preferredWidth: 24
            Layout.preferredHeight: 24
        }
        Label {
            id: message
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: {
                switch (banner.client.state) {
                case ChatClient.Connecting:
                    return qsTr("Connecting to %1…").arg(banner.client.url.toString())
                case ChatClient.Reconnecting:
                    if (banner.client.reconnectSeconds > 0)
                        return qsTr("Connection lost. Reconnecting in %n s…", "", banner.client.reconnectSeconds)
                    return qsTr("Reconnecting…")
                case ChatClient.Closed:
                case ChatClient.Connected:
                    return banner.client.errorString
                default:
                    return qsTr("Offline")
                }
            }
        }
        Button {
            visible: banner.client.reconnectSeconds > 0
            text: qsTr("Retry now")
            flat: true
            Accessible.name: text
            onClicked: banner.client.reconnectNow()
        }
        Button {
            objectName: "backButton"
            visible: banner.client.state === ChatClient.Closed
            text: qsTr("Back to the start page")
            Accessible.name: text
            onClicked: banner.backRequested()
        }
    }
}
