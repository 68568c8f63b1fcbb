import QtQuick
import QtQuick.Controls
import Parley.Client

// How the current conversation notifies: every message, only mentions, or never (kept in the
// settings, per room and conversation).
Menu {
    id: menu

    required property ChatClient client
    /// "all", "mentions" or "none", as the settings say now.
    property string level: "all"

    function refresh() {
        level = AppSettings.notifyLevel(client.roomId, client.currentConversation)
    }

    Component.onCompleted: refresh()
    Connections {
        target: AppSettings
        function onNotifyLevelsChanged() { menu.refresh() }
    }
    Connections {
        target: menu.client
        function onCurrentConversationChanged() { menu.refresh() }
        function onRoomIdChanged() { menu.refresh() }
    }

    Repeater {
        model: [
            { level: "all", text: qsTr("Every message") },
            { level: "mentions", text: qsTr("Only when I am mentioned") },
            { level: "none", text: qsTr("Never") },
        ]
        MenuItem {
            required property var modelData
            text: modelData.text
            checkable: true
            checked: menu.level === modelData.level
            onTriggered: AppSettings.setNotifyLevel(menu.client.roomId, menu.client.currentConversation, modelData.level)
        }
    }
}
