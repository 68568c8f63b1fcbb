#include "HistoryBackup.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace {

/// A connection of its own, closed and removed however the function returns.
class Connection
{
public:
    Connection(const QString &path, bool readOnly)
        : m_name(u"parley-backup-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        // Read only: a backup never migrates or otherwise touches the room's file.
        db.setConnectOptions(readOnly ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s
                                      : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        m_open = db.open();
    }
    ~Connection()
    {
        database().close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_open = false;
};

} // namespace

HistoryBackup::Result HistoryBackup::run(const QString &database, const QString &target)
{
    if (!QFileInfo::exists(database))
        return {false, u"there is no history at %1"_s.arg(database)};
    if (QFileInfo::exists(target))
        return {false, u"%1 exists already; a backup is never written over"_s.arg(target)};
    {
        Connection source(database, true);
        if (!source.isOpen())
            return {false, u"cannot open %1: %2"_s.arg(database, source.database().lastError().text())};
        QSqlQuery copy(source.database());
        copy.prepare(u"VACUUM INTO ?"_s);
        copy.addBindValue(target);
        if (!copy.exec())
            return {false, u"cannot copy %1 to %2: %3"_s.arg(database, target, copy.lastError().text())};
    }
    Connection backup(target, true);
    QSqlQuery check(backup.database());
    if (!backup.isOpen() || !check.exec(u"PRAGMA quick_check"_s) || !check.next() ||
        check.value(0) != u"ok"_s)
        return {false, u"the copy at %1 does not check out: %2"_s.arg(target, check.lastError().text())};
    QSqlQuery count(backup.database());
    if (!count.exec(u"SELECT count(*) FROM messages"_s) || !count.next())
        return {false, u"the copy at %1 has no messages table: %2"_s.arg(target, count.lastError().text())};
    return {true, {}, count.value(0).toLongLong()};
}
