import QtQuick
import QtQuick.Controls
import QtTest
import Parley
import Parley.Client

// The conversation drawn in the light and the dark theme: every colour comes from Theme, the
// delegates switch with the setting, and text stays readable on what it is drawn on.
Item {
    id: root
    width: 600
    height: 400

    RoomHost {
        id: host
        onStarted: client.connectToRoom(host.localUrl)
    }
    ChatClient { id: client; displayName: "Tester" }
    ChatClient { id: other; displayName: "Other" }

    MessageView {
        id: view
        anchors.fill: parent
        model: client.messages
    }

    TestCase {
        name: "Theme"
        when: windowShown

        function init() {
            failOnWarning(/^(?!QUnifiedTimer::stopAnimationDriver: driver is not running$).*/)
        }

        function initTestCase() {
            host.start("Theme room", 0)
            tryCompare(client, "state", ChatClient.Connected, 5000)
            other.connectToRoom(host.localUrl)
            tryCompare(other, "state", ChatClient.Connected, 5000)
            client.sendMessage("mine")
            other.sendMessage("theirs")
            other.sendMessage("@Tester look at this")
            tryVerify(() => rowOf("@Tester look at this") >= 0 && rowOf("mine") >= 0
                      && data(rowOf("mine"), MessageListModel.StatusRole) === MessageListModel.Sent, 5000)
            verify(data(rowOf("@Tester look at this"), MessageListModel.MentionsMeRole))
        }

        function cleanupTestCase() {
            AppSettings.colorScheme = AppSettings.FollowSystem
            other.disconnectFromRoom()
            client.disconnectFromRoom()
            host.stop()
        }

        function data(row, role) {
            return client.messages.data(client.messages.index(row, 0), role)
        }

        function rowOf(text) {
            for (let row = 0; row < client.messages.rowCount(); ++row) {
                if (data(row, MessageListModel.TextRole) === text)
                    return row
            }
            return -1
        }

        // WCAG's relative luminance and contrast ratio.
        function luminance(c) {
            const channel = v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
            return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
        }
        function contrast(a, b) {
            const [light, dark] = [luminance(Qt.color(a)), luminance(Qt.color(b))].sort((x, y) => y - x)
            return (light + 0.05) / (dark + 0.05)
        }

        function avatarOf(text) {
            view.positionViewAtEnd()
            waitForRendering(view)
            const avatar = findChild(view.itemAtIndex(rowOf(text)), "senderAvatar")
            verify(avatar && avatar.visible, "no avatar beside " + text)
            return { color: String(avatar.color), initials: avatar.children[0].text }
        }

        // A member keeps their colour when they rename themselves; the initials follow the name.
        function test_anAvatarKeepsItsColourAcrossARename() {
            const before = avatarOf("theirs") // the first of Other's group
            compare(before.initials, "O")
            other.displayName = "Zed Quinn"
            tryVerify(() => rowOf("Other is now Zed Quinn") >= 0, 5000)
            other.sendMessage("after the rename")
            tryVerify(() => rowOf("after the rename") >= 0, 5000)
            const after = avatarOf("after the rename")
            compare(after.initials, "ZQ")
            compare(after.color, before.color)
            // Someone else of the same first name, another id: (most likely) another colour,
            // and never one decided by the name.
            compare(Theme.avatarColors[Avatars.colorIndex(other.selfId, Theme.avatarColors.length)], after.color)
            other.displayName = "Other"
            tryVerify(() => rowOf("Zed Quinn is now Other") >= 0, 5000)
        }

        function test_readableAndDrawnInEachTheme_data() {
            return [{ tag: "light", scheme: AppSettings.Light, dark: false },
                    { tag: "dark", scheme: AppSettings.Dark, dark: true }]
        }

        function test_readableAndDrawnInEachTheme(row) {
            AppSettings.colorScheme = row.scheme
            compare(Theme.dark, row.dark)
            // The menus of a message and of its sender follow a change of theme (opened before it).
            for (const menu of [view.messageMenu, view.senderModerationMenu]) {
                verify(Qt.colorEqual(menu.palette.window, Theme.controlsWindow), `${menu.objectName}: ${menu.palette.window}`)
                verify(Qt.colorEqual(menu.palette.text, Theme.controlsText))
            }

            // Text (4.5:1) and large or bold marks (3:1) on what they are drawn on.
            const readable = [
                ["text", Theme.text, Theme.background], ["text", Theme.text, Theme.sidebar],
                ["text", Theme.text, Theme.panel], ["text", Theme.text, Theme.ownBubble],
                ["text", Theme.text, Theme.otherBubble], ["text", Theme.text, Theme.mentionBubble],
                ["text", Theme.text, Theme.failedBubble], ["secondary", Theme.secondaryText, Theme.background],
                ["accent", Theme.accent, Theme.background], ["error", Theme.error, Theme.background],
                ["warning", Theme.warning, Theme.background], ["link", Theme.link, Theme.otherBubble],
                ["link", Theme.link, Theme.ownBubble], ["link", Theme.link, Theme.mentionBubble],
                ["banner", Theme.text, Theme.infoBanner], ["banner", Theme.text, Theme.errorBanner],
                ["banner", Theme.text, Theme.warningBanner], ["badge", Theme.accent, Theme.liveBadge],
                ["controls", Theme.controlsText, Theme.controlsWindow],
                ["controls", Theme.controlsText, Theme.controlsBase],
                ["controls", Theme.controlsText, Theme.controlsButton],
            ]
            for (const [what, fore, back] of readable)
                verify(contrast(fore, back) >= 4.5, `${what} ${fore} on ${back}: ${contrast(fore, back).toFixed(2)}:1`)
            const marks = [["unread count", Theme.badgeText, Theme.unread], ["mention count", Theme.badgeText, Theme.mention],
                           ["online", Theme.online, Theme.panel]]
            for (const colour of Theme.avatarColors)
                marks.push(["avatar initials", "#ffffff", colour])
            for (const [what, fore, back] of marks)
                verify(contrast(fore, back) >= 3, `${what} ${fore} on ${back}: ${contrast(fore, back).toFixed(2)}:1`)

            // The delegates draw with the theme chosen: each bubble's colour, on screen.
            view.positionViewAtEnd()
            waitForRendering(view)
            const image = grabImage(view)
            const expected = [["mine", Theme.ownBubble], ["theirs", Theme.otherBubble],
                              ["@Tester look at this", Theme.mentionBubble]]
            for (const [text, colour] of expected) {
                const delegate = view.itemAtIndex(rowOf(text))
                verify(delegate, text)
                const bubble = findChild(delegate, "messageBubble")
                const at = bubble.mapToItem(view, 6, bubble.height / 2)
                const drawn = image.pixel(at.x, at.y)
                verify(Qt.colorEqual(drawn, colour), `${text}: drawn ${drawn}, the theme says ${colour}`)
            }
        }
    }
}
