#include "ServerOptions.h"

#include "TlsSettings.h"
#include "Validation.h"

#include <QFile>
#include <QStandardPaths>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString PortOption = u"port"_s;
const QString BindOption = u"bind"_s;
const QString NameOption = u"name"_s;
const QString VerboseOption = u"verbose"_s;
const QString DatabaseOption = u"db"_s;
const QString HistoryOption = u"history"_s;
const QString MaxClientsOption = u"max-clients"_s;
const QString RateOption = u"rate"_s;
const QString BurstOption = u"burst"_s;
const QString ConnectionRateOption = u"connection-rate"_s;
const QString MaxPerAddressOption = u"max-per-address"_s;
const QString DirectOpensOption = u"direct-per-minute"_s;
const QString ChannelOption = u"channel"_s;
const QString NoMemberChannelsOption = u"no-member-channels"_s;
const QString MaxChannelsOption = u"max-channels"_s;
const QString ChannelsPerHourOption = u"channels-per-hour"_s;
const QString TrustedProxyOption = u"trusted-proxy"_s;
const QString MetricsFromOption = u"metrics-from"_s;
const QString BackupOption = u"backup"_s;
const QString ExportOption = u"export"_s;
const QString KeepDaysOption = u"keep-days"_s;
const QString KeepMessagesOption = u"keep-messages"_s;
const QString FilesDirOption = u"files-dir"_s;
const QString MaxFileOption = u"max-file-mib"_s;
const QString MaxStorageOption = u"max-storage-mib"_s;
const QString UploadsInFlightOption = u"uploads-in-flight"_s;
const QString UploadsPerMinuteOption = u"uploads-per-minute"_s;
const QString IdleTimeoutOption = u"idle-timeout"_s;
const QString MaxQueueOption = u"max-queue-kib"_s;
const QString MaxTotalQueueOption = u"max-total-queue-mib"_s;
const QString MaxTextOption = u"max-text"_s;
const QString MaxMessageOption = u"max-message-kib"_s;
const QString AllowOriginOption = u"allow-origin"_s;
const QString PasswordFileOption = u"password-file"_s;
const QString ModeratorPasswordFileOption = u"moderator-password-file"_s;
const QString TlsCertOption = u"tls-cert"_s;
const QString TlsKeyOption = u"tls-key"_s;
const QString AnnounceOption = u"announce"_s;
const QString AnnounceToOption = u"announce-to"_s;
const QString DiscoverOption = u"discover"_s;
const QString DiscoveryPortOption = u"discovery-port"_s;
const QString ConfigOption = u"config"_s;
constexpr int DefaultDiscoverSeconds = 3;
} // namespace

ServerOptions::ServerOptions()
{
    m_parser.setApplicationDescription(
        u"Parley room server: hosts one chat room for native and WebSocket clients."_s);
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_options = {
        {ConfigOption,
         u"Read settings from this file first: one option per line as NAME = VALUE, e.g. "
         u"\"name = Class 7B\" or \"announce = true\" (the command line wins)."_s,
         u"file"_s},
        {{u"p"_s, PortOption},
         u"TCP port to listen on (0 picks a free one). Default: %1."_s.arg(Protocol::DefaultPort),
         u"port"_s},
        {{u"b"_s, BindOption}, u"Address to listen on. Default: all interfaces."_s, u"address"_s},
        {{u"n"_s, NameOption}, u"Room name shown to members. Default: Parley."_s, u"name"_s},
        {DatabaseOption,
         u"History database file; :memory: keeps none. Default: %1."_s.arg(
             ServerOptions::defaultDatabasePath()),
         u"path"_s},
        {HistoryOption, u"Recent messages sent to each member on joining (0-1000). Default: 100."_s,
         u"count"_s},
        {MaxClientsOption, u"Most people in the room; more are refused (close 1013). Default: 1000."_s,
         u"count"_s},
        {RateOption, u"Messages per second one connection may send on average. Default: 20."_s, u"count"_s},
        {BurstOption, u"Messages one connection may send at once. Default: 40."_s, u"count"_s},
        {ConnectionRateOption,
         u"New connections per second from one address (bursts of ten times that). Default: 5."_s,
         u"count"_s},
        {MaxPerAddressOption,
         u"Connections one address may hold open at once (more get HTTP 429). Default: 32."_s, u"count"_s},
        {ChannelOption, u"A channel that always exists besides #general (repeatable)."_s, u"name"_s},
        {NoMemberChannelsOption, u"Members cannot make channels (only --channel ones exist)."_s},
        {MaxChannelsOption, u"Most channels on the server besides #general. Default: 200."_s, u"count"_s},
        {ChannelsPerHourOption, u"Channels one member may make per hour. Default: 10."_s, u"count"_s},
        {DirectOpensOption,
         u"Direct conversations one member may open per minute (more: limit_reached). Default: 10."_s,
         u"count"_s},
        {FilesDirOption,
         u"Folder for the files members send. Default: beside the history file (FILE.files), or a "
         u"temporary folder with --db :memory:."_s,
         u"path"_s},
        {MaxFileOption, u"Largest file one member may send, in MiB (larger: file_too_large). Default: 100."_s,
         u"MiB"_s},
        {MaxStorageOption,
         u"Space all files together may take, in MiB; a file that would not fit is refused (storage_full) "
         u"and nothing stored is touched. Default: 2048."_s,
         u"MiB"_s},
        {UploadsInFlightOption, u"Files one member may be sending at once. Default: 4."_s, u"count"_s},
        {UploadsPerMinuteOption, u"Files one member may start sending per minute. Default: 30."_s,
         u"count"_s},
        {TrustedProxyOption,
         u"A reverse proxy in front of the room (repeatable): for its connections, limits and password "
         u"guessing count by the client its X-Forwarded-For or Forwarded header names."_s,
         u"address"_s},
        {BackupOption,
         u"Do not serve: copy the history (--db) to FILE and exit, also while a parleyd serves it; the "
         u"copy holds every message acknowledged before it began. FILE must not exist."_s,
         u"file"_s},
        {ExportOption,
         u"Do not serve: write every conversation of the history (--db) to FOLDER as JSON Lines (one file "
         u"per conversation, one message per line, and conversations.jsonl) and exit, also while a parleyd "
         u"serves it. FOLDER must not exist or be empty."_s,
         u"folder"_s},
        {KeepDaysOption,
         u"Remove messages older than this many days (and files only they carry), hourly while serving. "
         u"Default: keep them."_s,
         u"days"_s},
        {KeepMessagesOption,
         u"Keep only the newest this many messages of the whole room (and files only they carry). "
         u"Default: keep them all."_s,
         u"count"_s},
        {MetricsFromOption,
         u"Addresses that may read GET /metrics and /healthz, as ADDRESS or ADDRESS/PREFIX (repeatable). "
         u"Default: this computer only (127.0.0.0/8 and ::1)."_s,
         u"subnet"_s},
        {MaxTextOption, u"Longest chat text in characters. Default: 4000."_s, u"characters"_s},
        {MaxMessageOption,
         u"Largest WebSocket frame or message in KiB; larger closes with 1009. Default: 64."_s, u"KiB"_s},
        {IdleTimeoutOption, u"Seconds of silence after which a connection is dropped. Default: 60."_s,
         u"seconds"_s},
        {MaxQueueOption, u"KiB queued for a peer that does not read before it is closed. Default: 4096."_s,
         u"KiB"_s},
        {MaxTotalQueueOption,
         u"MiB queued for all peers together; past it the biggest backlogs are closed first. Default: 64."_s,
         u"MiB"_s},
        {AllowOriginOption,
         u"A web origin allowed to connect from a browser (repeatable), e.g. https://intranet.example."_s,
         u"origin"_s},
        {PasswordFileOption, u"Members must give the password in this file's first line."_s, u"file"_s},
        {ModeratorPasswordFileOption,
         u"A member who gives the password in this file's first line becomes a moderator (kept across "
         u"restarts): deletes any message, removes, mutes and bans members, sets slow mode, locks the room."_s,
         u"file"_s},
        {TlsCertOption, u"Serve wss:// (TLS) with this PEM certificate (needs --tls-key)."_s, u"file"_s},
        {TlsKeyOption, u"The PEM private key (RSA or EC) of --tls-cert."_s, u"file"_s},
        {AnnounceOption, u"Announce the room on the local network, so it shows in Parley's Join list."_s},
        {AnnounceToOption,
         u"With --announce: also announce to this IPv4 address (repeatable), e.g. a PC or the broadcast "
         u"address of another subnet or a VPN, where multicast does not reach."_s,
         u"address"_s},
        {DiscoverOption,
         u"Do not serve: list the rooms announced on the local network for SECONDS (default %1), one "
         u"per line as NAME<tab>URL<tab>MEMBERS, and exit (1 if none was found)."_s.arg(
             DefaultDiscoverSeconds)},
        {DiscoveryPortOption,
         u"UDP port of --announce and --discover. Default: %1."_s.arg(Discovery::DefaultPort), u"port"_s},
        {VerboseOption, u"Log connections and refused frames to stderr."_s},
    };
    m_parser.addOptions(m_options);
    m_parser.addPositionalArgument(u"seconds"_s, u"With --discover: how long to listen (1-60)."_s,
                                   u"[seconds]"_s);
}

QString ServerOptions::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/history.sqlite"_s;
}

ServerOptions::Outcome ServerOptions::fail(const QString &text)
{
    m_errorText = text;
    return Outcome::Error;
}

// Not QSettings: its INI dialect reads "a, b" as a list and a "# x = y" comment as a setting.
// This format is the command line's, one option per line, so every value means the same here.
std::optional<QStringList> ServerOptions::argumentsFromConfig(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        fail(u"--config: cannot read %1: %2"_s.arg(path, file.errorString()));
        return std::nullopt;
    }
    QStringList arguments;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        const auto where = u"--config: %1:%2: "_s.arg(path).arg(lineNumber);
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0) {
            fail(where + u"expected NAME = VALUE, not \"%1\""_s.arg(line));
            return std::nullopt;
        }
        const QString key = line.left(equals).trimmed();
        QString value = line.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.mid(1, value.size() - 2); // quotes keep leading and trailing spaces
        const auto option =
            std::find_if(m_options.cbegin(), m_options.cend(),
                         [&](const QCommandLineOption &o) { return o.names().constLast() == key; });
        if (option == m_options.cend() || key == ConfigOption || key == DiscoverOption ||
            key == BackupOption || key == ExportOption) {
            fail(where + u"unknown setting \"%1\""_s.arg(key));
            return std::nullopt;
        }
        if (!option->valueName().isEmpty()) {
            arguments.append(u"--%1=%2"_s.arg(key, value));
            continue;
        }
        const QString flag = value.toLower(); // a switch such as announce = true
        if (flag == u"true" || flag == u"yes" || flag == u"on" || flag == u"1") {
            arguments.append(u"--"_s + key);
        } else if (flag != u"false" && flag != u"no" && flag != u"off" && flag != u"0") {
            fail(where + u"%1 must be true or false, not \"%2\""_s.arg(key, value));
            return std::nullopt;
        }
    }
    return arguments;
}

ServerOptions::Outcome ServerOptions::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return fail(m_parser.errorText());
    if (m_parser.isSet(ConfigOption) && !m_parser.isSet(u"help"_s) && !m_parser.isSet(u"version"_s)) {
        const auto fromFile = argumentsFromConfig(m_parser.value(ConfigOption));
        if (!fromFile)
            return Outcome::Error;
        // The file's settings first: where an option is given twice, the last one counts.
        if (!m_parser.parse(arguments.mid(0, 1) + *fromFile + arguments.mid(1)))
            return fail(
                u"%1 (with the settings of %2)"_s.arg(m_parser.errorText(), m_parser.value(ConfigOption)));
    }

    if (m_parser.isSet(u"help"_s))
        return Outcome::ShowHelp;
    if (m_parser.isSet(u"version"_s))
        return Outcome::ShowVersion;
    const QStringList positional = m_parser.positionalArguments();
    if (m_parser.isSet(DiscoveryPortOption)) {
        bool ok = false;
        const uint port = m_parser.value(DiscoveryPortOption).toUInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return fail(u"--discovery-port must be a number from 1 to 65535, not \"%1\""_s.arg(
                m_parser.value(DiscoveryPortOption)));
        m_discoveryPort = quint16(port);
    }
    if (m_parser.isSet(DiscoverOption)) {
        if (positional.size() > 1)
            return fail(u"--discover takes one number of seconds, not \"%1\""_s.arg(positional.join(u' ')));
        m_discoverSeconds = DefaultDiscoverSeconds;
        if (!positional.isEmpty()) {
            bool ok = false;
            m_discoverSeconds = positional.constFirst().toInt(&ok);
            if (!ok || m_discoverSeconds < 1 || m_discoverSeconds > 60)
                return fail(
                    u"--discover listens for 1 to 60 seconds, not \"%1\""_s.arg(positional.constFirst()));
        }
        return Outcome::Discover;
    }
    if (!positional.isEmpty())
        return fail(u"unexpected argument \"%1\""_s.arg(positional.constFirst()));

    if (m_parser.isSet(PortOption)) {
        bool ok = false;
        const uint port = m_parser.value(PortOption).toUInt(&ok);
        if (!ok || port > 65535)
            return fail(
                u"--port must be a number from 0 to 65535, not \"%1\""_s.arg(m_parser.value(PortOption)));

        m_config.port = quint16(port);
    }
    if (m_parser.isSet(BindOption)) {
        const QString value = m_parser.value(BindOption);
        QHostAddress address;
        if (value == u"localhost")
            address = QHostAddress::LocalHost;
        else if (!address.setAddress(value))
            return fail(u"--bind must be an IP address such as 127.0.0.1 or ::1, not \"%1\""_s.arg(value));

        m_config.bindAddress = address;
    }
    if (m_parser.isSet(NameOption)) {
        const auto name = Protocol::normalizeName(m_parser.value(NameOption), m_config.limits);
        if (const auto *error = std::get_if<Protocol::ProtocolError>(&name))
            return fail(u"--name: %1"_s.arg(error->message));

        m_config.roomName = std::get<QString>(name);
    }
    m_config.databasePath =
        m_parser.isSet(DatabaseOption) ? m_parser.value(DatabaseOption) : defaultDatabasePath();
    if (m_config.databasePath.isEmpty())
        return fail(u"--db needs a file path, or :memory:"_s);
    if (m_parser.isSet(HistoryOption)) {
        bool ok = false;
        m_config.historyOnJoin = m_parser.value(HistoryOption).toInt(&ok);
        if (!ok || m_config.historyOnJoin < 0 || m_config.historyOnJoin > 1000)
            return fail(u"--history must be a number from 0 to 1000, not \"%1\""_s.arg(
                m_parser.value(HistoryOption)));
    }
    const auto number = [this](const QString &option, double min, double max, double &out) {
        if (!m_parser.isSet(option))
            return true;
        bool ok = false;
        const double value = m_parser.value(option).toDouble(&ok);
        if (!ok || value < min || value > max) {
            fail(u"--%1 must be a number from %2 to %3, not \"%4\""_s.arg(option).arg(min).arg(max).arg(
                m_parser.value(option)));
            return false;
        }
        out = value;
        return true;
    };
    double maxClients = m_config.maxClients, maxText = double(m_config.limits.maxTextLength);
    double maxPerAddress = m_config.maxConnectionsPerAddress;
    double directOpens = m_config.directOpensPerMinute;
    double maxChannels = m_config.maxChannels, channelsPerHour = m_config.channelsPerHour;
    double idleSeconds = double(m_config.idleTimeout.count()) / 1000,
           queueKiB = double(m_config.maxQueuedBytes) / 1024;
    double messageKiB = double(m_config.limits.maxMessageBytes) / 1024;
    double totalQueueMiB = double(m_config.maxTotalQueuedBytes) / (1024 * 1024);
    double maxFileMiB = double(m_config.maxFileBytes) / (1024 * 1024);
    double maxStorageMiB = double(m_config.maxStorageBytes) / (1024 * 1024);
    double uploadsInFlight = m_config.maxUploadsInFlight;
    double keepDays = m_config.keepDays, keepMessages = double(m_config.keepMessages);
    if (!number(KeepDaysOption, 1, 100000, keepDays) || !number(KeepMessagesOption, 1, 1e12, keepMessages))
        return Outcome::Error;
    if (std::trunc(keepDays) != keepDays || std::trunc(keepMessages) != keepMessages)
        return fail(u"--keep-days and --keep-messages are whole numbers"_s);
    m_config.keepDays = int(keepDays);
    m_config.keepMessages = qint64(keepMessages);
    if ((m_config.keepDays > 0 || m_config.keepMessages > 0) && m_config.databasePath == u":memory:")
        return fail(u"--keep-days and --keep-messages need a history file (--db), not :memory:"_s);
    if (!number(MaxClientsOption, 1, 100000, maxClients) ||
        !number(RateOption, 0.1, 100000, m_config.ratePerSecond) ||
        !number(BurstOption, 1, 100000, m_config.rateBurst) || !number(MaxTextOption, 1, 60000, maxText) ||
        !number(IdleTimeoutOption, 1, 86400, idleSeconds) || !number(MaxQueueOption, 64, 1048576, queueKiB) ||
        !number(MaxMessageOption, 1, 16384, messageKiB) ||
        !number(MaxTotalQueueOption, 1, 65536, totalQueueMiB) ||
        !number(MaxPerAddressOption, 1, 100000, maxPerAddress) ||
        !number(DirectOpensOption, 1, 10000, directOpens) ||
        !number(MaxChannelsOption, 0, 100000, maxChannels) ||
        !number(ChannelsPerHourOption, 1, 10000, channelsPerHour) ||
        !number(ConnectionRateOption, 0.1, 100000, m_config.connectionsPerSecond) ||
        !number(MaxFileOption, 0.001, 1024 * 1024, maxFileMiB) ||
        !number(MaxStorageOption, 0, 1024 * 1024 * 1024, maxStorageMiB) ||
        !number(UploadsInFlightOption, 1, 1000, uploadsInFlight) ||
        !number(UploadsPerMinuteOption, 1, 100000, m_config.uploadsPerMinute))
        return Outcome::Error;
    m_config.maxFileBytes = qint64(maxFileMiB * 1024 * 1024);
    m_config.maxStorageBytes = qint64(maxStorageMiB * 1024 * 1024);
    m_config.maxUploadsInFlight = int(uploadsInFlight);
    if (m_parser.isSet(FilesDirOption)) {
        m_config.filesPath = m_parser.value(FilesDirOption);
        if (m_config.filesPath.isEmpty())
            return fail(u"--files-dir needs a folder"_s);
    }
    m_config.maxClients = int(maxClients);
    m_config.maxConnectionsPerAddress = int(maxPerAddress);
    m_config.directOpensPerMinute = int(directOpens);
    m_config.maxChannels = int(maxChannels);
    m_config.channelsPerHour = int(channelsPerHour);
    m_config.membersMayCreateChannels = !m_parser.isSet(NoMemberChannelsOption);
    for (const QString &channel : m_parser.values(ChannelOption)) {
        const auto name =
            Protocol::normalizeName(channel.startsWith(u'#') ? channel.mid(1) : channel, m_config.limits);
        if (const auto *error = std::get_if<Protocol::ProtocolError>(&name))
            return fail(u"--channel \"%1\": %2"_s.arg(channel, error->message));
        m_config.channels.append(std::get<QString>(name));
    }
    if (m_parser.isSet(MetricsFromOption))
        m_config.metricsAllowedFrom.clear();
    for (const QString &value : m_parser.values(MetricsFromOption)) {
        const QHostAddress address(value.section(u'/', 0, 0));
        const auto subnet =
            value.contains(u'/')
                ? QHostAddress::parseSubnet(value)
                : std::pair{address, address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        if (subnet.first.isNull() || subnet.second < 0)
            return fail(u"--metrics-from must be an IP address or ADDRESS/PREFIX, not \"%1\""_s.arg(value));
        m_config.metricsAllowedFrom.append(subnet);
    }
    for (const QString &value : m_parser.values(TrustedProxyOption)) {
        const QHostAddress proxy(value);
        if (proxy.isNull())
            return fail(u"--trusted-proxy must be an IP address, not \"%1\""_s.arg(value));
        m_config.trustedProxies.append(proxy);
    }
    m_config.connectionBurst = 10 * m_config.connectionsPerSecond;
    m_config.limits.maxTextLength = qsizetype(maxText);
    m_config.idleTimeout = std::chrono::milliseconds(qint64(idleSeconds * 1000));
    m_config.pingInterval = std::min(m_config.pingInterval, m_config.idleTimeout / 3);
    m_config.maxQueuedBytes = qint64(queueKiB * 1024);
    m_config.maxTotalQueuedBytes = qint64(totalQueueMiB * 1024 * 1024);
    m_config.limits.maxMessageBytes = quint64(messageKiB * 1024);
    if (const qint64 needed = Protocol::largestChatFrame(m_config.limits);
        needed > qint64(m_config.limits.maxMessageBytes)) {
        return fail(
            u"--max-text %1 does not fit in --max-message-kib %2: a chat that long can take %3 bytes; "
            "allow larger frames (--max-message-kib %4) or shorter chats"_s.arg(m_config.limits.maxTextLength)
                .arg(messageKiB)
                .arg(needed)
                .arg((needed + 1023) / 1024));
    }
    m_config.allowedOrigins = m_parser.values(AllowOriginOption);
    const auto readPassword = [this](const QString &option, RoomPassword &password) {
        if (!m_parser.isSet(option))
            return true;
        QFile file(m_parser.value(option));
        if (!file.open(QIODevice::ReadOnly)) {
            fail(u"--%1: cannot read %2: %3"_s.arg(option, file.fileName(), file.errorString()));
            return false;
        }
        const QString plain = QString::fromUtf8(file.readLine()).remove(u'\n').remove(u'\r');
        if (plain.isEmpty()) {
            fail(u"--%1: the first line of %2 is empty"_s.arg(option, file.fileName()));
            return false;
        }
        password = RoomPassword::fromPlainText(plain); // only the hash is kept
        return true;
    };
    if (!readPassword(PasswordFileOption, m_config.password) ||
        !readPassword(ModeratorPasswordFileOption, m_config.moderatorPassword))
        return Outcome::Error;
    if (m_parser.isSet(TlsCertOption) != m_parser.isSet(TlsKeyOption))
        return fail(u"--tls-cert and --tls-key go together"_s);
    if (m_parser.isSet(TlsCertOption)) {
        QFile certificate(m_parser.value(TlsCertOption));
        QFile key(m_parser.value(TlsKeyOption));
        if (!certificate.open(QIODevice::ReadOnly))
            return fail(
                u"--tls-cert: cannot read %1: %2"_s.arg(certificate.fileName(), certificate.errorString()));
        if (!key.open(QIODevice::ReadOnly))
            return fail(u"--tls-key: cannot read %1: %2"_s.arg(key.fileName(), key.errorString()));
        m_config.tlsCertificate = QSslCertificate(certificate.readAll(), QSsl::Pem);
        const QByteArray keyPem = key.readAll();
        m_config.tlsKey = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
        if (m_config.tlsKey.isNull())
            m_config.tlsKey = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (m_config.tlsCertificate.isNull())
            return fail(u"--tls-cert: %1 is not a PEM certificate"_s.arg(certificate.fileName()));
        if (m_config.tlsKey.isNull())
            return fail(u"--tls-key: %1 is not an unencrypted PEM RSA or EC key"_s.arg(key.fileName()));
        if (!TlsSettings::keyMatches(m_config.tlsCertificate, m_config.tlsKey)) {
            return fail(
                u"--tls-key: %1 is not the key of the certificate in %2; every connection would fail"_s.arg(
                    key.fileName(), certificate.fileName()));
        }
    }
    m_verbose = m_parser.isSet(VerboseOption);
    m_announce = m_parser.isSet(AnnounceOption);
    for (const QString &value : m_parser.values(AnnounceToOption)) {
        QHostAddress address;
        if (!address.setAddress(value) || address.protocol() != QAbstractSocket::IPv4Protocol)
            return fail(u"--announce-to must be an IPv4 address such as 10.2.0.255, not \"%1\""_s.arg(value));
        m_announceTargets.append(address);
    }
    if (!m_announceTargets.isEmpty() && !m_announce)
        return fail(u"--announce-to goes with --announce"_s);
    if (m_announce && m_config.bindAddress.isLoopback())
        return fail(u"--announce: a room bound to %1 cannot be joined from the network"_s.arg(
            m_config.bindAddress.toString()));
    if (m_parser.isSet(BackupOption)) {
        m_backupPath = m_parser.value(BackupOption);
        if (m_backupPath.isEmpty() || m_config.databasePath == u":memory:")
            return fail(u"--backup needs a file to write and a history file (--db) to copy"_s);
        return Outcome::Backup;
    }
    if (m_parser.isSet(ExportOption)) {
        m_exportPath = m_parser.value(ExportOption);
        if (m_exportPath.isEmpty() || m_config.databasePath == u":memory:")
            return fail(u"--export needs a folder to write and a history file (--db) to read"_s);
        return Outcome::Export;
    }
    return Outcome::Run;
}
