#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

/// One file on its way, up or down, as people follow it: how far it is, how fast it goes and
/// how long it will take. FileTransfers moves the bytes and reports here; QML binds to it.
class Transfer : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Made by ChatClient")

    Q_PROPERTY(QString id READ id CONSTANT)
    Q_PROPERTY(Direction direction READ direction CONSTANT)
    Q_PROPERTY(QString name READ name CONSTANT)
    Q_PROPERTY(qint64 bytesTotal READ bytesTotal CONSTANT)
    Q_PROPERTY(qint64 bytesDone READ bytesDone NOTIFY progressChanged)
    /// From 0 to 1.
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    /// Over the last few seconds; 0 until known.
    Q_PROPERTY(double bytesPerSecond READ bytesPerSecond NOTIFY progressChanged)
    /// At the current speed; -1 until known.
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY progressChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged)
    /// Where the file is on this computer (a download's once it is done).
    Q_PROPERTY(QUrl localFile READ localFile NOTIFY stateChanged)
    /// Whether it can still be stopped (an upload whose every byte was sent is the room's now).
    Q_PROPERTY(bool cancellable READ isCancellable NOTIFY progressChanged)

public:
    enum class Direction { Upload, Download };
    Q_ENUM(Direction)
    enum class State {
        Preparing, ///< an upload being hashed
        Waiting,   ///< for the room (offline, or it asked to wait); goes on by itself
        Running,
        Done,
        Failed, ///< for good: errorString says why
        Cancelled,
    };
    Q_ENUM(State)

    Transfer(QString id, Direction direction, QString name, qint64 bytesTotal, QObject *parent = nullptr);

    QString id() const { return m_id; }
    Direction direction() const { return m_direction; }
    QString name() const { return m_name; }
    qint64 bytesTotal() const { return m_bytesTotal; }
    qint64 bytesDone() const { return m_bytesDone; }
    double progress() const { return m_bytesTotal > 0 ? double(m_bytesDone) / double(m_bytesTotal) : 0; }
    double bytesPerSecond() const { return m_bytesPerSecond; }
    int secondsLeft() const;
    State state() const { return m_state; }
    QString errorString() const { return m_errorString; }
    QUrl localFile() const { return m_localFile; }
    bool isCancellable() const
    {
        return !isFinished() && (m_direction == Direction::Download || m_bytesDone < m_bytesTotal);
    }
    bool isFinished() const
    {
        return m_state == State::Done || m_state == State::Failed || m_state == State::Cancelled;
    }

    void setBytesDone(qint64 bytes);
    void setState(State state, const QString &errorString = {});
    void setLocalFile(const QUrl &file);

Q_SIGNALS:
    void progressChanged();
    void stateChanged();

private:
    QString m_id;
    Direction m_direction;
    QString m_name;
    qint64 m_bytesTotal;
    qint64 m_bytesDone = 0;
    State m_state = State::Preparing;
    QString m_errorString;
    QUrl m_localFile;
    // Speed over a sliding window: a sample every half second or so.
    QElapsedTimer m_clock;
    qint64 m_sampleBytes = 0;
    qint64 m_sampleAt = 0;
    double m_bytesPerSecond = 0;
};
