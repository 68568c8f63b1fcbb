#include "ClientOptions.h"

#include "ChatClient.h"
#include "Limits.h"
#include "Validation.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString ConnectOption = u"connect"_s;
const QString HostOption = u"host"_s;
const QString RoomOption = u"room"_s;
const QString PortOption = u"port"_s;
const QString NameOption = u"name"_s;
const QString LangOption = u"lang"_s;
const QString EncryptOption = u"encrypt"_s;
const QString PrivateOption = u"private"_s;
} // namespace

ClientOptions::ClientOptions()
{
    m_parser.setApplicationDescription(u"Parley: live chat for the people around you."_s);
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({
        {ConnectOption, u"Join the room at this address (ws://HOST:PORT/ or HOST[:PORT])."_s, u"address"_s},
        {HostOption, u"Host a room on this machine and join it."_s},
        {RoomOption, u"Name of the room to host."_s, u"name"_s},
        {PortOption, u"Port to host on (0 picks a free one). Default: %1."_s.arg(Protocol::DefaultPort),
         u"port"_s},
        {EncryptOption, u"Host with TLS (wss://) and a self-signed certificate made on first use."_s},
        {PrivateOption, u"Host without listing the room on the local network (join by address only)."_s},
        {NameOption, u"Your display name."_s, u"name"_s},
        {LangOption, u"User interface language, e.g. en or vi. Default: the system's."_s, u"language"_s},
    });
}

ClientOptions::Outcome ClientOptions::fail(const QString &text)
{
    m_errorText = text;
    return Outcome::Error;
}

ClientOptions::Outcome ClientOptions::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return fail(m_parser.errorText());
    if (m_parser.isSet(u"help"_s))
        return Outcome::ShowHelp;
    if (m_parser.isSet(u"version"_s))
        return Outcome::ShowVersion;
    if (!m_parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument \"%1\""_s.arg(m_parser.positionalArguments().constFirst()));
    if (m_parser.isSet(ConnectOption) && m_parser.isSet(HostOption))
        return fail(u"use either --connect or --host, not both"_s);
    if ((m_parser.isSet(RoomOption) || m_parser.isSet(PortOption) || m_parser.isSet(EncryptOption) ||
         m_parser.isSet(PrivateOption)) &&
        !m_parser.isSet(HostOption))
        return fail(u"--room, --port, --encrypt and --private go with --host"_s);
    m_encrypted = m_parser.isSet(EncryptOption);
    m_private = m_parser.isSet(PrivateOption);

    if (m_parser.isSet(NameOption)) {
        const auto name = Protocol::normalizeName(m_parser.value(NameOption));
        if (const auto *error = std::get_if<Protocol::ProtocolError>(&name))
            return fail(u"--name: %1"_s.arg(error->message));
        m_name = std::get<QString>(name);
    }
    if (m_parser.isSet(ConnectOption)) {
        m_connectUrl = ChatClient::urlFromUserInput(m_parser.value(ConnectOption));
        if (!m_connectUrl.isValid())
            return fail(u"--connect: \"%1\" is not a room address; use ws://HOST:PORT/"_s.arg(
                m_parser.value(ConnectOption)));
        m_action = Action::Join;
    }
    if (m_parser.isSet(HostOption)) {
        m_action = Action::Host;
        m_roomName = m_parser.value(RoomOption);
        if (m_parser.isSet(RoomOption)) {
            const auto room = Protocol::normalizeName(m_roomName);
            if (const auto *error = std::get_if<Protocol::ProtocolError>(&room))
                return fail(u"--room: %1"_s.arg(error->message));
            m_roomName = std::get<QString>(room);
        }
        if (m_parser.isSet(PortOption)) {
            bool ok = false;
            m_port = m_parser.value(PortOption).toInt(&ok);
            if (!ok || m_port < 0 || m_port > 65535)
                return fail(
                    u"--port must be a number from 0 to 65535, not \"%1\""_s.arg(m_parser.value(PortOption)));
        }
    }
    if (m_parser.isSet(LangOption)) {
        m_language = m_parser.value(LangOption);
        if (QLocale(m_language).language() == QLocale::C)
            return fail(u"--lang: \"%1\" is not a language such as en or vi"_s.arg(m_language));
    }
    return Outcome::Run;
}
