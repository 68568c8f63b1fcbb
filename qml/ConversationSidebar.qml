import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// The server's conversations: #general and the channels one is in, direct conversations, and
// channels one could join. Bold with a count when unread; "@" with a count when mentioned.
Pane {
    id: sidebar

    required property ChatClient client

    signal newChannelRequested()
    signal conversationChosen()

    padding: 0
    background: Rectangle {
        color: Theme.sidebar
        Rectangle { anchors.right: parent.right; width: 1; height: parent.height; color: Theme.divider }
    }

    function sectionTitle(section) {
        switch (Number(section)) {
        case ConversationListModel.Channels: return qsTr("Channels")
        case ConversationListModel.Direct: return qsTr("Direct messages")
        default: return qsTr("More channels")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 4
            Label {
                text: qsTr("Conversations")
                font.bold: true
                Layout.fillWidth: true
            }
            ToolButton {
                objectName: "newChannelButton"
                visible: sidebar.client.protocolVersion >= 2
                text: "+"
                font.pixelSize: 18
                Accessible.name: qsTr("New channel")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("New channel")
                onClicked: sidebar.newChannelRequested()
            }
        }

        ListView {
            id: list
            objectName: "conversationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: sidebar.client.conversations
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Conversations")
            ScrollBar.vertical: ScrollBar {}

            // From the keyboard the list is one stop in the Tab order (not one per row): it
            // starts at the conversation shown, Up and Down move, Enter or Space opens or joins.
            activeFocusOnTab: true
            keyNavigationEnabled: true
            onActiveFocusChanged: if (activeFocus) currentIndex = sidebar.client.conversations.currentRow()
            Keys.onReturnPressed: currentItem?.clicked()
            Keys.onEnterPressed: currentItem?.clicked()
            Keys.onSpacePressed: currentItem?.clicked()
            section.property: "section"
            section.delegate: Label {
                required property string section
                width: ListView.view.width
                text: sidebar.sectionTitle(section)
                font.pixelSize: 11
                font.capitalization: Font.AllUppercase
                opacity: 0.65
                topPadding: 10
                leftPadding: 12
                bottomPadding: 2
            }
            delegate: ItemDelegate {
                id: entry
                required property string conversationId
                required property string title
                required property string topic
                required property bool joined
                required property int unread
                required property int mentions
                required property bool current
                required property bool isDirect
                required property string otherMemberId
                required property int memberCount
                objectName: "conversation-" + title
                width: ListView.view.width
                focusPolicy: Qt.NoFocus // the list takes the keyboard, see above
                leftPadding: 12
                highlighted: current
                font.bold: unread > 0
                opacity: joined ? 1 : 0.75
                text: title
                Accessible.name: {
                    let name = title
                    if (unread > 0)
                        name += ", " + qsTr("%n unread", "", unread)
                    if (mentions > 0)
                        name += ", " + qsTr("%n mentions", "", mentions)
                    if (!isDirect)
                        name += ", " + qsTr("%n members", "", memberCount)
                    return joined ? name : qsTr("%1, not joined").arg(name)
                }
                ToolTip.visible: hovered && !isDirect
                ToolTip.text: topic.length > 0 ? qsTr("%1 · %n members", "", memberCount).arg(topic)
                                               : qsTr("%n members", "", memberCount)
                Rectangle {
                    objectName: "focusFrame"
                    anchors.fill: parent
                    anchors.margins: 1
                    visible: entry.ListView.isCurrentItem && list.activeFocus
                    color: "transparent"
                    border.color: Theme.accentBorder
                    border.width: 2
                    radius: 3
                }
                contentItem: RowLayout {
                    spacing: 6
                    Avatar {
                        visible: entry.isDirect
                        size: 20
                        memberId: entry.otherMemberId
                        name: entry.title
                    }
                    Label {
                        text: entry.title
                        textFormat: Text.PlainText
                        font: entry.font
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: entry.mentions > 0
                        text: "@" + entry.mentions
                        color: Theme.badgeText
                        font.pixelSize: 11
                        font.bold: true
                        leftPadding: 6; rightPadding: 6; topPadding: 1; bottomPadding: 1
                        background: Rectangle { radius: height / 2; color: Theme.unread }
                    }
                    Label {
                        visible: entry.unread > 0
                        text: entry.unread > 99 ? "99+" : entry.unread
                        color: Theme.badgeText
                        font.pixelSize: 11
                        font.bold: true
                        leftPadding: 6; rightPadding: 6; topPadding: 1; bottomPadding: 1
                        background: Rectangle { radius: height / 2; color: Theme.mention }
                    }
                    Label {
                        visible: !entry.joined
                        text: qsTr("%n members", "", entry.memberCount)
                        font.pixelSize: 11
                        opacity: 0.7
                    }
                    Label {
                        visible: !entry.joined
                        text: qsTr("Join")
                        font.pixelSize: 11
                        color: Theme.mention
                    }
                }
                onClicked: {
                    if (joined)
                        sidebar.client.currentConversation = conversationId
                    else
                        sidebar.client.joinChannel(conversationId)
                    sidebar.conversationChosen()
                }
            }
        }
    }
}
