import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Qt.labs.platform as Platform
import Parley.Client

ApplicationWindow {
    id: window

    // What the command line asked for (set by main.cpp): 0 start page, 1 join, 2 host.
    property int startupAction: 0
    property url startupUrl
    property string startupRoom
    property int startupPort: -1
    property bool startupEncrypted: false
    property bool startupAnnounced: true

    property bool closeConfirmed: false
    readonly property bool inRoom: chatClient.state !== ChatClient.Disconnected

    palette {
        window: Theme.controlsWindow
        windowText: Theme.controlsText
        base: Theme.controlsBase
        alternateBase: Theme.controlsAlternateBase
        text: Theme.controlsText
        button: Theme.controlsButton
        buttonText: Theme.controlsText
        brightText: "#ffffff"
        highlight: Theme.controlsHighlight
        highlightedText: "#ffffff"
        light: Theme.controlsLight
        midlight: Theme.controlsMidlight
        mid: Theme.controlsMid
        dark: Theme.controlsDark
        shadow: Theme.controlsShadow
        placeholderText: Theme.placeholderText
        toolTipBase: Theme.controlsToolTip
        toolTipText: Theme.controlsText
        link: Theme.link
    }
    width: 980
    height: 700
    minimumWidth: 420
    minimumHeight: 420
    visible: true
    title: {
        const base = inRoom && chatClient.roomName.length > 0 ? qsTr("%1 — Parley").arg(chatClient.roomName) : "Parley"
        const unread = inRoom ? chatClient.conversations.totalUnread : 0
        return unread > 0 ? "(%1) %2".arg(unread).arg(base) : base
    }

    ChatClient {
        id: chatClient
        displayName: AppSettings.displayName
        identityToken: AppSettings.identityToken
        active: window.active
        // Links to messages name the address others join at, not the host's loopback.
        shareUrl: roomHost.running && roomHost.shareUrls.length > 0 ? roomHost.shareUrls[0] : ""
    }

    RoomHost {
        id: roomHost
        hostToken: AppSettings.identityToken // the host moderates its room
        onStarted: chatClient.connectToRoom(roomHost.localUrl)
        onStopped: if (window.closeConfirmed) window.close()
    }

    Notifier {
        id: notifier
        objectName: "notifier"
        windowActive: window.active
        sound: AppSettings.notificationSound
        onNotificationRequested: (title, message) => tray.showMessage(title, message)
        onSoundRequested: notificationSound.play()
    }

    NotificationSound {
        id: notificationSound
        objectName: "notificationSound"
    }

    Connections {
        target: chatClient
        function onChatReceived(senderName, text, conversationTitle, direct, mentionsMe, conversation) {
            const title = direct || conversation === "general" ? senderName
                                                              : qsTr("%1 in %2").arg(senderName).arg(conversationTitle)
            notifier.chatArrived(title, text, direct || mentionsMe,
                                 AppSettings.notifyLevel(chatClient.roomId, conversation))
        }
        function onRenamed(name) { AppSettings.displayName = name } // the name from now on
        function onPasswordRequired() { passwordDialog.ask(chatClient.url) }
        function onPasswordRefused() { startPage.focusPassword() }
        function onCertificateChanged(pinned, presented) {
            certificateDialog.pinned = pinned
            certificateDialog.presented = presented
            certificateDialog.open()
        }
    }

    Dialog {
        id: certificateDialog
        property string pinned
        property string presented
        anchors.centerIn: parent
        modal: true
        width: Math.min(window.width - 40, 560)
        title: qsTr("Warning: this room's identity has changed")
        ColumnLayout {
            width: parent.width
            spacing: 10
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.error
                font.bold: true
                text: qsTr("The room presents a different certificate than the last time. Someone may be impersonating it. Parley has not connected.")
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("Ask the host which fingerprint their room shows. Trust the new one only if it matches.")
            }
            Label { text: qsTr("Before:"); font.bold: true }
            Label { Layout.fillWidth: true; wrapMode: Text.WrapAnywhere; font.family: "monospace"; text: certificateDialog.pinned }
            Label { text: qsTr("Now:"); font.bold: true }
            Label { Layout.fillWidth: true; wrapMode: Text.WrapAnywhere; font.family: "monospace"; text: certificateDialog.presented }
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Do not connect")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
                Accessible.name: text
            }
            Button {
                text: qsTr("Trust the new certificate")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
                Accessible.name: text
            }
        }
        onAccepted: chatClient.trustChangedCertificate()
    }

    PasswordDialog {
        id: passwordDialog
        anchors.centerIn: parent
        width: Math.min(window.width - 40, 420)
        onPasswordEntered: (address, password) => window.joinRoom(address, password)
    }

    Platform.SystemTrayIcon {
        id: tray
        visible: available
        icon.source: "qrc:/Parley/icons/parley.svg"
        tooltip: notifier.unreadCount > 0 ? qsTr("Parley — %n unread", "", notifier.unreadCount) : "Parley"
        onActivated: { window.show(); window.raise(); window.requestActivate() }
    }

    function hostRoom(roomName, port, password, encrypted, announced) {
        AppSettings.hostRoomName = roomName
        AppSettings.hostPort = port
        chatClient.password = password
        roomHost.maxClients = startPage.maxPeople
        roomHost.messagesPerSecond = startPage.messagesPerSecond
        roomHost.maxTextLength = startPage.maxTextLength
        roomHost.maxMessageKiB = startPage.maxMessageKiB
        roomHost.idleTimeoutSeconds = startPage.idleTimeoutSeconds
        roomHost.maxQueueKiB = startPage.maxQueueKiB
        roomHost.announced = announced
        roomHost.start(roomName, port, password, encrypted)
    }

    function joinRoom(address, password) {
        chatClient.password = password
        if (chatClient.joinAddress(address))
            AppSettings.addRecentAddress(address.trim())
    }

    function leaveRoom() {
        if (roomHost.running) {
            closeDialog.leaving = true
            closeDialog.open()
            return
        }
        chatClient.disconnectFromRoom()
    }

    NearbyRoomModel {
        id: nearbyRooms
        active: startPage.visible
    }

    StartPage {
        id: startPage
        nearbyRooms: nearbyRooms
        anchors.fill: parent
        visible: !window.inRoom
        focus: visible // typing goes to the name field at start and after leaving a room
        hosting: roomHost.busy
        errorText: roomHost.errorString.length > 0 ? roomHost.errorString : chatClient.errorString
        onHostRequested: (roomName, port, password, encrypted, announced) => window.hostRoom(roomName, port, password, encrypted, announced)
        onJoinRequested: (address, password) => window.joinRoom(address, password)
        onAboutRequested: aboutDialog.open()
    }

    AboutDialog {
        id: aboutDialog
        anchors.centerIn: parent
        width: Math.min(window.width - 40, 460)
    }

    Loader {
        anchors.fill: parent
        active: window.inRoom
        sourceComponent: ChatPage {
            client: chatClient
            host: roomHost
            onLeaveRequested: window.leaveRoom()
        }
    }

    Dialog {
        id: closeDialog
        objectName: "closeDialog"
        property bool leaving: false
        anchors.centerIn: parent
        modal: true
        title: qsTr("Close the room?")
        width: Math.min(window.width - 40, 440)
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("You are hosting “%1”. If you leave, the room closes for everyone in it.").arg(chatClient.roomName)
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Close the room")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
                Accessible.name: text
            }
            Button {
                text: qsTr("Keep hosting")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
                Accessible.name: text
            }
        }
        onAccepted: {
            chatClient.disconnectFromRoom()
            window.closeConfirmed = !leaving
            roomHost.stop()
        }
        onClosed: leaving = false
    }

    onClosing: close => {
        AppSettings.windowGeometry = Qt.rect(x, y, width, height)
        if (roomHost.running && !closeConfirmed) {
            close.accepted = false
            closeDialog.open()
        }
    }

    Component.onCompleted: {
        const geometry = AppSettings.windowGeometry
        if (geometry.width > 0 && geometry.height > 0) {
            x = geometry.x; y = geometry.y; width = geometry.width; height = geometry.height
        }
        if (startupAction === 1)
            chatClient.connectToRoom(startupUrl)
        else if (startupAction === 2)
            hostRoom(startupRoom.length > 0 ? startupRoom : startPage.defaultRoomName,
                     startupPort >= 0 ? startupPort : AppSettings.hostPort, "", startupEncrypted, startupAnnounced)
    }
}
