import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// Who you are, and whether you host a room or join one.
Page {
    id: page

    required property NearbyRoomModel nearbyRooms
    property string errorText
    property bool hosting: false
    readonly property string displayName: nameField.text.trim()
    readonly property alias maxPeople: peopleBox.value
    readonly property alias messagesPerSecond: rateBox.value
    readonly property alias maxTextLength: textBox.value
    readonly property alias maxMessageKiB: frameBox.value
    readonly property alias idleTimeoutSeconds: idleBox.value
    readonly property alias maxQueueKiB: queueBox.value
    readonly property string defaultRoomName: displayName.length > 0 ? qsTr("%1's room").arg(displayName) : qsTr("Our room")

    signal hostRequested(string roomName, int port, string password, bool encrypted, bool announced)
    signal joinRequested(string address, string password)
    signal aboutRequested()

    function requestHost() {
        if (!hostButton.enabled)
            return
        AppSettings.displayName = page.displayName
        page.hostRequested(roomField.text.trim().length > 0 ? roomField.text.trim() : page.defaultRoomName,
                           parseInt(portField.text), hostPasswordField.text, encryptBox.checked,
                           announceBox.checked)
    }

    function requestJoin() {
        if (!joinButton.enabled)
            return
        AppSettings.displayName = page.displayName
        page.joinRequested(addressField.editText, joinPasswordField.text)
    }

    function focusPassword() {
        joinPasswordField.selectAll()
        joinPasswordField.forceActiveFocus()
    }

    function joinNearby(url, passwordRequired) {
        addressField.editText = url.toString()
        if (passwordRequired && joinPasswordField.text.length === 0) {
            joinPasswordField.forceActiveFocus()
            return
        }
        requestJoin()
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        focus: true // a focus scope between the page and the name field

        ColumnLayout {
            width: Math.min(parent.width - 48, 560)
            x: (parent.width - width) / 2
            spacing: 18

            Item { Layout.preferredHeight: 20 }

            RowLayout {
                spacing: 14
                Image {
                    source: "qrc:/Parley/icons/parley.svg"
                    sourceSize: Qt.size(56, 56)
                    Accessible.ignored: true
                }
                ColumnLayout {
                    spacing: 2
                    Label {
                        text: "Parley"
                        font.pixelSize: 30
                        font.bold: true
                    }
                    Label {
                        text: qsTr("Chat live with the people around you — no cloud needed.")
                        opacity: 0.75
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }

            ColumnLayout {
                spacing: 4
                Layout.fillWidth: true
                Label { text: qsTr("Your name"); font.bold: true }
                TextField {
                    id: nameField
                    objectName: "nameField"
                    Layout.fillWidth: true
                    text: AppSettings.displayName
                    placeholderText: qsTr("How others will see you")
                    maximumLength: 32
                    focus: true
                    Accessible.name: qsTr("Your name")
                }
            }

            GroupBox {
                title: qsTr("Host a room")
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 8
                    Label {
                        text: qsTr("Start a room on this computer; others on your network join it.")
                        wrapMode: Text.Wrap
                        opacity: 0.75
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: roomField
                            Layout.fillWidth: true
                            text: AppSettings.hostRoomName
                            placeholderText: page.defaultRoomName
                            maximumLength: 32
                            Accessible.name: qsTr("Room name")
                            onAccepted: page.requestHost()
                        }
                        TextField {
                            id: portField
                            Layout.preferredWidth: 90
                            text: AppSettings.hostPort
                            validator: IntValidator { bottom: 0; top: 65535 }
                            inputMethodHints: Qt.ImhDigitsOnly
                            Accessible.name: qsTr("Port")
                            ToolTip.visible: activeFocus
                            ToolTip.text: qsTr("Port (0 picks a free one)")
                            onAccepted: page.requestHost()
                        }
                        Button {
                            id: hostButton
                            objectName: "hostButton"
                            text: page.hosting ? qsTr("Starting…") : qsTr("Host")
                            highlighted: true
                            enabled: page.displayName.length > 0 && portField.acceptableInput && !page.hosting
                            Accessible.name: qsTr("Host a room")
                            onClicked: page.requestHost()
                            Keys.onReturnPressed: page.requestHost()
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: hostPasswordField
                            objectName: "hostPassword"
                            Layout.fillWidth: true
                            echoMode: TextInput.Password
                            placeholderText: qsTr("Password (optional)")
                            Accessible.name: qsTr("Room password")
                            onAccepted: page.requestHost()
                        }
                        CheckBox {
                            id: encryptBox
                            text: qsTr("Encrypt")
                            Accessible.name: qsTr("Encrypt the room's traffic (TLS)")
                            ToolTip.visible: hovered || visualFocus
                            ToolTip.text: qsTr("Members connect with wss:// and see a certificate fingerprint to compare with yours")
                        }
                        CheckBox {
                            id: announceBox
                            text: qsTr("Show on this network")
                            checked: true
                            Accessible.name: qsTr("List the room for people on this network")
                            ToolTip.visible: hovered || visualFocus
                            ToolTip.text: qsTr("Unchecked, the room is private: people join only by typing its address")
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Label { text: qsTr("Up to") }
                        SpinBox {
                            id: peopleBox
                            from: 2
                            to: 100000
                            value: 1000
                            editable: true
                            Layout.preferredWidth: 120
                            Accessible.name: qsTr("Most people in the room")
                        }
                        Label { text: qsTr("people, each sending up to") }
                        SpinBox {
                            id: rateBox
                            from: 1
                            to: 1000
                            value: 20
                            editable: true
                            Layout.preferredWidth: 90
                            Accessible.name: qsTr("Most messages per second per person")
                        }
                        Label { text: qsTr("messages/s") }
                    }
                    CheckBox {
                        id: advancedBox
                        text: qsTr("More limits")
                        Accessible.name: qsTr("Show more limits")
                    }
                    GridLayout {
                        visible: advancedBox.checked
                        columns: 2
                        Label { text: qsTr("Longest message (characters)") }
                        SpinBox { id: textBox; from: 1; to: 60000; value: 4000; editable: true; Accessible.name: qsTr("Longest message in characters") }
                        Label { text: qsTr("Largest frame (KiB)") }
                        SpinBox { id: frameBox; from: 1; to: 16384; value: 64; editable: true; Accessible.name: qsTr("Largest frame in KiB") }
                        Label { text: qsTr("Drop silent connections after (s)") }
                        SpinBox { id: idleBox; from: 5; to: 86400; value: 60; editable: true; Accessible.name: qsTr("Seconds before a silent connection is dropped") }
                        Label { text: qsTr("Backlog for slow readers (KiB)") }
                        SpinBox { id: queueBox; from: 64; to: 1048576; value: 4096; editable: true; Accessible.name: qsTr("Backlog for slow readers in KiB") }
                    }
                }
            }

            GroupBox {
                title: qsTr("Join a room")
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 8
                    NearbyRoomList {
                        Layout.fillWidth: true
                        model: page.nearbyRooms
                        enabledForJoin: page.displayName.length > 0
                        onRoomChosen: (url, passwordRequired) => page.joinNearby(url, passwordRequired)
                    }
                    Label {
                        text: qsTr("Or type the address the host sees in their room, such as 192.168.1.20 or ws://office-pc:47800/.")
                        wrapMode: Text.Wrap
                        opacity: 0.75
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        ComboBox {
                            id: addressField
                            objectName: "addressField"
                            Layout.fillWidth: true
                            editable: true
                            model: AppSettings.recentAddresses
                            Accessible.name: qsTr("Room address")
                            onAccepted: page.requestJoin()
                            // ComboBox.placeholderText arrived in Qt 6.5, and the editor inside draws none.
                            Label {
                                parent: addressField.contentItem
                                x: parent.leftPadding
                                anchors.verticalCenter: parent.verticalCenter
                                visible: addressField.editText.length === 0
                                text: qsTr("Room address")
                                color: addressField.palette.placeholderText
                                Accessible.ignored: true
                            }
                        }
                        TextField {
                            id: joinPasswordField
                            objectName: "joinPassword"
                            Layout.preferredWidth: 150
                            echoMode: TextInput.Password
                            placeholderText: qsTr("Password, if any")
                            Accessible.name: qsTr("Room password")
                            onAccepted: page.requestJoin()
                        }
                        Button {
                            id: joinButton
                            objectName: "joinButton"
                            text: qsTr("Join")
                            highlighted: true
                            enabled: page.displayName.length > 0 && addressField.editText.trim().length > 0
                            Accessible.name: qsTr("Join the room")
                            onClicked: page.requestJoin()
                            Keys.onReturnPressed: page.requestJoin()
                        }
                    }
                }
            }

            Label {
                objectName: "startError"
                visible: page.errorText.length > 0
                text: page.errorText
                color: Theme.error
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
            }

            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: page.displayName.length === 0 ? qsTr("Enter your name to host or join.") : ""
                    opacity: 0.6
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "themeButton"
                    text: qsTr("Theme")
                    flat: true
                    Accessible.name: qsTr("Choose light or dark colours")
                    onClicked: themeMenu.open()
                    ThemeMenu { id: themeMenu; y: parent.height }
                }
                Button {
                    text: qsTr("About Parley")
                    flat: true
                    Accessible.name: text
                    onClicked: page.aboutRequested()
                }
            }
        }
    }
}
