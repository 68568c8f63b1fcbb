import QtQuick

// The notification sound. Qt Multimedia is a recommended package, not a dependency, so its
// player is made at the first sound: without the module the app stays silent (and its log says
// why), and a session that never plays a sound never opens the audio system.
QtObject {
    id: sound

    /// The SoundEffect, once made.
    property QtObject player: null
    property bool unavailable: false

    function play() {
        if (player === null && !unavailable) {
            const component = Qt.createComponent("NotificationSoundPlayer.qml")
            if (component.status === Component.Ready) {
                player = component.createObject(sound)
            } else {
                unavailable = true
                console.info("Notification sounds are off: Qt Multimedia is missing.", component.errorString())
            }
        }
        player?.play()
    }
}
