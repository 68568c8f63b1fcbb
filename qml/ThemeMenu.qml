import QtQuick
import QtQuick.Controls
import Parley.Client

// Light or dark colours, or the system's (kept in the settings).
Menu {
    title: qsTr("Theme")

    Repeater {
        model: [
            { scheme: AppSettings.FollowSystem, name: "themeSystem", text: qsTr("Follow the system") },
            { scheme: AppSettings.Light, name: "themeLight", text: qsTr("Light") },
            { scheme: AppSettings.Dark, name: "themeDark", text: qsTr("Dark") },
        ]
        MenuItem {
            required property var modelData
            objectName: modelData.name
            text: modelData.text
            checkable: true
            checked: AppSettings.colorScheme === modelData.scheme
            onTriggered: AppSettings.colorScheme = modelData.scheme
        }
    }
}
