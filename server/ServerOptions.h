#pragma once

#include "DiscoveryPacket.h"
#include "ServerConfig.h"

#include <QCommandLineParser>

#include <optional>

/// parleyd's command line: parses it into a ServerConfig, or says clearly what is wrong.
class ServerOptions
{
public:
    /// Discover: list the rooms on the network instead of serving one. Backup: copy the history
    /// (--db) to backupPath() instead of serving it. Export: write it to exportPath() as JSON Lines.
    enum class Outcome { Run, Discover, Backup, Export, ShowHelp, ShowVersion, Error };

    ServerOptions();

    /// arguments includes the program name, as QCoreApplication::arguments() does.
    Outcome parse(const QStringList &arguments);

    const ServerConfig &config() const { return m_config; }
    bool verbose() const { return m_verbose; }
    /// Announce the room on the local network (--announce).
    bool announce() const { return m_announce; }
    /// Addresses beyond the local network to announce to as well (--announce-to).
    const QList<QHostAddress> &announceTargets() const { return m_announceTargets; }
    quint16 discoveryPort() const { return m_discoveryPort; }
    /// How long --discover listens.
    int discoverSeconds() const { return m_discoverSeconds; }
    /// Where --backup writes the copy.
    QString backupPath() const { return m_backupPath; }
    /// The folder --export writes.
    QString exportPath() const { return m_exportPath; }
    /// Set when parse() returned Error.
    QString errorText() const { return m_errorText; }
    QString helpText() const { return m_parser.helpText(); }
    /// Where parleyd keeps its history unless told otherwise (under AppDataLocation).
    static QString defaultDatabasePath();

private:
    Outcome fail(const QString &text);
    /// The options a --config file sets, as command-line arguments (nothing after fail()).
    std::optional<QStringList> argumentsFromConfig(const QString &path);

    QCommandLineParser m_parser;
    QList<QCommandLineOption> m_options;
    ServerConfig m_config;
    bool m_verbose = false;
    bool m_announce = false;
    QList<QHostAddress> m_announceTargets;
    quint16 m_discoveryPort = Discovery::DefaultPort;
    int m_discoverSeconds = 0;
    QString m_backupPath;
    QString m_exportPath;
    QString m_errorText;
};
