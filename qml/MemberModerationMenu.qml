import QtQuick
import QtQuick.Controls

// What a moderator can do to a member: from the member list and from a message's menu.
ThemedMenu {
    id: menu
    objectName: "moderationMenu"

    property string memberId
    property string name

    /// kick, mute, unmute or ban, and for how many minutes (0: until lifted).
    signal actionChosen(string memberId, string name, string action, int minutes)

    function choose(action, minutes) {
        actionChosen(memberId, name, action, minutes)
    }

    MenuItem { objectName: "moderation-kick"; text: qsTr("Remove from the room"); onTriggered: menu.choose("kick", 0) }
    MenuItem { objectName: "moderation-mute-10"; text: qsTr("Mute for 10 minutes"); onTriggered: menu.choose("mute", 10) }
    MenuItem { objectName: "moderation-mute-60"; text: qsTr("Mute for an hour"); onTriggered: menu.choose("mute", 60) }
    MenuItem { objectName: "moderation-unmute"; text: qsTr("Unmute"); onTriggered: menu.choose("unmute", 0) }
    MenuItem { objectName: "moderation-ban-day"; text: qsTr("Ban for a day"); onTriggered: menu.choose("ban", 24 * 60) }
    MenuItem { objectName: "moderation-ban"; text: qsTr("Ban for good"); onTriggered: menu.choose("ban", 0) }
}
