#include "Transcript.h"

#include "MessageListModel.h"

#include <QDateTime>
#include <QLocale>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace {

/// One message as the transcript says it; notices and unsent messages are not part of it.
struct Line
{
    QDateTime when;
    QString sender;
    QString text;
    QString note; ///< "(edited)", "Message deleted", "📎 name"
};

QList<Line> linesOf(const MessageListModel &messages)
{
    QList<Line> lines;
    for (int row = 0; row < messages.rowCount(); ++row) {
        const QModelIndex index = messages.index(row);
        const auto at = [&](MessageListModel::Role role) { return messages.data(index, role); };
        if (at(MessageListModel::KindRole).value<MessageListModel::Kind>() != MessageListModel::Kind::Chat ||
            at(MessageListModel::SeqRole).toLongLong() <= 0)
            continue;
        Line line{at(MessageListModel::TimestampRole).toDateTime(),
                  at(MessageListModel::SenderNameRole).toString(),
                  at(MessageListModel::TextRole).toString(),
                  {}};
        const auto deleted = at(MessageListModel::DeletedRole).value<MessageListModel::Deletion>();
        if (deleted == MessageListModel::Deletion::ByModerator)
            line.note = Transcript::tr("Removed by a moderator");
        else if (deleted == MessageListModel::Deletion::ByAuthor)
            line.note = Transcript::tr("Message deleted");
        else if (at(MessageListModel::HasFileRole).toBool())
            line.note = u"📎 "_s + at(MessageListModel::FileNameRole).toString();
        if (deleted == MessageListModel::Deletion::NotDeleted && at(MessageListModel::EditedRole).toBool())
            line.note += (line.note.isEmpty() ? u""_s : u" "_s) + Transcript::tr("(edited)");
        lines.append(line);
    }
    return lines;
}

QString stamp(const QDateTime &when)
{
    return QLocale().toString(when, QLocale::ShortFormat);
}

} // namespace

QString Transcript::toText(const QString &title, const MessageListModel &messages)
{
    QString text = title + u"\n\n"_s;
    for (const Line &line : linesOf(messages)) {
        text += u"[%1] %2: "_s.arg(stamp(line.when), line.sender);
        // Following lines of a message are indented under its first.
        text += QString(line.text).replace(u'\n', u"\n    "_s);
        if (!line.note.isEmpty())
            text += (line.text.isEmpty() ? u""_s : u" "_s) + line.note;
        text += u'\n';
    }
    return text;
}

QString Transcript::toHtml(const QString &title, const MessageListModel &messages)
{
    QString html =
        u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n"
        "<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.4}"
        "time{color:#5f6368;font-size:.85em}.from{font-weight:600}.note{color:#5f6368;font-style:italic}"
        "p{margin:.2rem 0 .8rem;white-space:pre-wrap}</style></head><body>\n<h1>%1</h1>\n"_s.arg(
            title.toHtmlEscaped());
    for (const Line &line : linesOf(messages)) {
        html += u"<div><time datetime=\"%1\">%2</time> <span class=\"from\">%3</span>\n<p>%4"_s.arg(
            line.when.toUTC().toString(Qt::ISODate), stamp(line.when).toHtmlEscaped(),
            line.sender.toHtmlEscaped(), line.text.toHtmlEscaped());
        if (!line.note.isEmpty())
            html += u" <span class=\"note\">%1</span>"_s.arg(line.note.toHtmlEscaped());
        html += u"</p></div>\n"_s;
    }
    return html + u"</body></html>\n"_s;
}

bool Transcript::write(const QString &path, const QString &title, const MessageListModel &messages,
                       QString *error)
{
    const bool html =
        path.endsWith(u".html"_s, Qt::CaseInsensitive) || path.endsWith(u".htm"_s, Qt::CaseInsensitive);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write((html ? toHtml(title, messages) : toText(title, messages)).toUtf8()) < 0 ||
        !file.commit()) {
        *error = tr("Cannot save %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
