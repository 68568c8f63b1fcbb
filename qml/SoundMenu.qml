import QtQuick
import QtQuick.Controls
import Parley.Client

// Which notifications play a sound (kept in the settings; each conversation's notification
// level still decides whether it notifies at all).
Menu {
    title: qsTr("Sounds")
    width: 320 // the longest choice in full

    Repeater {
        model: [
            { sound: AppSettings.DirectAndMentions, name: "soundForMe", text: qsTr("For direct messages and mentions") },
            { sound: AppSettings.Everything, name: "soundEverything", text: qsTr("For every notification") },
            { sound: AppSettings.Off, name: "soundOff", text: qsTr("Off") },
        ]
        MenuItem {
            required property var modelData
            objectName: modelData.name
            text: modelData.text
            checkable: true
            checked: AppSettings.notificationSound === modelData.sound
            onTriggered: AppSettings.notificationSound = modelData.sound
        }
    }
}
