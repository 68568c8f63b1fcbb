#include "RoomPassword.h"

#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace {
// Enough to make guessing offline slow, cheap enough (a few ms) to check on every join.
constexpr int Iterations = 20000;
constexpr int HashBytes = 32;
} // namespace

RoomPassword RoomPassword::fromPlainText(const QString &plainText)
{
    RoomPassword password;
    password.m_salt.resize(16);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(password.m_salt.data()), 4);
    password.m_hash = derive(plainText, password.m_salt);
    return password;
}

QByteArray RoomPassword::derive(const QString &plainText, const QByteArray &salt)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, plainText.toUtf8(), salt,
                                              Iterations, HashBytes);
}

bool RoomPassword::matches(const QString &candidate) const
{
    if (!isSet())
        return true;
    const QByteArray hash = derive(candidate, m_salt);
    // Constant time: every byte is compared whatever the first difference.
    unsigned char difference = hash.size() == m_hash.size() ? 0 : 1;
    for (qsizetype i = 0; i < std::min(hash.size(), m_hash.size()); ++i)
        difference |= static_cast<unsigned char>(hash.at(i) ^ m_hash.at(i));
    return difference == 0;
}
