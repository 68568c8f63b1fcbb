import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// A file a chat carries: an image shown from its thumbnail, or a file to save or open; with its
// transfer's progress while one is on its way.
ColumnLayout {
    id: attachment

    required property string fileName
    required property real fileSize
    required property bool isImage
    required property int imageWidth
    required property int imageHeight
    required property url thumbnail
    required property Transfer transfer
    /// The widest the picture may be.
    property real maxWidth: 320

    signal viewRequested()
    signal saveRequested()
    signal openRequested()
    signal cancelRequested()

    spacing: 4

    // Sized from the image's own size before its thumbnail arrives, so the list does not jump.
    readonly property size shownSize: {
        const width = imageWidth > 0 ? imageWidth : picture.implicitWidth
        const height = imageHeight > 0 ? imageHeight : picture.implicitHeight
        if (width <= 0 || height <= 0)
            return Qt.size(Math.min(maxWidth, 240), 160)
        const scale = Math.min(1, maxWidth / width, 240 / height)
        return Qt.size(Math.max(1, width * scale), Math.max(1, height * scale))
    }

    Rectangle {
        visible: attachment.isImage
        Layout.preferredWidth: attachment.shownSize.width
        Layout.preferredHeight: attachment.shownSize.height
        radius: 6
        color: Theme.placeholder
        clip: true
        Image {
            id: picture
            objectName: "attachmentImage"
            anchors.fill: parent
            source: attachment.thumbnail
            sourceSize.width: 480
            sourceSize.height: 480
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("Image %1").arg(attachment.fileName)
        }
        BusyIndicator {
            anchors.centerIn: parent
            running: picture.status !== Image.Ready
            visible: running
        }
        HoverHandler { cursorShape: Qt.PointingHandCursor }
        TapHandler { onTapped: attachment.viewRequested() }
    }

    // The name gives way (elided in the middle) to the buttons, never the other way round.
    RowLayout {
        spacing: 8
        Layout.fillWidth: true
        Label {
            visible: !attachment.isImage
            text: "📄"
            font.pixelSize: 26
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                objectName: "attachmentName"
                text: attachment.fileName
                textFormat: Text.PlainText
                font.bold: !attachment.isImage
                font.pixelSize: attachment.isImage ? 12 : 14
                elide: Text.ElideMiddle
                Layout.fillWidth: true
                ToolTip.visible: nameHover.hovered && truncated
                ToolTip.text: attachment.fileName
                HoverHandler { id: nameHover }
            }
            Label {
                text: Qt.locale().formattedDataSize(attachment.fileSize)
                font.pixelSize: 11
                opacity: 0.7
            }
        }
        ToolButton {
            objectName: "saveFileButton"
            visible: !attachment.transfer
            text: qsTr("Save as…")
            font.pixelSize: 12
            Accessible.name: qsTr("Save %1 as…").arg(attachment.fileName)
            onClicked: attachment.saveRequested()
        }
        ToolButton {
            objectName: "openFileButton"
            visible: !attachment.isImage && !attachment.transfer
            text: qsTr("Open")
            font.pixelSize: 12
            Accessible.name: qsTr("Open %1").arg(attachment.fileName)
            onClicked: attachment.openRequested()
        }
    }

    TransferProgress {
        visible: attachment.transfer !== null
        transfer: attachment.transfer
        Layout.fillWidth: true
        Layout.minimumWidth: 220
        onCancelRequested: attachment.cancelRequested()
    }
}
