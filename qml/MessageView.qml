import QtQuick
import QtQuick.Controls

// The conversation. Follows the newest message while the reader is at the bottom; when they
// have scrolled up, new messages wait behind a "jump" button instead of moving the text.
ListView {
    id: view

    property bool followNewest: true
    property int unseen: 0

    /// The reader scrolled to the oldest message shown: time to load the page before it.
    signal olderWanted()

    clip: true
    spacing: 0
    topMargin: 8
    bottomMargin: 8
    boundsBehavior: Flickable.StopAtBounds
    reuseItems: true
    Accessible.name: qsTr("Messages")
    ScrollBar.vertical: ScrollBar {}

    delegate: MessageDelegate {}

    onAtYBeginningChanged: if (atYBeginning && count > 0 && moving) olderWanted()
    onMovementEnded: {
        if (atYBeginning)
            olderWanted()
        followNewest = atYEnd
        if (atYEnd)
            unseen = 0
    }
    Connections {
        target: view.model
        function onRowsInserted(parent, first, last) {
            if (last < view.count - 1)
                return // an older page arrived above: nothing new to jump to
            if (view.followNewest)
                Qt.callLater(view.positionViewAtEnd)
            else
                view.unseen += last - first + 1
        }
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
