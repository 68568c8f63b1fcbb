#pragma once

#include "ServerConfig.h"

#include <QCommandLineParser>

/// parleyd's command line: parses it into a ServerConfig, or says clearly what is wrong.
class ServerOptions
{
public:
    enum class Outcome { Run, ShowHelp, ShowVersion, Error };

    ServerOptions();

    /// arguments includes the program name, as QCoreApplication::arguments() does.
    Outcome parse(const QStringList &arguments);

    const ServerConfig &config() const { return m_config; }
    bool verbose() const { return m_verbose; }
    /// Set when parse() returned Error.
    QString errorText() const { return m_errorText; }
    QString helpText() const { return m_parser.helpText(); }
    /// Where parleyd keeps its history unless told otherwise (under AppDataLocation).
    static QString defaultDatabasePath();

private:
    Outcome fail(const QString &text);

    QCommandLineParser m_parser;
    ServerConfig m_config;
    bool m_verbose = false;
    QString m_errorText;
};
