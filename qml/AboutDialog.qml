import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Name, version (set once in CMake, the same as `parley --version`) and licence.
Dialog {
    id: dialog

    modal: true
    title: qsTr("About Parley")
    standardButtons: Dialog.Close

    ColumnLayout {
        width: parent.width
        spacing: 10

        RowLayout {
            spacing: 14
            Image {
                source: "qrc:/Parley/icons/parley.svg"
                sourceSize: Qt.size(56, 56)
                Accessible.ignored: true
            }
            ColumnLayout {
                spacing: 2
                Label {
                    text: "Parley"
                    font.pixelSize: 24
                    font.bold: true
                }
                Label {
                    objectName: "version"
                    text: qsTr("Version %1").arg(Qt.application.version)
                }
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("Chat live with the people around you — no cloud needed. Host a room on your computer, or join one on your network.")
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            opacity: 0.75
            text: qsTr("Free software under the MIT licence. Built with Qt.")
        }
    }
}
