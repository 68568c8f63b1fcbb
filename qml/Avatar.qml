import QtQuick
import QtQuick.Controls
import Parley

// A member's initials in a circle of their colour (see Avatars).
Rectangle {
    id: avatar

    property string memberId
    property string name
    property real size: 32

    width: size
    height: size
    radius: size / 2
    color: Theme.avatarColors[Avatars.colorIndex(memberId, Theme.avatarColors.length)]
    Accessible.ignored: true // the name next to it says who it is

    Label {
        anchors.centerIn: parent
        text: Avatars.initials(avatar.name)
        color: Theme.avatarText
        font.pixelSize: Math.round(avatar.size * 0.4)
        font.bold: true
    }
}
