import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley.Client

// A file on its way: how far it is, how fast it goes, how long it will take; and a way to stop it.
RowLayout {
    id: progress

    /// May go null when the transfer ends (its row then hides this).
    required property Transfer transfer
    signal cancelRequested()

    readonly property int secondsLeft: transfer?.secondsLeft ?? -1
    readonly property real bytesPerSecond: transfer?.bytesPerSecond ?? 0
    readonly property string timeLeft: secondsLeft < 0 ? ""
                                       : secondsLeft < 60 ? qsTr("%n s left", "", secondsLeft)
                                       : qsTr("%n min left", "", Math.ceil(secondsLeft / 60))
    readonly property string amount: qsTr("%1 of %2").arg(Qt.locale().formattedDataSize(transfer?.bytesDone ?? 0))
                                                      .arg(Qt.locale().formattedDataSize(transfer?.bytesTotal ?? 0))

    spacing: 4

    ColumnLayout {
        Layout.fillWidth: true
        spacing: 2
        ProgressBar {
            objectName: "transferBar"
            Layout.fillWidth: true
            from: 0
            to: 1
            value: progress.transfer?.progress ?? 0
            indeterminate: progress.transfer?.state === Transfer.Preparing
            Accessible.name: progress.transfer?.direction === Transfer.Upload ? qsTr("Sending %1").arg(progress.transfer?.name)
                                                                              : qsTr("Fetching %1").arg(progress.transfer?.name)
        }
        Label {
            objectName: "transferStatus"
            Layout.fillWidth: true
            font.pixelSize: 11
            opacity: 0.75
            elide: Text.ElideRight
            text: {
                switch (progress.transfer?.state) {
                case Transfer.Preparing:
                    return qsTr("Preparing…")
                case Transfer.Waiting:
                    return qsTr("Waiting for the room · %1").arg(progress.amount)
                default:
                    if (progress.bytesPerSecond <= 0)
                        return progress.amount
                    return [progress.amount, qsTr("%1/s").arg(Qt.locale().formattedDataSize(progress.bytesPerSecond)),
                            progress.timeLeft].filter(part => part.length > 0).join(" · ")
                }
            }
        }
    }
    ToolButton {
        objectName: "cancelTransfer"
        enabled: progress.transfer?.cancellable ?? false
        text: "✕"
        Accessible.name: qsTr("Cancel")
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Cancel")
        onClicked: progress.cancelRequested()
    }
}
