import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// Ctrl+K: type part of a name, Enter goes there (joining a channel one is not in yet); Up and
// Down pick among the matches.
Popup {
    id: switcher

    required property ChatClient client
    readonly property var matches: client.conversations.search(field.text)

    modal: true
    focus: true
    padding: 8
    onAboutToShow: {
        field.clear()
        results.currentIndex = 0
    }
    onOpened: field.forceActiveFocus()

    function choose(index) {
        if (index >= 0 && index < matches.length) {
            client.joinChannel(matches[index]) // or just goes there, if one is in it
            close()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6
        TextField {
            id: field
            objectName: "quickSwitcherField"
            Layout.fillWidth: true
            placeholderText: qsTr("Go to a conversation…")
            Accessible.name: qsTr("Conversation to go to")
            onTextChanged: results.currentIndex = 0
            onAccepted: switcher.choose(results.currentIndex)
            Keys.onUpPressed: results.decrementCurrentIndex()
            Keys.onDownPressed: results.incrementCurrentIndex()
        }
        ListView {
            id: results
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 240)
            clip: true
            model: switcher.matches
            highlightMoveDuration: 0
            delegate: ItemDelegate {
                required property string modelData
                required property int index
                width: ListView.view.width
                text: switcher.client.conversations.titleOf(modelData)
                highlighted: ListView.isCurrentItem
                onClicked: switcher.choose(index)
            }
        }
        Label {
            visible: switcher.matches.length === 0
            text: qsTr("No conversation by that name")
            opacity: 0.7
        }
    }
}
