import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// Ctrl+F: search every conversation one reads. Typing searches (after a short pause); a result
// opens its conversation at that message. Older results load as the list is scrolled to its end.
Popup {
    id: panel

    required property ChatClient client
    readonly property SearchResultModel results: client.searchResults
    /// A result was chosen: its conversation is to be shown at it.
    signal resultChosen(string conversation, real seq)

    focus: true
    padding: 8
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    onOpened: {
        field.forceActiveFocus()
        field.selectAll()
    }

    function choose(index) {
        if (index < 0 || index >= list.count)
            return
        const item = list.itemAtIndex(index)
        if (item) {
            resultChosen(item.conversation, item.seq)
            close()
        }
    }

    // Each keystroke would be a query to the room: wait for a pause in the typing.
    Timer {
        id: typingPause
        interval: 300
        onTriggered: panel.client.search(field.text)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6
        Label {
            text: qsTr("Search every conversation you are in")
            font.bold: true
            Layout.fillWidth: true
            elide: Text.ElideRight
        }
        TextField {
            id: field
            objectName: "searchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search messages…")
            Accessible.name: qsTr("Search messages")
            onTextEdited: typingPause.restart()
            onAccepted: {
                if (typingPause.running || text.trim() !== panel.results.query) {
                    typingPause.stop()
                    panel.client.search(text)
                } else {
                    panel.choose(list.currentIndex)
                }
            }
            Keys.onUpPressed: list.decrementCurrentIndex()
            Keys.onDownPressed: list.incrementCurrentIndex()
        }
        ListView {
            id: list
            objectName: "searchResults"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 360)
            clip: true
            model: panel.results
            highlightMoveDuration: 0
            ScrollBar.vertical: ScrollBar {}
            onAtYEndChanged: if (atYEnd && count > 0) panel.client.searchMore()
            delegate: ItemDelegate {
                id: result
                required property int index
                required property real seq
                required property string conversation
                required property string conversationTitle
                required property string senderName
                required property string messageText
                required property string html
                required property date timestamp
                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                Accessible.name: qsTr("%1 in %2: %3").arg(senderName).arg(conversationTitle).arg(messageText)
                onClicked: panel.choose(index)
                contentItem: ColumnLayout {
                    spacing: 2
                    Label {
                        text: qsTr("%1 · %2 · %3").arg(result.conversationTitle).arg(result.senderName)
                              .arg(result.timestamp.toLocaleString(Qt.locale(), Locale.ShortFormat))
                        textFormat: Text.PlainText
                        font.pixelSize: 11
                        opacity: 0.7
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: result.html
                        textFormat: Text.StyledText
                        wrapMode: Text.Wrap
                        maximumLineCount: 3
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
            }
        }
        BusyIndicator {
            visible: running
            running: panel.results.busy
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredHeight: 28
            Layout.preferredWidth: 28
        }
        Label {
            objectName: "noSearchResults"
            visible: !panel.results.busy && panel.results.query.length > 0 && panel.results.count === 0
            text: qsTr("No messages with “%1”").arg(panel.results.query)
            textFormat: Text.PlainText
            opacity: 0.7
        }
    }
}
