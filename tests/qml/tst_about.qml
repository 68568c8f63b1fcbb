import QtQuick
import QtTest
import Parley

// The About dialog shows the one version number set in CMake (parley --version prints it too).
Item {
    width: 600
    height: 500

    AboutDialog {
        id: about
        width: 460
    }

    TestCase {
        name: "About"
        when: windowShown

        function init() {
            failOnWarning(/.?/) // any warning is a defect
        }

        function test_showsTheVersionSetInCMake() {
            verify(projectVersion.length > 0)
            about.open()
            tryVerify(() => about.opened)
            const label = findChild(about.contentItem, "version")
            verify(label)
            compare(label.text, "Version " + projectVersion)
        }
    }
}
