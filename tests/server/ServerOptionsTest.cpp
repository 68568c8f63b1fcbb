#include "ServerOptions.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

namespace {
ServerOptions::Outcome parse(ServerOptions &options, QStringList arguments)
{
    arguments.prepend(u"parleyd"_s);
    return options.parse(arguments);
}
} // namespace

TEST(ServerOptions, Defaults)
{
    ServerOptions options;
    ASSERT_EQ(parse(options, {}), ServerOptions::Outcome::Run);
    EXPECT_EQ(options.config().port, 47800);
    EXPECT_EQ(options.config().bindAddress, QHostAddress(QHostAddress::Any));
    EXPECT_FALSE(options.verbose());
}

TEST(ServerOptions, ReadsEveryOption)
{
    ServerOptions options;
    ASSERT_EQ(parse(options, {u"--port"_s, u"0"_s, u"--bind"_s, u"::1"_s, u"--name"_s, u" Class 7B "_s,
                              u"--verbose"_s}),
              ServerOptions::Outcome::Run)
        << options.errorText().toStdString();
    EXPECT_EQ(options.config().port, 0);
    EXPECT_EQ(options.config().bindAddress, QHostAddress(QHostAddress::LocalHostIPv6));
    EXPECT_EQ(options.config().roomName, u"Class 7B"_s);
    EXPECT_TRUE(options.verbose());
}

TEST(ServerOptions, ReadsTheLimits)
{
    ServerOptions options;
    ASSERT_EQ(parse(options, {u"--max-clients"_s,
                              u"50"_s,
                              u"--rate"_s,
                              u"5"_s,
                              u"--burst"_s,
                              u"10"_s,
                              u"--max-text"_s,
                              u"500"_s,
                              u"--idle-timeout"_s,
                              u"30"_s,
                              u"--max-queue-kib"_s,
                              u"1024"_s,
                              u"--allow-origin"_s,
                              u"https://a.example"_s,
                              u"--allow-origin"_s,
                              u"https://b.example"_s,
                              u"--metrics-from"_s,
                              u"10.1.0.0/16"_s,
                              u"--metrics-from"_s,
                              u"fd00::7"_s,
                              u"--db"_s,
                              u":memory:"_s,
                              u"--history"_s,
                              u"20"_s,
                              u"--max-message-kib"_s,
                              u"16"_s,
                              u"--connection-rate"_s,
                              u"3"_s,
                              u"--direct-per-minute"_s,
                              u"4"_s,
                              u"--channel"_s,
                              u"#announcements"_s,
                              u"--channel"_s,
                              u"homework"_s,
                              u"--no-member-channels"_s,
                              u"--max-channels"_s,
                              u"20"_s,
                              u"--channels-per-hour"_s,
                              u"2"_s,
                              u"--files-dir"_s,
                              u"/srv/parley/files"_s,
                              u"--max-file-mib"_s,
                              u"10"_s,
                              u"--max-storage-mib"_s,
                              u"500"_s,
                              u"--uploads-in-flight"_s,
                              u"2"_s,
                              u"--uploads-per-minute"_s,
                              u"6"_s}),
              ServerOptions::Outcome::Run)
        << options.errorText().toStdString();
    const ServerConfig &config = options.config();
    EXPECT_EQ(config.maxClients, 50);
    EXPECT_EQ(config.ratePerSecond, 5);
    EXPECT_EQ(config.rateBurst, 10);
    EXPECT_EQ(config.limits.maxTextLength, 500);
    EXPECT_EQ(config.idleTimeout, std::chrono::seconds(30));
    EXPECT_LE(config.pingInterval, std::chrono::seconds(10));
    EXPECT_EQ(config.maxQueuedBytes, 1024 * 1024);
    EXPECT_EQ(config.allowedOrigins, (QStringList{u"https://a.example"_s, u"https://b.example"_s}));
    // Named subnets replace the default (this computer), a bare address is itself.
    EXPECT_EQ(config.metricsAllowedFrom,
              (QList<std::pair<QHostAddress, int>>{{QHostAddress(u"10.1.0.0"_s), 16},
                                                   {QHostAddress(u"fd00::7"_s), 128}}));
    EXPECT_EQ(config.databasePath, u":memory:"_s);
    EXPECT_EQ(config.historyOnJoin, 20);
    EXPECT_EQ(config.limits.maxMessageBytes, 16u * 1024);
    EXPECT_EQ(config.connectionsPerSecond, 3);
    EXPECT_EQ(config.connectionBurst, 30);
    EXPECT_EQ(config.directOpensPerMinute, 4);
    EXPECT_EQ(config.channels, (QStringList{u"announcements"_s, u"homework"_s}));
    EXPECT_FALSE(config.membersMayCreateChannels);
    EXPECT_EQ(config.maxChannels, 20);
    EXPECT_EQ(config.channelsPerHour, 2);
    EXPECT_EQ(config.filesPath, u"/srv/parley/files"_s);
    EXPECT_EQ(config.maxFileBytes, 10 * 1024 * 1024);
    EXPECT_EQ(config.maxStorageBytes, 500 * 1024 * 1024);
    EXPECT_EQ(config.maxUploadsInFlight, 2);
    EXPECT_EQ(config.uploadsPerMinute, 6);
}

TEST(ServerOptions, BadValuesAreClearErrors)
{
    const std::vector<std::pair<QStringList, QString>> cases{
        {{u"--port"_s, u"http"_s}, u"--port"_s},
        {{u"--port"_s, u"70000"_s}, u"--port"_s},
        {{u"--port"_s, u"-1"_s}, u"--port"_s},
        {{u"--bind"_s, u"not-an-address"_s}, u"--bind"_s},
        {{u"--name"_s, u""_s}, u"--name"_s},
        {{u"--frobnicate"_s}, u"frobnicate"_s},
        {{u"--port"_s}, u"port"_s},
        {{u"stray"_s}, u"stray"_s},
        {{u"--rate"_s, u"0"_s}, u"--rate"_s},
        {{u"--max-clients"_s, u"lots"_s}, u"--max-clients"_s},
        {{u"--direct-per-minute"_s, u"0"_s}, u"--direct-per-minute"_s},
        {{u"--channel"_s, u" "_s}, u"--channel"_s},
        {{u"--channels-per-hour"_s, u"many"_s}, u"--channels-per-hour"_s},
        {{u"--history"_s, u"5000"_s}, u"--history"_s},
        {{u"--db"_s, u""_s}, u"--db"_s},
        {{u"--max-file-mib"_s, u"0"_s}, u"--max-file-mib"_s},
        {{u"--max-storage-mib"_s, u"-1"_s}, u"--max-storage-mib"_s},
        {{u"--uploads-in-flight"_s, u"none"_s}, u"--uploads-in-flight"_s},
        {{u"--files-dir"_s, u""_s}, u"--files-dir"_s},
        {{u"--metrics-from"_s, u"everyone"_s}, u"--metrics-from"_s},
        {{u"--metrics-from"_s, u"10.0.0.0/99"_s}, u"--metrics-from"_s},
        // A 4,000-character chat can take 16 KiB: it would be closed with 1009, not refused.
        {{u"--max-message-kib"_s, u"1"_s}, u"--max-text 4000 does not fit in --max-message-kib 1"_s},
    };
    for (const auto &[arguments, mentioned] : cases) {
        ServerOptions options;
        EXPECT_EQ(parse(options, arguments), ServerOptions::Outcome::Error)
            << arguments.join(u' ').toStdString();
        EXPECT_TRUE(options.errorText().contains(mentioned)) << options.errorText().toStdString();
    }
}

TEST(ServerOptions, HelpAndVersion)
{
    ServerOptions help;
    EXPECT_EQ(parse(help, {u"--help"_s}), ServerOptions::Outcome::ShowHelp);
    EXPECT_TRUE(help.helpText().contains(u"--port"_s));
    ServerOptions version;
    EXPECT_EQ(parse(version, {u"--version"_s}), ServerOptions::Outcome::ShowVersion);
}

TEST(ServerOptions, PasswordFile)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"password"_s));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("s3cret phrase\nignored second line\n");
    file.close();
    ServerOptions options;
    ASSERT_EQ(parse(options, {u"--password-file"_s, file.fileName()}), ServerOptions::Outcome::Run)
        << options.errorText().toStdString();
    EXPECT_TRUE(options.config().password.matches(u"s3cret phrase"_s));
    EXPECT_FALSE(options.config().password.matches(u"ignored second line"_s));

    ServerOptions missing;
    EXPECT_EQ(parse(missing, {u"--password-file"_s, dir.filePath(u"nope"_s)}), ServerOptions::Outcome::Error);
    EXPECT_TRUE(missing.errorText().contains(u"nope"_s));
    QFile empty(dir.filePath(u"empty"_s));
    ASSERT_TRUE(empty.open(QIODevice::WriteOnly));
    empty.close();
    ServerOptions blank;
    EXPECT_EQ(parse(blank, {u"--password-file"_s, empty.fileName()}), ServerOptions::Outcome::Error);
    EXPECT_TRUE(blank.errorText().contains(u"empty"_s));

    // The moderator password is read the same way, and is not the room's.
    ServerOptions moderated;
    ASSERT_EQ(parse(moderated, {u"--moderator-password-file"_s, file.fileName()}),
              ServerOptions::Outcome::Run);
    EXPECT_TRUE(moderated.config().moderatorPassword.matches(u"s3cret phrase"_s));
    EXPECT_FALSE(moderated.config().password.isSet());
    ServerOptions blankModerator;
    EXPECT_EQ(parse(blankModerator, {u"--moderator-password-file"_s, empty.fileName()}),
              ServerOptions::Outcome::Error);
    EXPECT_TRUE(blankModerator.errorText().contains(u"--moderator-password-file"_s));
}

TEST(ServerOptions, DiscoveryOptions)
{
    ServerOptions defaults;
    ASSERT_EQ(parse(defaults, {}), ServerOptions::Outcome::Run);
    EXPECT_FALSE(defaults.announce());
    EXPECT_EQ(defaults.discoveryPort(), Discovery::DefaultPort);

    ServerOptions announcing;
    ASSERT_EQ(parse(announcing, {u"--announce"_s, u"--announce-to"_s, u"10.2.0.255"_s, u"--announce-to"_s,
                                 u"192.168.7.4"_s, u"--discovery-port"_s, u"50000"_s}),
              ServerOptions::Outcome::Run)
        << announcing.errorText().toStdString();
    EXPECT_TRUE(announcing.announce());
    EXPECT_EQ(announcing.announceTargets(),
              (QList<QHostAddress>{QHostAddress(u"10.2.0.255"_s), QHostAddress(u"192.168.7.4"_s)}));
    EXPECT_EQ(announcing.discoveryPort(), 50000);

    ServerOptions discovering;
    ASSERT_EQ(parse(discovering, {u"--discover"_s}), ServerOptions::Outcome::Discover);
    ServerOptions backingUp;
    ASSERT_EQ(parse(backingUp, {u"--db"_s, u"/srv/room.sqlite"_s, u"--backup"_s, u"/srv/copy.sqlite"_s}),
              ServerOptions::Outcome::Backup);
    EXPECT_EQ(backingUp.backupPath(), u"/srv/copy.sqlite"_s);
    EXPECT_EQ(backingUp.config().databasePath, u"/srv/room.sqlite"_s);
    ServerOptions nothingToCopy;
    EXPECT_EQ(parse(nothingToCopy, {u"--db"_s, u":memory:"_s, u"--backup"_s, u"/srv/copy.sqlite"_s}),
              ServerOptions::Outcome::Error);
    ServerOptions exporting;
    ASSERT_EQ(parse(exporting, {u"--db"_s, u"/srv/room.sqlite"_s, u"--export"_s, u"/srv/export"_s}),
              ServerOptions::Outcome::Export);
    EXPECT_EQ(exporting.exportPath(), u"/srv/export"_s);
    ServerOptions nothingToExport;
    EXPECT_EQ(parse(nothingToExport, {u"--db"_s, u":memory:"_s, u"--export"_s, u"/srv/export"_s}),
              ServerOptions::Outcome::Error);
    ServerOptions keeping;
    ASSERT_EQ(parse(keeping, {u"--db"_s, u"/srv/room.sqlite"_s, u"--keep-days"_s, u"30"_s,
                              u"--keep-messages"_s, u"100000"_s}),
              ServerOptions::Outcome::Run);
    EXPECT_EQ(keeping.config().keepDays, 30);
    EXPECT_EQ(keeping.config().keepMessages, 100000);
    EXPECT_EQ(discovering.discoverSeconds(), 3);
    ServerOptions longer;
    ASSERT_EQ(parse(longer, {u"--discover"_s, u"10"_s}), ServerOptions::Outcome::Discover);
    EXPECT_EQ(longer.discoverSeconds(), 10);
}

TEST(ServerOptions, BadDiscoveryOptionsAreClearErrors)
{
    const std::vector<std::pair<QStringList, QString>> cases{
        {{u"--discover"_s, u"0"_s}, u"1 to 60 seconds"_s},
        {{u"--discover"_s, u"soon"_s}, u"1 to 60 seconds"_s},
        {{u"--discover"_s, u"1"_s, u"2"_s}, u"one number"_s},
        {{u"5"_s}, u"unexpected argument"_s},
        {{u"--announce"_s, u"--announce-to"_s, u"lan"_s}, u"IPv4 address"_s},
        {{u"--announce"_s, u"--announce-to"_s, u"::1"_s}, u"IPv4 address"_s},
        {{u"--announce-to"_s, u"10.0.0.255"_s}, u"goes with --announce"_s},
        {{u"--announce"_s, u"--bind"_s, u"127.0.0.1"_s}, u"cannot be joined from the network"_s},
        {{u"--discovery-port"_s, u"0"_s}, u"--discovery-port"_s},
        {{u"--keep-days"_s, u"0"_s}, u"--keep-days must be a number from 1"_s},
        {{u"--keep-messages"_s, u"2.5"_s}, u"whole numbers"_s},
        {{u"--db"_s, u":memory:"_s, u"--keep-days"_s, u"7"_s}, u"need a history file"_s},
    };
    for (const auto &[arguments, expected] : cases) {
        ServerOptions options;
        EXPECT_EQ(parse(options, arguments), ServerOptions::Outcome::Error)
            << arguments.join(u' ').toStdString();
        EXPECT_TRUE(options.errorText().contains(expected))
            << arguments.join(u' ').toStdString() << ": " << options.errorText().toStdString();
    }
}

namespace {
QString writeConfig(const QTemporaryDir &dir, const QByteArray &text)
{
    const QString path = dir.filePath(u"parleyd.conf"_s);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
    return path;
}
} // namespace

TEST(ServerOptions, ConfigFileSetsTheSameOptionsAndTheCommandLineWins)
{
    QTemporaryDir dir;
    const QString path = writeConfig(dir, "# parleyd settings: lines of `name = value`\n"
                                          "; an INI-style comment\n"
                                          "\n"
                                          "name = Class 7B, Room 2\n"
                                          "port = 47900\n"
                                          "db = :memory:\n"
                                          "announce = true\n"
                                          "verbose = false\n"
                                          "allow-origin = https://a.example\n"
                                          "allow-origin = https://b.example\n"
                                          "max-clients = 50\n");
    ServerOptions options;
    ASSERT_EQ(parse(options, {u"--config"_s, path, u"--port"_s, u"0"_s}), ServerOptions::Outcome::Run)
        << options.errorText().toStdString();
    EXPECT_EQ(options.config().roomName, u"Class 7B, Room 2"_s);
    EXPECT_EQ(options.config().port, 0); // the command line wins
    EXPECT_EQ(options.config().databasePath, u":memory:"_s);
    EXPECT_TRUE(options.announce());
    EXPECT_FALSE(options.verbose());
    EXPECT_EQ(options.config().allowedOrigins, (QStringList{u"https://a.example"_s, u"https://b.example"_s}));
    EXPECT_EQ(options.config().maxClients, 50);
}

TEST(ServerOptions, BadConfigFilesAreClearErrors)
{
    QTemporaryDir dir;
    const std::vector<std::pair<QByteArray, QString>> cases{
        {"colour = blue\n", u"unknown setting \"colour\""_s},
        {"announce = maybe\n", u"announce must be true or false"_s},
        {"config = other.conf\n", u"unknown setting \"config\""_s},
        {"port = 99999\n", u"--port must be a number"_s},
        {"[section]\nname = x\n", u":1: expected NAME = VALUE"_s},
        {"name = x\n\ncolour = blue\n", u":3: unknown setting"_s},
    };
    for (const auto &[text, expected] : cases) {
        ServerOptions options;
        EXPECT_EQ(parse(options, {u"--config"_s, writeConfig(dir, text)}), ServerOptions::Outcome::Error)
            << text.constData();
        EXPECT_TRUE(options.errorText().contains(expected))
            << text.constData() << ": " << options.errorText().toStdString();
    }
    ServerOptions missing;
    EXPECT_EQ(parse(missing, {u"--config"_s, dir.filePath(u"absent.conf"_s)}), ServerOptions::Outcome::Error);
    EXPECT_TRUE(missing.errorText().contains(u"cannot read"_s)) << missing.errorText().toStdString();
}

TEST(ServerOptions, TheShippedServiceSettingsParse)
{
    ServerOptions options;
    ASSERT_EQ(
        parse(options, {u"--config"_s, QStringLiteral(PARLEY_SOURCE_DIR "/packaging/linux/parleyd.conf")}),
        ServerOptions::Outcome::Run)
        << options.errorText().toStdString();
    EXPECT_EQ(options.config().databasePath, u"/var/lib/parleyd/history.sqlite"_s);
    EXPECT_EQ(options.config().port, Protocol::DefaultPort);
    EXPECT_TRUE(options.announce());
}
