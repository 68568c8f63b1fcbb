import QtQuick
import QtQuick.Controls
import QtTest
import QtMultimedia
import Parley
import Parley.Client

// The real app window (Main.qml, fresh settings) driven as a person uses it: type a name and an
// address, click Join or press Enter, answer the password prompt, host and close a room. Rooms
// are real, hosted in-process on loopback.
Item {
    id: root
    width: 200
    height: 200

    RoomHost { id: openRoom }
    RoomHost { id: passwordRoom }
    SignalSpy { id: openRoomStarted; target: openRoom; signalName: "started" }
    SignalSpy { id: passwordRoomStarted; target: passwordRoom; signalName: "started" }
    RoomHost { id: closingRoom }
    ChatClient { id: bob; displayName: "Bob" }
    SignalSpy { id: closingRoomStarted; target: closingRoom; signalName: "started" }

    Component {
        id: mainComponent
        Main {}
    }
    Component {
        id: spyComponent
        SignalSpy {}
    }
    // Another application's window, to take the focus from Parley's. Made without a parent: a
    // window transient for the test's would keep Parley's counted as active.
    Component {
        id: otherWindowComponent
        Window {
            width: 100
            height: 100
        }
    }

    TestCase {
        id: test
        name: "Main"
        when: windowShown

        property var app: null

        function initTestCase() {
            openRoom.start("Open room", 0)
            passwordRoom.start("Locked room", 0, "hunter2")
            openRoomStarted.wait(5000)
            passwordRoomStarted.wait(5000)
        }

        function cleanupTestCase() {
            openRoom.stop()
            passwordRoom.stop()
        }

        function init() {
            // Any warning is a defect, but the offscreen platform's own about windows it cannot
            // raise or size (the file dialog's, here) and Qt 6.4's animation timer's when the
            // offscreen render loop stops its driver twice (no QML involved).
            // On a machine without a sound server, Qt Multimedia's notes that it found none when a
            // notification sound is played (the app stays silent, as it should).
            failOnWarning(/^(?!This plugin does not support |QUnifiedTimer::stopAnimationDriver: driver is not running$|PulseAudioService: pa_context_connect\(\) failed$|No audio device detected$).*/)
            AppSettings.displayName = ""
            AppSettings.hostPort = 0 // loopback tests must not need a fixed port
            app = createTemporaryObject(mainComponent, root)
            verify(app)
            app.requestActivate()
            tryVerify(() => app.active, 5000, "the app window never became active")
            tryVerify(() => find("nameField").activeFocus, 2000, "the name field has no focus at start")
        }

        function find(name) {
            // A menu's items are in the window's overlay only (made by a Repeater, no QObject parent).
            return findChild(app.contentItem, name) ?? findChild(app.contentItem.Overlay.overlay, name)
        }

        function typeText(text) {
            for (const character of text)
                keyClick(character)
        }

        function click(name) {
            let item = null
            tryVerify(() => (item = find(name)) !== null, 2000, name + " not found") // a menu's, once open
            // Laid out and enabled, as a person sees it before clicking (a slow machine may
            // take a frame or two to show a new control).
            tryVerify(() => item.visible && item.enabled && item.width > 0 && item.height > 0, 5000,
                      name + " cannot be clicked")
            waitForRendering(item)
            mouseClick(item)
        }

        // Clicks into a field and types over whatever it held (a recent address, say).
        function focusAndType(name, text) {
            const item = find(name)
            verify(item, name + " not found")
            mouseClick(item)
            tryVerify(() => item.activeFocus)
            keyClick(Qt.Key_A, Qt.ControlModifier)
            typeText(text)
        }

        function chatPage() {
            return find("chatPage")
        }

        function waitInRoom(roomName) {
            tryVerify(() => chatPage() !== null && chatPage().client.state === ChatClient.Connected, 5000,
                      "not in the room; start page says: " + (find("startError")?.text ?? ""))
            compare(chatPage().client.roomName, roomName)
        }

        function leave() {
            click("leaveButton")
            tryVerify(() => chatPage() === null, 5000)
            tryVerify(() => find("joinButton")?.visible, 2000)
        }

        function test_joinsATypedAddressWithTheJoinButton() {
            typeText("Ana")
            focusAndType("addressField", "127.0.0.1:" + openRoom.port)
            click("joinButton")
            waitInRoom("Open room")
            compare(chatPage().client.displayName, "Ana")
            compare(AppSettings.recentAddresses[0], "127.0.0.1:" + openRoom.port)
            leave()
        }

        // The theme is chosen on the start page and kept; the window's controls follow it.
        function test_theThemeIsChosenFromTheStartPage() {
            compare(AppSettings.colorScheme, AppSettings.FollowSystem)
            const lightWindow = String(app.palette.window) // a copy, not a reference to the palette
            click("themeButton")
            click("themeDark")
            compare(AppSettings.colorScheme, AppSettings.Dark)
            verify(Theme.dark)
            verify(!Qt.colorEqual(app.palette.window, lightWindow), "the controls' palette did not change")
            compare(app.palette.windowText, Theme.controlsText)
            click("themeButton")
            click("themeSystem")
            compare(AppSettings.colorScheme, AppSettings.FollowSystem)
            verify(Qt.colorEqual(app.palette.window, lightWindow))
        }

        function test_joinsWithEnterInTheAddressField() {
            typeText("Ben")
            focusAndType("addressField", "ws://127.0.0.1:" + openRoom.port + "/")
            keyClick(Qt.Key_Return)
            waitInRoom("Open room")
            leave()
        }

        function test_sayWhatIsWrongWithAnAddress() {
            typeText("Cai")
            focusAndType("addressField", "http://nowhere/")
            click("joinButton")
            tryVerify(() => find("startError").visible)
            verify(find("startError").text.indexOf("not a room address") >= 0, find("startError").text)
            verify(chatPage() === null)

            // Nothing listens on port 1: said on the start page, not hidden behind reconnects.
            focusAndType("addressField", "127.0.0.1:1")
            click("joinButton")
            tryVerify(() => find("startError").text.indexOf("No room is open at 127.0.0.1:1") >= 0, 5000,
                      find("startError").text)
            tryVerify(() => chatPage() === null, 5000)
        }

        function test_asksForThePasswordOfAPasswordRoom() {
            typeText("Dee")
            focusAndType("addressField", "127.0.0.1:" + passwordRoom.port)
            click("joinButton")
            const dialog = find("passwordDialog")
            verify(dialog)
            tryVerify(() => dialog.opened, 5000, "no password prompt")
            tryVerify(() => find("dialogPassword").activeFocus)
            typeText("hunter2")
            keyClick(Qt.Key_Return)
            waitInRoom("Locked room")
            leave()
        }

        // parley --connect to a password room asks for the password instead of giving up.
        function test_connectFromTheCommandLineAsksForThePassword() {
            app.destroy()
            AppSettings.displayName = "Jo"
            app = createTemporaryObject(mainComponent, root,
                                        { startupAction: 1, startupUrl: passwordRoom.localUrl })
            const dialog = find("passwordDialog")
            tryVerify(() => dialog.opened, 5000, "no password prompt after --connect")
            tryVerify(() => find("dialogPassword").activeFocus)
            typeText("hunter2")
            keyClick(Qt.Key_Return)
            waitInRoom("Locked room")
            leave()
        }

        function test_aWrongPasswordSaysSoAndKeepsTheAddress() {
            typeText("Eve")
            focusAndType("addressField", "127.0.0.1:" + passwordRoom.port)
            focusAndType("joinPassword", "wrong")
            keyClick(Qt.Key_Return)
            tryVerify(() => find("startError").text.indexOf("refused the password") >= 0, 5000, find("startError").text)
            compare(find("addressField").editText, "127.0.0.1:" + passwordRoom.port)
            tryVerify(() => find("joinPassword").activeFocus, 2000, "the password field is not focused to retype")
            typeText("hunter2")
            keyClick(Qt.Key_Return)
            waitInRoom("Locked room")
            leave()
        }

        function test_aRoomItsHostClosedSaysSo() {
            closingRoom.start("Short room", 0)
            closingRoomStarted.wait(5000)
            typeText("Gus")
            focusAndType("addressField", "127.0.0.1:" + closingRoom.port)
            keyClick(Qt.Key_Return)
            waitInRoom("Short room")
            compare(find("badgeText").text, "1 online")

            closingRoom.stop()
            tryVerify(() => chatPage().client.state === ChatClient.Closed, 5000)
            const banner = find("connectionBanner")
            verify(banner.visible)
            verify(banner.Accessible.name.indexOf("The host closed the room") >= 0, banner.Accessible.name)
            compare(find("badgeText").text, "offline")
            click("backButton")
            tryVerify(() => chatPage() === null, 5000)
            verify(find("joinButton").visible)
        }

        // Any sequence of window sizes lays out as a fresh start at the last one would.
        function test_resizingLaysOutAsAFreshStart() {
            bob.connectToRoom(openRoom.localUrl)
            tryCompare(bob, "state", ChatClient.Connected, 5000)
            const words = "A message long enough to wrap over several lines when the window is narrow, "
            bob.sendMessage(words + words)
            typeText("Ida")
            focusAndType("addressField", "127.0.0.1:" + openRoom.port)
            keyClick(Qt.Key_Return)
            waitInRoom("Open room")
            tryVerify(() => find("messageBubble") !== null, 5000, "Bob's message is not shown")

            // What a fresh start shows at each width...
            const layout = () => ({
                bubble: find("messageBubble").width,
                messages: find("messageView").width,
                panelShown: find("memberPanel").visible,
                panelX: find("memberPanel").x,
            })
            const fresh = {}
            for (const width of [1366, 420, 980]) {
                const other = createTemporaryObject(mainComponent, root, { width: width })
                tryVerify(() => other.visible)
                const saved = app
                app = other
                find("nameField").text = "Ida"
                find("addressField").editText = "127.0.0.1:" + openRoom.port
                find("joinButton").clicked()
                tryVerify(() => chatPage() !== null && find("messageBubble") !== null, 5000)
                waitForRendering(other.contentItem)
                fresh[width] = layout()
                other.destroy()
                app = saved
            }
            // ...and the same after resizing through every kind of width.
            for (const width of [420, 1366, 360, 2560, 980, 420, 1366]) {
                app.width = width
                waitForRendering(app.contentItem)
                if (width in fresh)
                    tryVerify(() => JSON.stringify(layout()) === JSON.stringify(fresh[width]), 2000,
                              "at " + width + ": " + JSON.stringify(layout()) + " but fresh " + JSON.stringify(fresh[width]))
            }
            bob.disconnectFromRoom()
            leave()
        }

        function test_conversationsAreOpenedMadeAndSwitchedByClickingAndTyping() {
            bob.connectToRoom(openRoom.localUrl)
            tryVerify(() => bob.state === ChatClient.Connected, 5000)
            typeText("Eve")
            focusAndType("addressField", "127.0.0.1:" + openRoom.port)
            click("joinButton")
            waitInRoom("Open room")
            const client = chatPage().client
            compare(client.protocolVersion, 2)
            tryVerify(() => find("member-Bob") !== null, 5000)

            // A member clicked in the list: a direct conversation, and what is typed goes there.
            click("member-Bob")
            tryVerify(() => client.currentIsDirect, 5000)
            compare(find("conversationTitle").text, "Direct messages with Bob")
            // Not a blank page before the first message: it says whose conversation this is.
            const emptyText = () => findChild(find("messageView"), "emptyConversation")
            tryVerify(() => emptyText()?.visible, 5000, "a new direct conversation shows nothing")
            compare(emptyText().text,
                    "This is the start of your direct messages with Bob. Only the two of you can read them.")
            const direct = client.currentConversation
            typeText("just for Bob")
            keyClick(Qt.Key_Return)
            tryVerify(() => bob.messagesFor(direct).rowCount() > 0, 5000, "Bob never got it")
            tryVerify(() => !emptyText().visible)
            tryVerify(() => find("conversation-Eve") === null) // Eve's own list names Bob
            verify(find("conversation-Bob"))

            // A channel made from the sidebar's "+": it is shown at once.
            click("newChannelButton")
            // (Popups inside the page are not found by name from the window: the focus says it.)
            tryVerify(() => app.activeFocusItem?.objectName === "channelNameField", 2000)
            typeText("homework")
            keyClick(Qt.Key_Return)
            tryVerify(() => client.currentTitle === "#homework", 5000)
            const homework = client.currentConversation
            tryVerify(() => emptyText()?.visible && emptyText().text === "This is the start of #homework.", 5000,
                      "a new channel says nothing")

            // Bob writes in #general while Eve is in #homework: #general counts it.
            bob.currentConversation = "general"
            bob.sendMessage("in general")
            tryVerify(() => find("conversation-#general")?.unread === 1, 5000)
            compare(app.title, "(1) Open room — Parley")
            click("conversation-#general")
            compare(client.currentConversation, "general")
            tryVerify(() => find("conversation-#general").unread === 0)
            compare(app.title, "Open room — Parley")

            // Ctrl+K and a few letters; Alt+Up and Alt+Down go through the list.
            keyClick(Qt.Key_K, Qt.ControlModifier)
            tryVerify(() => app.activeFocusItem?.objectName === "quickSwitcherField", 2000)
            typeText("home")
            keyClick(Qt.Key_Return)
            compare(client.currentConversation, homework)
            keyClick(Qt.Key_Up, Qt.AltModifier)
            compare(client.currentConversation, "general")
            keyClick(Qt.Key_Down, Qt.AltModifier)
            compare(client.currentConversation, homework)

            // The sidebar is one stop of the Tab order: it starts at the conversation shown, Up
            // moves, Enter opens. Each channel says how many members it has.
            const sidebarList = find("conversationList")
            tabUntil(() => sidebarList.activeFocus, "the conversation list", true)
            compare(sidebarList.currentItem.conversationId, homework)
            verify(findChild(sidebarList.currentItem, "focusFrame").visible, "the sidebar shows no focus")
            keyClick(Qt.Key_Up)
            compare(sidebarList.currentItem.conversationId, "general")
            verify(/^#general, [1-9][0-9]* members$/.test(sidebarList.currentItem.Accessible.name),
                   sidebarList.currentItem.Accessible.name)
            keyClick(Qt.Key_Return)
            compare(client.currentConversation, "general")
            keyClick(Qt.Key_Down, Qt.AltModifier)
            compare(client.currentConversation, homework)
            tabUntil(() => app.activeFocusItem?.objectName === "messageInput", "the composer")

            // The notification level shown is the one kept for this conversation, set from the
            // header's menu (as the menu does) or anywhere else.
            compare(find("notifyButton").text, "Notify: all")
            AppSettings.setNotifyLevel(client.roomId, homework, "mentions")
            compare(find("notifyButton").text, "Notify: mentions")
            keyClick(Qt.Key_Up, Qt.AltModifier)
            compare(find("notifyButton").text, "Notify: all") // #general's own
            keyClick(Qt.Key_Down, Qt.AltModifier)
            compare(find("notifyButton").text, "Notify: mentions")
            AppSettings.setNotifyLevel(client.roomId, homework, "all")

            // 📎 opens the system's file dialog (a broken dialog module once crashed the app here).
            const attachDialog = find("composer").attachDialog
            click("attachButton")
            tryVerify(() => attachDialog.visible, 2000)
            attachDialog.reject()
            tryVerify(() => !attachDialog.visible)
            app.requestActivate() // as a window manager gives the window back its keyboard
            tryVerify(() => app.active && app.activeFocusItem?.objectName === "messageInput", 2000)

            // A draft stays with its conversation.
            typeText("half a thought")
            keyClick(Qt.Key_Up, Qt.AltModifier)
            keyClick(Qt.Key_Down, Qt.AltModifier)
            compare(client.draft, "half a thought")

            click("leaveChannelButton")
            tryVerify(() => client.currentConversation === "general", 5000)

            // "@Bo", Tab: Bob's name is completed, and the chat mentions him.
            typeText("@Bo")
            keyClick(Qt.Key_Tab) // only the list of names takes Tab; without it, focus would move on
            typeText("look")
            compare(client.draft, "@Bob look")
            keyClick(Qt.Key_Return)
            const bobsGeneral = bob.messagesFor("general")
            tryVerify(() => {
                for (let i = 0; i < bobsGeneral.rowCount(); ++i) {
                    if (bobsGeneral.data(bobsGeneral.index(i, 0), MessageListModel.MentionsMeRole))
                        return true
                }
                return false
            }, 5000, "Bob was not mentioned")

            // A file dropped on the window: its preview in the composer, then sent with Enter.
            verify(drops.dropFiles(app, Qt.point(app.width / 2, app.height / 2), [Qt.resolvedUrl("tst_main.qml")]),
                   "the drop was not taken")
            tryVerify(() => find("previewName")?.text === "tst_main.qml", 2000)
            keyClick(Qt.Key_Return)
            tryVerify(() => {
                for (let i = 0; i < bobsGeneral.rowCount(); ++i) {
                    if (bobsGeneral.data(bobsGeneral.index(i, 0), MessageListModel.FileNameRole) === "tst_main.qml")
                        return true
                }
                return false
            }, 10000, "Bob never got the dropped file")
            bob.disconnectFromRoom()
            leave()
        }

        // Moves the focus with Tab (or Shift+Tab) until the predicate holds; a bounded number of
        // presses, as a person would.
        function tabUntil(predicate, what, backwards) {
            for (let presses = 0; presses < 40 && !predicate(); ++presses)
                keyClick(Qt.Key_Tab, backwards ? Qt.ShiftModifier : Qt.NoModifier)
            verify(predicate(), what + " cannot be reached with " + (backwards ? "Shift+Tab" : "Tab")
                   + "; the focus is on " + app.activeFocusItem)
        }

        // The main flow with the keyboard only: a name, an address, Enter; a message; back up
        // the conversation one message at a time, its menu, a reply; leave.
        function test_theMainFlowWithTheKeyboardOnly() {
            typeText("Kim")
            tabUntil(() => find("addressField").activeFocus, "the address field")
            keyClick(Qt.Key_A, Qt.ControlModifier) // over a recent address
            typeText("127.0.0.1:" + openRoom.port)
            keyClick(Qt.Key_Return)
            waitInRoom("Open room")
            tryVerify(() => app.activeFocusItem?.objectName === "messageInput", 2000, "typing goes nowhere in the room")
            const messages = chatPage().client.messages
            // Ours, stored by the room (the room's history from earlier tests may land meanwhile).
            const sent = (text) => {
                for (let row = messages.rowCount() - 1; row >= 0; --row) {
                    const index = messages.index(row, 0)
                    if (messages.data(index, MessageListModel.TextRole) === text && messages.data(index, MessageListModel.IsOwnRole))
                        return messages.data(index, MessageListModel.StatusRole) === MessageListModel.Sent
                }
                return false
            }
            typeText("first")
            keyClick(Qt.Key_Return)
            typeText("second")
            keyClick(Qt.Key_Return)
            tryVerify(() => sent("first") && sent("second"), 5000)

            // Into the list: the newest message first, then one up; each says what it is.
            const view = find("messageView")
            tabUntil(() => view.activeFocus, "the message list", true)
            compare(view.currentIndex, messages.rowCount() - 1)
            tryVerify(() => app.activeFocusItem === view.currentItem && findChild(view.currentItem, "focusFrame").visible,
                      2000, "the message the list starts at is not shown as focused")
            keyClick(Qt.Key_Up)
            tryVerify(() => app.activeFocusItem === view.currentItem)
            verify(view.currentItem.Accessible.name.indexOf("Kim at ") === 0, view.currentItem.Accessible.name)
            verify(view.currentItem.Accessible.name.endsWith(": first"), view.currentItem.Accessible.name)
            verify(findChild(view.currentItem, "focusFrame").visible)

            // Its menu from the keyboard: Reply, then the answer.
            keyClick(Qt.Key_Menu)
            tryVerify(() => view.messageMenu.opened, 2000, "the Menu key opened nothing")
            keyClick(Qt.Key_Down) // the first item: Reply
            keyClick(Qt.Key_Return)
            tryVerify(() => app.activeFocusItem?.objectName === "messageInput", 2000, "the reply is not being written")
            typeText("replying")
            keyClick(Qt.Key_Return)
            tryVerify(() => sent("replying"), 5000)
            const last = messages.index(messages.rowCount() - 1, 0)
            compare(messages.data(last, MessageListModel.TextRole), "replying")
            verify(messages.data(last, MessageListModel.ReplySeqRole) > 0, "sent without its quote")

            // Esc in the list goes back to writing.
            tabUntil(() => view.activeFocus, "the message list", true)
            keyClick(Qt.Key_Escape)
            tryVerify(() => app.activeFocusItem?.objectName === "messageInput", 2000)

            tabUntil(() => find("leaveButton").activeFocus, "Leave")
            keyClick(Qt.Key_Space)
            tryVerify(() => chatPage() === null, 5000)
        }

        // In a room: ⋯ → Change your name…, type, Enter; the room and the settings take it.
        // Clicking one's own name in the member list opens the same dialog.
        function test_renameInARoom() {
            typeText("Gus")
            focusAndType("addressField", "127.0.0.1:" + openRoom.port)
            click("joinButton")
            waitInRoom("Open room")
            click("conversationMenuButton")
            click("renameItem")
            const field = find("renameField")
            tryVerify(() => field.activeFocus, 2000)
            compare(field.text, "Gus")
            keyClick(Qt.Key_A, Qt.ControlModifier)
            typeText("Gustav")
            keyClick(Qt.Key_Return)
            tryCompare(AppSettings, "displayName", "Gustav", 5000)
            compare(chatPage().client.displayName, "Gustav")
            tryVerify(() => !field.visible, 2000, "the dialog stays open")

            if (!find("memberPanel").visible)
                click("userCountBadge") // the member list
            click("member-Gustav")
            tryVerify(() => field.visible && field.activeFocus, 2000, "one's own name does not offer renaming")
            keyClick(Qt.Key_Escape)
            leave()
        }

        // The item of a submenu, found by the submenu's name (a submenu's item has none of its own).
        function submenuItem(menuName) {
            const search = (item) => {
                if (item.subMenu?.objectName === menuName)
                    return item
                const children = item.children ?? []
                for (let i = 0; i < children.length; ++i) {
                    const found = search(children[i])
                    if (found)
                        return found
                }
                return null
            }
            let item = null
            tryVerify(() => (item = search(app.contentItem.Overlay.overlay)) !== null, 2000, menuName + " not found")
            return item
        }

        function test_soundsForDirectMessagesAndMentionsUnlessChosenOtherwise() {
            const notifier = findChild(app, "notifier")
            const sound = findChild(app, "notificationSound")
            verify(notifier && sound)
            const sounds = createTemporaryObject(spyComponent, root, { target: notifier, signalName: "soundRequested" })
            bob.connectToRoom(openRoom.localUrl)
            tryVerify(() => bob.state === ChatClient.Connected, 5000)
            typeText("Ivy")
            focusAndType("addressField", "127.0.0.1:" + openRoom.port)
            click("joinButton")
            waitInRoom("Open room")
            const client = chatPage().client
            const general = client.messagesFor("general")

            // Another window takes the focus: what arrives now notifies.
            const otherWindow = otherWindowComponent.createObject(null)
            otherWindow.show()
            otherWindow.requestActivate()
            tryVerify(() => !app.active, 5000, "the app window stays active")
            bob.currentConversation = "general"
            bob.sendMessage("chatter in general")
            tryVerify(() => general.rowCount() > 0 && general.data(general.index(general.rowCount() - 1, 0),
                                                                     MessageListModel.TextRole) === "chatter in general", 5000)
            compare(notifier.unreadCount, 1)
            compare(sounds.count, 0, "a channel's chatter sounded by default")
            compare(sound.player, null, "the audio system was opened without a sound to play")

            bob.openDirect(client.selfId)
            tryVerify(() => bob.currentIsDirect, 5000)
            bob.sendMessage("just for you")
            tryVerify(() => sounds.count === 1, 5000, "a direct message made no sound")
            verify(sound.player !== null, "no sound player: is qml6-module-qtmultimedia installed?")
            tryCompare(sound.player, "status", SoundEffect.Ready, 5000)
            verify(String(sound.player.source).endsWith("sounds/message.wav"))

            // Every notification, as chosen in the ⋯ menu: the channel's chatter sounds too.
            otherWindow.hide()
            app.requestActivate()
            tryVerify(() => app.active, 5000)
            click("conversationMenuButton")
            mouseClick(submenuItem("soundMenu"))
            click("soundEverything")
            compare(AppSettings.notificationSound, AppSettings.Everything)
            otherWindow.show()
            otherWindow.requestActivate()
            tryVerify(() => !app.active, 5000)
            bob.currentConversation = "general"
            bob.sendMessage("more chatter")
            tryVerify(() => sounds.count === 2, 5000, "the channel made no sound with every notification chosen")

            AppSettings.notificationSound = AppSettings.DirectAndMentions
            otherWindow.destroy()
            app.requestActivate()
            tryVerify(() => app.active, 5000)
            bob.disconnectFromRoom()
            leave()
        }

        function test_hostCloseThenJoinAnother() {
            typeText("Fay")
            click("hostButton")
            tryVerify(() => chatPage() !== null && chatPage().client.state === ChatClient.Connected, 10000)
            compare(chatPage().client.roomName, "Fay's room")

            // The address for browsers and its QR code (127.0.0.1 where the test has no network).
            verify(chatPage().host.webUrls.length > 0, "no address to show")
            click("webAddressButton")
            const webDialog = findChild(chatPage(), "webAddressDialog")
            tryVerify(() => webDialog.opened, 2000)
            const code = findChild(webDialog.contentItem, "webQrCode")
            tryVerify(() => code.visible && code.width > 0)
            verify(code.modules >= 21, "no QR code drawn")
            compare(code.text, chatPage().host.webUrls[0])
            verify(code.text.startsWith("http://"))
            keyClick(Qt.Key_Escape)
            tryVerify(() => !code.visible, 2000)
            tryVerify(() => app.activeFocusItem?.objectName === "messageInput", 2000, "typing goes nowhere after the dialog")

            click("leaveButton")
            const dialog = find("closeDialog")
            tryVerify(() => dialog.opened)
            dialog.accept()
            tryVerify(() => chatPage() === null, 5000)
            tryVerify(() => find("hostButton").enabled, 5000, "hosting again is not possible")

            focusAndType("addressField", "127.0.0.1:" + openRoom.port)
            click("joinButton")
            waitInRoom("Open room")
            leave()
        }
    }
}
