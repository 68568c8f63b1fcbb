#include "ServerOptions.h"

#include "Validation.h"

#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString PortOption = u"port"_s;
const QString BindOption = u"bind"_s;
const QString NameOption = u"name"_s;
const QString VerboseOption = u"verbose"_s;
const QString DatabaseOption = u"db"_s;
const QString HistoryOption = u"history"_s;
} // namespace

ServerOptions::ServerOptions()
{
    m_parser.setApplicationDescription(
        u"Parley room server: hosts one chat room for native and WebSocket clients."_s);
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({
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
        {VerboseOption, u"Log connections and refused frames to stderr."_s},
    });
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

ServerOptions::Outcome ServerOptions::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return fail(m_parser.errorText());

    if (m_parser.isSet(u"help"_s))
        return Outcome::ShowHelp;
    if (m_parser.isSet(u"version"_s))
        return Outcome::ShowVersion;
    if (!m_parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument \"%1\""_s.arg(m_parser.positionalArguments().constFirst()));

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
    m_verbose = m_parser.isSet(VerboseOption);
    return Outcome::Run;
}
