#include "MemberListJson.h"

#include "JsonCodec.h"

void MemberListJson::append(const Protocol::Member &member)
{
    if (m_json.isEmpty())
        return;
    m_json.chop(1); // ']'
    if (m_json.size() > 1)
        m_json += ',';
    m_json += Protocol::JsonCodec::encodeMember(member);
    m_json += ']';
}

const QByteArray &MemberListJson::bytes(const QList<Protocol::Member> &members)
{
    if (!m_json.isEmpty())
        return m_json;
    m_json = "[";
    for (const Protocol::Member &member : members) {
        m_json += Protocol::JsonCodec::encodeMember(member);
        m_json += ',';
    }
    if (members.isEmpty())
        m_json += ']';
    else
        m_json.back() = ']';
    return m_json;
}
