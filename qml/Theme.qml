pragma Singleton
import QtQuick
import Parley.Client

// Every colour the app draws with, light and dark. "Follow the system" reads the platform's
// palette (Qt 6.4 has no colour-scheme API; a dark system palette has a dark window colour).
// Main.qml hands the controls' palette on from here, so Qt Quick Controls match.
QtObject {
    readonly property SystemPalette system: SystemPalette {}
    readonly property bool dark: AppSettings.colorScheme === AppSettings.Dark
                                 || (AppSettings.colorScheme === AppSettings.FollowSystem
                                     && system.window.hslLightness < 0.5)

    // Surfaces, back to front.
    readonly property color background: dark ? "#1e2024" : "#ffffff"
    readonly property color sidebar: dark ? "#25282d" : "#f3f4f7"
    readonly property color panel: dark ? "#222529" : "#f7f8fa"
    readonly property color field: dark ? "#2a2d32" : "#ffffff"
    readonly property color control: dark ? "#33373d" : "#eef0f3"
    readonly property color divider: dark ? "#3a3e45" : "#e1e4e8"
    readonly property color placeholder: dark ? "#3a3e45" : "#dfe3e8" // a picture not loaded yet

    readonly property color text: dark ? "#e6e8eb" : "#1c1f23"
    readonly property color secondaryText: dark ? "#a8adb4" : "#5f6368"
    readonly property color placeholderText: dark ? "#8a9099" : "#80868b"
    readonly property color link: dark ? "#8ab4f8" : "#1a5fb4"
    readonly property color accent: dark ? "#7fd1ac" : "#17563f" // names, frames, the brand
    readonly property color accentBorder: dark ? "#5fbf95" : "#1f7a5a"
    readonly property color selection: dark ? "#2f7a5a" : "#9bd3b8"
    readonly property color selectedText: dark ? "#ffffff" : "#1c1f23"

    // Messages.
    readonly property color ownBubble: dark ? "#1f4a38" : "#d7f0e3"
    readonly property color failedBubble: dark ? "#5a2a27" : "#fde7e5"
    readonly property color otherBubble: dark ? "#2f3339" : "#eef0f3"
    readonly property color mentionBubble: dark ? "#4a3d14" : "#fff1cc"
    readonly property color mentionBorder: dark ? "#d9a400" : "#f2b600"
    readonly property color quote: dark ? Qt.rgba(1, 1, 1, 0.07) : Qt.rgba(0, 0, 0, 0.05) // on any bubble

    // States.
    readonly property color error: dark ? "#f2b8b5" : "#b3261e"
    readonly property color warning: dark ? "#f0c36d" : "#8a5a00"
    readonly property color unread: dark ? "#e8716a" : "#c5221f" // the "New messages" line, unread counts
    readonly property color mention: dark ? "#8ab4f8" : "#1a73e8"
    readonly property color badgeText: dark ? "#16181b" : "#ffffff" // on unread and mention counts
    readonly property color online: dark ? "#4cc38a" : "#2e9d6a"
    readonly property color offline: dark ? "#80868b" : "#9aa0a6"
    readonly property color infoBanner: dark ? "#1f2b3d" : "#e8f0fe"
    readonly property color errorBanner: dark ? "#4a2422" : "#fce8e6"
    readonly property color warningBanner: dark ? "#45391b" : "#fff4d6"
    readonly property color liveBadge: dark ? "#1f3a2e" : "#e6f4ec"
    readonly property color liveBadgeHovered: dark ? "#24463a" : "#d9efe3"
    readonly property color liveBadgePressed: dark ? "#2b5445" : "#c8e6d7"
    readonly property color offlineBadge: dark ? "#2f3339" : "#eceff1"
    readonly property color dropOverlay: Qt.rgba(accent.r, accent.g, accent.b, 0.2)

    // The picture viewer is dark in both themes, as photo viewers are.
    readonly property color viewerBackground: "#1c1f23"
    readonly property color viewerText: "#ffffff"

    // What Qt Quick Controls draw with (Main.qml sets the window's palette from these): Qt's
    // own light palette, and its dark counterpart.
    readonly property color controlsWindow: dark ? "#2a2d32" : "#efefef"
    readonly property color controlsBase: dark ? "#2c3036" : "#ffffff" // menus and fields stand out
    readonly property color controlsAlternateBase: dark ? "#25282d" : "#f7f7f7"
    readonly property color controlsButton: dark ? "#33373d" : "#efefef"
    readonly property color controlsText: dark ? "#e6e8eb" : "#000000"
    readonly property color controlsHighlight: dark ? "#2f7a5a" : "#308cc6"
    readonly property color controlsLight: dark ? "#454a52" : "#ffffff"
    readonly property color controlsMidlight: dark ? "#3a3e45" : "#cacaca"
    readonly property color controlsMid: dark ? "#2c3035" : "#b8b8b8"
    readonly property color controlsDark: dark ? "#181a1d" : "#9f9f9f"
    readonly property color controlsShadow: dark ? "#000000" : "#767676"
    readonly property color controlsToolTip: dark ? "#33373d" : "#ffffdc"

    /// Avatars: white initials read well on each; Avatars.colorIndex picks one by member id.
    readonly property color avatarText: "#ffffff"
    readonly property var avatarColors: ["#1b7f5b", "#2a6bb0", "#8e44ad", "#b3541e", "#0f7c8c",
                                         "#a33a5b", "#5b6b1f", "#6b4fbb", "#9c5d00", "#3d6e8f",
                                         "#c0392b", "#117a65", "#7d3c98", "#34495e", "#a04000", "#1f618d"]
}
