import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// An image shown whole, over the room: its thumbnail at once, the full picture once fetched.
Popup {
    id: viewer
    objectName: "imageViewer"

    property string name
    property url thumbnail
    property url full

    function show(name, thumbnail) {
        viewer.name = name
        viewer.thumbnail = thumbnail
        viewer.full = ""
        open()
    }

    modal: true
    focus: true
    padding: 12
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    background: Rectangle { color: Theme.viewerBackground; opacity: 0.96 }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: viewer.name
                textFormat: Text.PlainText
                color: Theme.viewerText
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            ToolButton {
                text: "✕"
                palette.buttonText: Theme.viewerText
                Accessible.name: qsTr("Close")
                onClicked: viewer.close()
            }
        }
        Image {
            id: picture
            objectName: "viewerImage"
            Layout.fillWidth: true
            Layout.fillHeight: true
            source: viewer.full.toString().length > 0 ? viewer.full : viewer.thumbnail
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            // Decoded at the size shown: a huge picture costs what the screen shows, not its pixels.
            sourceSize.width: width * Screen.devicePixelRatio
            sourceSize.height: height * Screen.devicePixelRatio
            Accessible.role: Accessible.Graphic
            Accessible.name: viewer.name
            TapHandler { onTapped: viewer.close() }
        }
        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            running: viewer.full.toString().length === 0
            visible: running
        }
    }
}
