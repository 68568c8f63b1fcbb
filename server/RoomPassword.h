#pragma once

#include <QByteArray>
#include <QString>

/// A room password, held only as a salted PBKDF2-SHA256 hash (QPasswordDigestor); the plain
/// text is never kept. An empty RoomPassword means the room is open to anyone.
class RoomPassword
{
public:
    RoomPassword() = default;
    /// Hashes plainText with a fresh random salt.
    static RoomPassword fromPlainText(const QString &plainText);

    bool isSet() const { return !m_hash.isEmpty(); }
    /// Whether candidate is the password, compared in constant time.
    bool matches(const QString &candidate) const;

private:
    static QByteArray derive(const QString &plainText, const QByteArray &salt);

    QByteArray m_salt;
    QByteArray m_hash;
};
