import QtQuick
import QtQuick.Controls
import QtTest
import Parley
import Parley.Client

// The Join list as a user sees it, on a LAN made of network namespaces (run-in-netns.sh): a
// room hosted here is announced on the veth link, heard back, listed, joined by a click, and
// gone when it closes.
Item {
    id: root
    width: 900
    height: 900

    RoomHost {
        id: host
        announced: true
    }

    NearbyRoomModel {
        id: rooms
        active: true
    }

    StartPage {
        id: page
        anchors.fill: parent
        nearbyRooms: rooms
    }

    SignalSpy { id: started; target: host; signalName: "started" }
    SignalSpy { id: stopped; target: host; signalName: "stopped" }
    SignalSpy { id: joinRequested; target: page; signalName: "joinRequested" }

    TestCase {
        name: "JoinList"
        when: windowShown

        function init() {
            failOnWarning(/.?/) // any warning is a defect
        }

        function test_aHostedRoomIsListedAndJoinedWithAClick() {
            AppSettings.displayName = "Tester"
            const list = findChild(page, "nearbyRooms")
            verify(list)
            compare(rooms.errorString, "")
            compare(list.count, 0)

            host.start("Listed room", 0)
            started.wait(5000)
            tryVerify(() => list.count === 1, 3000, "the room was not listed within 3 s")
            tryVerify(() => list.itemAtIndex(0) !== null) // delegates are made at the next polish
            const row = list.itemAtIndex(0)
            compare(row.name, "Listed room")
            compare(row.members, 0)
            verify(row.url.toString().startsWith("ws://10.231.0.2:" + host.port))

            mouseClick(row)
            compare(joinRequested.count, 1)
            compare(joinRequested.signalArguments[0][0], "ws://10.231.0.2:" + host.port + "/")

            host.stop()
            stopped.wait(5000)
            tryVerify(() => list.count === 0, 2000, "the closed room is still listed")
        }
    }
}
