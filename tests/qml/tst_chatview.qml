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
        messagesPerSecond: 10000 // these tests post history in bursts; rate limits are tested elsewhere
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
        hasOlder: client.hasOlderMessages
        loadingOlder: client.loadingOlder
        onOlderWanted: client.loadOlder()
        onEditRequested: (seq, text) => composer.startEditing(seq, text)
        onDeleteRequested: seq => client.deleteMessage(seq)
        canReply: true
        linkBase: "parley://127.0.0.1:1/3f2a9c01d4e5b6a7/general/"
        onReplyRequested: (seq, sender, text) => composer.startReply(seq, sender, text)
        width: root.width
        height: 300
    }

    // Someone else in the room, and someone who joins late and scrolls back through history.
    ChatClient { id: other; displayName: "Other" }
    // Someone who joins late and reads back through history, fresh in every test.
    Component {
        id: lateComponent
        Item {
            property alias client: lateClient
            property alias view: lateView
            x: root.width
            width: 400
            height: 300
            ChatClient { id: lateClient; displayName: "Late" }
            MessageView {
                id: lateView
                anchors.fill: parent
                model: lateClient.messages
                hasOlder: lateClient.hasOlderMessages
                loadingOlder: lateClient.loadingOlder
                onOlderWanted: lateClient.loadOlder()
                // As ChatPage: a quote leads to its original, wherever it is.
                onQuoteActivated: seq => lateClient.revealMessage(lateClient.currentConversation, seq)
                Connections {
                    target: lateClient
                    function onMessageRevealed(seq) { lateView.showMessage(seq) }
                }
            }
        }
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
            // Any warning is a defect, but Qt 6.4's animation timer's own, which it prints when
            // the offscreen render loop stops its driver twice (no QML involved; a loaded
            // machine meets it now and then).
            failOnWarning(/^(?!QUnifiedTimer::stopAnimationDriver: driver is not running$).*/)
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
            // Others' notices (someone from an earlier test leaving) may arrive at any time: look
            // for the message among the rows added since, not at a fixed row.
            let index = null
            for (let row = rows; row < client.messages.rowCount(); ++row) {
                const candidate = client.messages.index(row, 0)
                if (client.messages.data(candidate, MessageListModel.TextRole) === "hello from a test")
                    index = candidate
            }
            verify(index !== null, "the sent message is in the list at once")
            tryVerify(() => client.messages.data(index, MessageListModel.StatusRole) === MessageListModel.Sent, 5000)
        }

        SignalSpy { id: senderActivated; target: view; signalName: "senderActivated" }

        // The visible name label of the newest message from that sender (the lowest one: the
        // order of delegates among the view's children is not the order of rows).
        function senderLabel(name) {
            let found = null
            const visit = (item) => {
                for (let i = 0; i < item.children.length; ++i) {
                    const child = item.children[i]
                    if (child.objectName === "senderName" && child.visible && child.text === name
                            && (found === null || child.mapToItem(view.contentItem, 0, 0).y > found.mapToItem(view.contentItem, 0, 0).y))
                        found = child
                    visit(child)
                }
            }
            visit(view.contentItem)
            return found
        }

        function test_clickingASendersNameAsksToWriteToThem() {
            connectOther()
            other.sendMessage("click my name")
            tryVerify(() => {
                for (let row = client.messages.rowCount() - 1; row >= 0; --row) {
                    if (client.messages.data(client.messages.index(row, 0), MessageListModel.TextRole) === "click my name")
                        return true
                }
                return false
            }, 5000)
            view.positionViewAtEnd()
            waitForRendering(view)
            senderActivated.clear()
            mouseClick(senderLabel("Other"))
            compare(senderActivated.count, 1)
            compare(senderActivated.signalArguments[0][0], other.selfId)
            other.disconnectFromRoom()
        }

        function rowWithText(model, text) {
            for (let row = model.rowCount() - 1; row >= 0; --row) {
                if (model.data(model.index(row, 0), MessageListModel.TextRole) === text)
                    return row
            }
            return -1
        }

        // The bubble of the message with this seq, brought into sight.
        function bubbleOf(seq) {
            const row = client.messages.rowOfSeq(seq)
            view.positionViewAtIndex(row, ListView.Center)
            view.forceLayout()
            return findChild(view.itemAtIndex(row), item => item.objectName === "messageBubble")
        }

        // The menu's item, once the menu is open.
        function menuItem(name) {
            return findChild(view.messageMenu.contentItem, item => item.objectName === name)
        }

        function test_ownMessagesAreEditedAndDeletedFromTheirMenuOnEveryScreen() {
            connectOther()
            client.sendMessage("see you at 5")
            let row = -1
            tryVerify(() => (row = rowWithText(client.messages, "see you at 5")) >= 0
                      && client.messages.data(client.messages.index(row, 0), MessageListModel.StatusRole) === MessageListModel.Sent, 5000)
            const seq = client.messages.data(client.messages.index(row, 0), MessageListModel.SeqRole)
            tryVerify(() => other.messages.rowOfSeq(seq) >= 0, 5000)

            // Right-click: the menu offers editing; the composer takes the text, Enter saves it.
            mouseClick(bubbleOf(seq), 10, 10, Qt.RightButton)
            tryCompare(view.messageMenu, "opened", true)
            verify(menuItem("editItem").visible)
            verify(menuItem("deleteItem").visible)
            waitForRendering(view.messageMenu.contentItem) // laid out where it is drawn
            mouseClick(menuItem("editItem"))
            tryCompare(view.messageMenu, "visible", false)
            compare(input().text, "see you at 5")
            keyClick(Qt.Key_End)
            keyClick(Qt.Key_Backspace)
            keyClick(Qt.Key_6)
            keyClick(Qt.Key_Return)
            compare(input().text, "", "saved, and the draft (empty) is back")
            const otherRow = () => other.messages.index(other.messages.rowOfSeq(seq), 0)
            tryVerify(() => other.messages.data(otherRow(), MessageListModel.TextRole) === "see you at 6", 5000)
            verify(other.messages.data(otherRow(), MessageListModel.EditedRole))
            tryVerify(() => findChild(bubbleOf(seq), item => item.objectName === "editedMark" && item.visible) !== null, 5000)

            // Someone else's message offers no editing, and no deleting for a member.
            other.sendMessage("not yours")
            tryVerify(() => rowWithText(client.messages, "not yours") >= 0, 5000)
            const theirs = client.messages.index(rowWithText(client.messages, "not yours"), 0)
            verify(!client.messages.data(theirs, MessageListModel.CanEditRole))
            verify(!client.messages.data(theirs, MessageListModel.CanDeleteRole))

            // A moderator's menu on someone else's message acts on its sender.
            view.canModerate = true
            const theirSeq = client.messages.data(theirs, MessageListModel.SeqRole)
            mouseClick(bubbleOf(theirSeq), 10, 10, Qt.RightButton)
            tryCompare(view.messageMenu, "opened", true)
            waitForRendering(view.messageMenu.contentItem)
            verify(!menuItem("editItem").visible)
            compare(menuItem("moderateSenderItem").text, "Moderate Other…")
            mouseClick(menuItem("moderateSenderItem"))
            const senderMenu = view.senderModerationMenu
            tryCompare(senderMenu, "opened", true)
            waitForRendering(senderMenu.contentItem)
            moderationRequested.clear()
            mouseClick(findChild(senderMenu.contentItem, item => item.objectName === "moderation-mute-10"))
            compare(moderationRequested.count, 1)
            compare(Array.from(moderationRequested.signalArguments[0]), [other.selfId, "Other", "mute", 10])
            tryCompare(senderMenu, "visible", false)
            // Not on one's own messages.
            mouseClick(bubbleOf(seq), 10, 10, Qt.RightButton)
            tryCompare(view.messageMenu, "opened", true)
            verify(!menuItem("moderateSenderItem").visible)
            view.messageMenu.close()
            view.canModerate = false

            // Deleting: gone for everyone, "Message deleted" in its place.
            mouseClick(bubbleOf(seq), 10, 10, Qt.RightButton)
            tryCompare(view.messageMenu, "opened", true)
            waitForRendering(view.messageMenu.contentItem)
            mouseClick(menuItem("deleteItem"))
            tryVerify(() => other.messages.data(otherRow(), MessageListModel.DeletedRole) === MessageListModel.ByAuthor, 5000)
            compare(other.messages.data(otherRow(), MessageListModel.TextRole), "")
            tryVerify(() => findChild(bubbleOf(seq), item => item.objectName === "deletedNote" && item.visible) !== null, 5000)
            other.disconnectFromRoom()
            view.jumpToLatest()
        }

        SignalSpy { id: moderationRequested; target: view; signalName: "moderationRequested" }
        SignalSpy { id: imageActivated; target: view; signalName: "imageActivated" }

        // The visible item with this objectName in the newest delegates, if any.
        function shown(name) {
            let found = null
            const visit = (item) => {
                for (let i = 0; i < item.children.length; ++i) {
                    const child = item.children[i]
                    if (child.objectName === name && child.visible)
                        found = child
                    visit(child)
                }
            }
            visit(view.contentItem)
            return found
        }

        function test_aPictureSomeoneSendsShowsInlineAndOpensWhenClicked() {
            connectOther()
            tryVerify(() => other.canSendFiles, 5000)
            verify(other.sendFile(Qt.resolvedUrl("../../docs/screenshots/start-page.png"), "a screenshot"))
            // (Generous: under the sanitizers, beside a browser test, hashing, upload, thumbnail and
            // fetch take seconds.)
            tryVerify(() => shown("attachmentImage") !== null && shown("attachmentImage").status === Image.Ready, 30000,
                      "the picture shows from its thumbnail")
            verify(shown("attachmentImage").paintedWidth <= 320)
            view.positionViewAtEnd()
            waitForRendering(view)
            imageActivated.clear()
            mouseClick(shown("attachmentImage"))
            compare(imageActivated.count, 1)
            compare(imageActivated.signalArguments[0][1], "start-page.png")
            other.disconnectFromRoom()
            // Others' next messages start a group of their own, with their name on top.
            verify(client.sendMessage("after the picture"))
            tryVerify(() => client.messages.data(client.messages.index(client.messages.rowCount() - 1, 0),
                                                 MessageListModel.StatusRole) === MessageListModel.Sent, 5000)
        }

        function ownMessages(messages) {
            let own = 0
            for (let i = 0; i < messages.rowCount(); ++i)
                own += messages.data(messages.index(i, 0), MessageListModel.IsOwnRole) ? 1 : 0
            return own
        }

        function test_shiftEnterStartsANewLine() {
            const own = ownMessages(client.messages)
            input().forceActiveFocus()
            input().text = "first"
            input().cursorPosition = 5
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            compare(input().text, "first\n")
            compare(ownMessages(client.messages), own, "Shift+Enter sent a message")
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

        function allSent(messages) {
            for (let i = 0; i < messages.rowCount(); ++i) {
                if (messages.data(messages.index(i, 0), MessageListModel.StatusRole) === MessageListModel.Sending)
                    return false
            }
            return true
        }

        function cleanup() {
            other.disconnectFromRoom()
        }

        // Fails with the client's own reason when the room does not let "Other" in: the state alone
        // does not tell a refusal from a link that closed.
        function connectOther() {
            other.connectToRoom(host.localUrl)
            tryVerify(() => other.state !== ChatClient.Connecting, 5000, "Other still connecting after 5 s")
            if (other.state !== ChatClient.Connected) {
                wait(0) // the reason may follow in the next turn
                fail("Other was not let in (state " + other.state + "): " + other.errorString)
            }
        }

        property bool historyPosted: false
        // More than one page of history for the late joiner (the recent 100, then older pages).
        function ensureHistory() {
            if (historyPosted)
                return
            connectOther()
            for (let i = 0; i < 260; ++i)
                other.sendMessage("history " + i)
            tryVerify(() => allSent(other.messages), 10000)
            other.disconnectFromRoom()
            historyPosted = true
        }

        function lastRowFullyVisible(list) {
            const item = list.itemAtIndex(list.count - 1)
            return item !== null && item.y + item.height <= list.contentY + list.height + 0.5
                   && item.y >= list.contentY - 0.5
        }

        function test_ownSendsAndNewMessagesKeepTheViewAtTheVeryBottom() {
            for (let i = 0; i < 30; ++i)
                client.sendMessage("line " + i + "\nwith a second line")
            tryVerify(() => allSent(client.messages), 5000)
            tryVerify(() => view.atYEnd && lastRowFullyVisible(view), 2000, "not at the very bottom after sending: "
                      + JSON.stringify({ atYEnd: view.atYEnd, contentY: view.contentY, contentHeight: view.contentHeight,
                                         originY: view.originY, height: view.height, follow: view.followNewest,
                                         last: view.itemAtIndex(view.count - 1) ? [view.itemAtIndex(view.count - 1).y, view.itemAtIndex(view.count - 1).height] : null }))
            input().forceActiveFocus()
            input().text = "one more, sent with Enter"
            keyClick(Qt.Key_Return)
            tryVerify(() => allSent(client.messages), 5000)
            tryVerify(() => view.followNewest && view.atYEnd && lastRowFullyVisible(view), 2000)
        }

        function test_newMessageCountCountsChatsNotNotices() {
            view.positionViewAtBeginning()
            view.followNewest = false
            view.unseen = 0
            connectOther() // "Other joined": a notice, not a message
            other.sendMessage("a message while scrolled up")
            tryVerify(() => view.unseen === 1, 5000, "unseen: " + view.unseen)
            const jump = findChild(view, item => item.objectName === "jumpToLatest")
            verify(jump.visible)
            verify(jump.text.indexOf("1 new message") >= 0, jump.text)
            mouseClick(jump)
            tryVerify(() => view.atYEnd && lastRowFullyVisible(view), 2000, "Jump to latest did not go all the way")
            compare(view.unseen, 0)
            other.disconnectFromRoom()
        }

        function lateJoiner() {
            ensureHistory()
            const joiner = createTemporaryObject(lateComponent, root)
            joiner.client.connectToRoom(host.localUrl)
            tryCompare(joiner.client, "state", ChatClient.Connected, 5000)
            tryVerify(() => joiner.client.hasOlderMessages, 5000) // the recent 100 came; more exist
            return joiner
        }

        function seqOf(model, text) {
            return model.data(model.index(rowWithText(model, text), 0), MessageListModel.SeqRole)
        }

        // Reply from a message's menu: the composer says to what, Enter sends, and everyone sees
        // the quote.
        function test_aReplyFromTheMenuQuotesItsOriginalOnEveryScreen() {
            connectOther()
            other.sendMessage("Pizza or sushi tonight?")
            tryVerify(() => rowWithText(client.messages, "Pizza or sushi tonight?") >= 0, 5000)
            const original = seqOf(client.messages, "Pizza or sushi tonight?")
            mouseClick(bubbleOf(original), 10, 10, Qt.RightButton)
            tryCompare(view.messageMenu, "opened", true)
            waitForRendering(view.messageMenu.contentItem)
            verify(menuItem("copyLinkItem").visible)
            mouseClick(menuItem("replyItem"))
            const bar = findChild(composer, item => item.objectName === "replyBar")
            tryVerify(() => bar.visible && input().activeFocus, 2000)
            for (const character of "Sushi!")
                keyClick(character)
            keyClick(Qt.Key_Return)
            verify(!bar.visible, "still replying after sending")
            tryVerify(() => rowWithText(other.messages, "Sushi!") >= 0, 5000)
            const theirs = other.messages.index(rowWithText(other.messages, "Sushi!"), 0)
            compare(other.messages.data(theirs, MessageListModel.ReplySeqRole), original)
            compare(other.messages.data(theirs, MessageListModel.ReplySenderRole), "Other")
            compare(other.messages.data(theirs, MessageListModel.ReplyTextRole), "Pizza or sushi tonight?")
            // Ours shows the quote at once, and on screen.
            const ours = rowWithText(client.messages, "Sushi!")
            compare(client.messages.data(client.messages.index(ours, 0), MessageListModel.ReplySeqRole), original)
            tryVerify(() => findChild(bubbleOf(seqOf(client.messages, "Sushi!")).parent, item => item.objectName === "replyQuote" && item.visible) !== null, 5000)
            // Esc takes a reply back.
            mouseClick(bubbleOf(original), 10, 10, Qt.RightButton)
            tryCompare(view.messageMenu, "opened", true)
            waitForRendering(view.messageMenu.contentItem)
            mouseClick(menuItem("replyItem"))
            tryVerify(() => bar.visible && input().activeFocus, 2000)
            keyClick(Qt.Key_Escape)
            verify(!bar.visible)
            other.disconnectFromRoom()
            view.jumpToLatest()
        }

        // A quote's original can be in a page not loaded yet: clicking the quote loads older
        // pages until it is there, and shows it framed.
        function test_aQuoteLeadsToItsOriginalInAPageNotYetLoaded() {
            ensureHistory()
            const original = seqOf(client.messages, "history 3")
            verify(original > 0)
            client.sendMessage("about that old one", original)
            tryVerify(() => allSent(client.messages), 5000)
            const joiner = lateJoiner()
            joiner.x = 0 // in the window, over the other view, to be clicked
            joiner.z = 1
            const late = joiner.client
            const lateView = joiner.view
            tryVerify(() => rowWithText(late.messages, "about that old one") >= 0, 5000)
            compare(late.messages.rowOfSeq(original), -1, "the original is loaded already")
            const row = rowWithText(late.messages, "about that old one")
            compare(late.messages.data(late.messages.index(row, 0), MessageListModel.ReplyTextRole), "history 3")
            let quote = null
            tryVerify(() => {
                lateView.positionViewAtIndex(row, ListView.Center)
                quote = findChild(lateView.itemAtIndex(row), item => item.objectName === "replyQuote")
                return quote !== null && quote.visible && quote.width > 0
            })
            waitForRendering(quote)
            mouseClick(quote)
            tryVerify(() => late.messages.rowOfSeq(original) >= 0, 10000, "the original's page never came")
            tryCompare(lateView, "highlightedSeq", original, 10000)
            tryVerify(() => {
                const item = lateView.itemAtIndex(late.messages.rowOfSeq(original))
                return item !== null && item.y + item.height > lateView.contentY && item.y < lateView.contentY + lateView.height
            }, 5000, "the original is not in sight")
            late.disconnectFromRoom()
        }

        function test_scrollingUpLoadsOlderPagesUntilTheBeginning() {
            const joiner = lateJoiner()
            const late = joiner.client
            const lateView = joiner.view
            const beginning = findChild(lateView.headerItem, item => item.objectName === "beginningOfRoom")
            verify(!beginning.visible)
            // The reader keeps scrolling up: pages keep coming, and the message at the top of
            // the view stays where it was when each one lands above it.
            let pages = 0
            while (late.hasOlderMessages && pages < 20) {
                const before = late.messages.rowCount()
                tryVerify(() => {
                    if (!lateView.moving)
                        lateView.flick(0, 4000) // and again, as a person keeps scrolling
                    return late.messages.rowCount() > before || !late.hasOlderMessages
                }, 10000, "no older page came")
                ++pages
            }
            verify(!late.hasOlderMessages)
            // Every page is in: up to the very top, header included (a flick can stop short
            // while rows above are still being laid out).
            tryVerify(() => {
                if (!lateView.moving)
                    lateView.contentY = lateView.originY - lateView.topMargin
                return lateView.atYBeginning
            }, 10000, "cannot scroll to the top")
            tryVerify(() => beginning.visible, 2000, "the top does not say it is the beginning")
            late.disconnectFromRoom()
        }

        function test_anOlderPageKeepsTheMessageOnScreenInPlace() {
            const joiner = lateJoiner()
            const late = joiner.client
            const lateView = joiner.view
            lateView.followNewest = false
            // Positioned and read in one go (again until it is there: rows may still be landing as
            // the view settles, and a frame in between may move the view and drop the delegate).
            let item = null
            tryVerify(() => {
                lateView.positionViewAtIndex(5, ListView.Beginning)
                item = lateView.itemAtIndex(5)
                return item !== null
            })
            const text = item.text
            const shownAt = item.y - lateView.contentY
            const before = late.messages.rowCount()
            late.loadOlder()
            tryVerify(() => late.messages.rowCount() >= before + 50 && !late.loadingOlder, 5000) // the whole page
            // Where it settles once the page is laid out (a slow machine lays it out over turns).
            const index = late.messages.rowCount() - before + 5
            const inPlace = () => {
                const moved = lateView.itemAtIndex(index)
                return moved !== null && moved.text === text && Math.abs(moved.y - lateView.contentY - shownAt) <= 2
            }
            for (let waited = 0; !inPlace() && waited < 3000; waited += 50)
                wait(50)
            const moved = lateView.itemAtIndex(index)
            verify(inPlace(), `the message read moved: "${text}" was at ${shownAt}, row ${index} is ${moved === null ? "not laid out" : `"${moved.text}" at ${moved.y - lateView.contentY}`}; row 5 was at ${item.y} with contentY ${lateView.contentY}, ${lateView.count} rows`)
            late.disconnectFromRoom()
        }

        // A narrower view (the member panel shown) re-wraps every message: the one read stays.
        function test_aNarrowerViewKeepsTheMessageBeingRead() {
            const joiner = lateJoiner()
            const lateView = joiner.view
            lateView.followNewest = false
            lateView.positionViewAtIndex(60, ListView.Beginning)
            waitForRendering(lateView)
            const top = lateView.indexAt(10, lateView.contentY + 1)
            joiner.width = 170
            waitForRendering(lateView)
            const after = lateView.indexAt(10, lateView.contentY + 1)
            verify(Math.abs(after - top) <= 1, "read " + top + ", now " + after)
            joiner.width = 400
            waitForRendering(lateView)
            verify(Math.abs(lateView.indexAt(10, lateView.contentY + 1) - top) <= 1)
            joiner.client.disconnectFromRoom()
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
