#pragma once

#include <QCommandLineParser>
#include <QUrl>

/// The desktop client's command line: join or host directly, pick the UI language.
///   parley --connect ws://HOST:PORT/ --name NAME
///   parley --host [--room NAME] [--port P] --name NAME
class ClientOptions
{
public:
    enum class Outcome { Run, ShowHelp, ShowVersion, Error };
    enum class Action { ShowStartPage, Join, Host };

    ClientOptions();

    /// arguments includes the program name.
    Outcome parse(const QStringList &arguments);

    Action action() const { return m_action; }
    QUrl connectUrl() const { return m_connectUrl; }
    QString name() const { return m_name; }
    QString roomName() const { return m_roomName; }
    int port() const { return m_port; }
    bool encrypted() const { return m_encrypted; }
    /// Host without announcing the room on the local network.
    bool isPrivate() const { return m_private; }
    /// A locale name such as "vi" or "en_GB", empty for the system's.
    QString language() const { return m_language; }
    QString errorText() const { return m_errorText; }
    QString helpText() const { return m_parser.helpText(); }

private:
    Outcome fail(const QString &text);

    QCommandLineParser m_parser;
    Action m_action = Action::ShowStartPage;
    QUrl m_connectUrl;
    QString m_name;
    QString m_roomName;
    int m_port = -1;
    bool m_encrypted = false;
    bool m_private = false;
    QString m_language;
    QString m_errorText;
};
