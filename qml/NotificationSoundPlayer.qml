import QtMultimedia

// Made only by NotificationSound, which copes when this import is missing.
SoundEffect {
    source: "sounds/message.wav"
    volume: 0.8
}
