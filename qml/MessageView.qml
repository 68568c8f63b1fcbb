import QtQuick
import QtQuick.Controls

// The conversation. Follows the newest message while the reader is at the bottom; when they
// have scrolled up, new messages wait behind a "jump" button instead of moving the text.
ListView {
    id: view

    property bool followNewest: true
    property int unseen: 0

    clip: true
    spacing: 0
    topMargin: 8
    bottomMargin: 8
    boundsBehavior: Flickable.StopAtBounds
    reuseItems: true
    Accessible.name: qsTr("Messages")
    ScrollBar.vertical: ScrollBar {}

    delegate: MessageDelegate {}

    onMovementEnded: {
        followNewest = atYEnd
        if (atYEnd)
            unseen = 0
    }
    onCountChanged: {
        if (followNewest)
            Qt.callLater(positionViewAtEnd)
        else
            unseen += 1
    }
    onHeightChanged: if (followNewest) Qt.callLater(positionViewAtEnd)

    RoundButton {
        visible: !view.followNewest
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 12
        text: view.unseen > 0 ? qsTr("↓ %n new messages", "", view.unseen) : qsTr("↓ Jump to latest")
        highlighted: view.unseen > 0
        Accessible.name: text
        onClicked: {
            view.followNewest = true
            view.unseen = 0
            view.positionViewAtEnd()
        }
    }
}
