import QtQuick
import QtQuick.Controls

// A menu that follows a change of theme. Qt 6.4 hands the window's palette on to a popup in a
// list view (the message menu, a member's menu) only once; these take the theme's colours
// themselves, as Main.qml gives them to the window.
Menu {
    palette.window: Theme.controlsWindow
    palette.windowText: Theme.controlsText
    palette.base: Theme.controlsBase
    palette.text: Theme.controlsText
    palette.button: Theme.controlsButton
    palette.buttonText: Theme.controlsText
    palette.highlight: Theme.controlsHighlight
    palette.highlightedText: "#ffffff"
    palette.light: Theme.controlsLight
    palette.midlight: Theme.controlsMidlight
    palette.mid: Theme.controlsMid
    palette.dark: Theme.controlsDark
    palette.shadow: Theme.controlsShadow
}
