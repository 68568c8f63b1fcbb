import QtQuick
import QtQuick.Controls
import QtTest
import Parley
import Parley.Client

// The chat view components with a real room hosted in-process and a real ChatClient.
Item {
    id: root
    width: 800
    height: 600

    RoomHost {
        id: host
        onStarted: client.connectToRoom(host.localUrl)
    }

    ChatClient {
        id: client
        displayName: "Tester"
    }

    Composer {
        id: composer
        client: client
        width: root.width
        anchors.bottom: parent.bottom
    }

    MessageView {
        id: view
        model: client.messages
        width: root.width
        height: 300
    }

    UserCountBadge {
        id: badge
        count: client.userCount
        y: 320
    }

    ConnectionBanner {
        id: banner
        client: client
        width: root.width
        y: 360
    }

    SignalSpy { id: started; target: host; signalName: "started" }

    TestCase {
        name: "ChatView"
        when: windowShown

        function init() {
            failOnWarning(/.?/) // any warning is a defect
        }

        function initTestCase() {
            host.start("QML room", 0)
            started.wait(5000)
            tryCompare(client, "state", ChatClient.Connected, 5000)
        }

        function cleanupTestCase() {
            client.disconnectFromRoom()
            host.stop()
        }

        function findChild(item, predicate) {
            if (predicate(item))
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findChild(item.children[i], predicate)
                if (found)
                    return found
            }
            return null
        }

        function input() {
            return findChild(composer, item => item instanceof TextArea)
        }

        function sendButton() {
            return findChild(composer, item => item instanceof Button)
        }

        function test_bannerHiddenWhileConnected() {
            compare(banner.visible, false)
        }

        function test_badgeShowsTheLiveCount() {
            tryCompare(client, "userCount", 1)
            verify(badge.Accessible.name.indexOf("1") >= 0)
        }

        function test_enterSendsAndTheMessageIsAcked() {
            const rows = client.messages.rowCount()
            input().forceActiveFocus()
            input().text = "hello from a test"
            keyClick(Qt.Key_Return)
            compare(input().text, "", "Enter sent and cleared the input")
            compare(client.messages.rowCount(), rows + 1)
            const index = client.messages.index(rows, 0)
            compare(client.messages.data(index, MessageListModel.TextRole), "hello from a test")
            tryVerify(() => client.messages.data(index, MessageListModel.StatusRole) === MessageListModel.Sent, 5000)
        }

        function test_shiftEnterStartsANewLine() {
            const rows = client.messages.rowCount()
            input().forceActiveFocus()
            input().text = "first"
            input().cursorPosition = 5
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            compare(input().text, "first\n")
            compare(client.messages.rowCount(), rows)
            input().text = ""
        }

        function test_emptyAndOverlongTextCannotBeSent() {
            input().text = "   "
            keyClick(Qt.Key_Return)
            compare(input().text, "   ", "white space is not sent")
            verify(!sendButton().enabled)
            input().text = "x".repeat(client.maxTextLength + 1)
            verify(!sendButton().enabled)
            verify(composer.problem.length > 0)
            input().text = "x".repeat(client.maxTextLength)
            verify(sendButton().enabled)
            input().text = ""
        }

        function test_listShowsOneDelegatePerVisibleRowOnly() {
            for (let i = 0; i < 200; ++i)
                client.sendMessage("filler " + i)
            tryVerify(() => view.count >= 200)
            let delegates = 0
            for (let i = 0; i < view.contentItem.children.length; ++i)
                if (view.contentItem.children[i].visible)
                    ++delegates
            verify(delegates < 60, "delegates: " + delegates)
        }
    }
}
