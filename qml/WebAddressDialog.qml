import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley // its C++ types (QrCode): Qt 6.4 does not bring them in with the implicit import

// The hosted room's web address, as text and as a QR code: anyone on the network opens it in a
// browser (a phone scans it) and chats without installing Parley.
Dialog {
    id: dialog
    objectName: "webAddressDialog"

    /// Where a browser finds the room, one per network address of this computer.
    property list<string> urls

    title: qsTr("Join from a browser")
    modal: true
    standardButtons: Dialog.Close

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        Label {
            text: qsTr("Open this address in a browser on the same network, or scan the code with a phone's camera:")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        QrCode {
            objectName: "webQrCode"
            text: dialog.urls.length > 0 ? dialog.urls[0] : ""
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 240
            Layout.preferredHeight: 240
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("QR code of %1").arg(text)
        }
        Repeater {
            model: dialog.urls
            delegate: TextEdit {
                required property string modelData
                objectName: "webAddress"
                text: modelData
                readOnly: true
                selectByMouse: true
                font.pixelSize: 15
                color: palette.text
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
        }
    }
}
