#include "MemberList.h"

#include "JsonCodec.h"

void MemberList::append(const Protocol::Member &member)
{
    if (!m_valid)
        return;
    m_members.append(member);
    m_json.chop(1); // ']'
    if (m_json.size() > 1)
        m_json += ',';
    m_json += Protocol::JsonCodec::encodeMember(member);
    m_json += ']';
}

void MemberList::invalidate()
{
    m_valid = false;
    m_members.clear();
    m_json.clear();
}

void MemberList::assign(const QList<Protocol::Member> &members)
{
    m_members = members;
    m_json = "[";
    for (const Protocol::Member &member : members) {
        m_json += Protocol::JsonCodec::encodeMember(member);
        m_json += ',';
    }
    if (members.isEmpty())
        m_json += ']';
    else
        m_json.back() = ']';
    m_valid = true;
}
