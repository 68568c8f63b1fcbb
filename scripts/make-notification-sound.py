#!/usr/bin/env python3
"""Writes qml/sounds/message.wav, Parley's notification sound: two soft sine notes (A5, then E6)
with a fast attack and an exponential decay, 0.35 s, mono 16-bit at 22.05 kHz (15 KB). Made
here rather than taken from a sound library so that its licence is the project's own."""
import math
import struct
import wave
from pathlib import Path

RATE = 22050
LENGTH = 0.35
NOTES = [(880.0, 0.0, 0.5), (1318.5, 0.08, 0.35)]  # frequency, start (s), amplitude
DECAY = 9.0  # per second
LEVEL = 0.6  # headroom: notification sounds should not startle


def sample(t: float) -> float:
    value = 0.0
    for frequency, start, amplitude in NOTES:
        if t >= start:
            local = t - start
            value += amplitude * math.sin(2 * math.pi * frequency * local) * math.exp(-local * DECAY)
    attack = min(1.0, t / 0.005)
    return max(-1.0, min(1.0, value * attack * LEVEL))


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "qml" / "sounds" / "message.wav"
    frames = b"".join(struct.pack("<h", round(sample(i / RATE) * 32767)) for i in range(int(RATE * LENGTH)))
    with wave.open(str(out), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(frames)
    print(out)


if __name__ == "__main__":
    main()
