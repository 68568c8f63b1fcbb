#pragma once

#include <QCoreApplication>
#include <QString>

class MessageListModel;

/// A conversation as people read it outside Parley: a plain-text or an HTML file (by the
/// name's suffix) with the date and time, sender and text of every message shown, files by
/// name, deleted ones marked. HTML is escaped, so no message can add markup to the page.
class Transcript
{
    Q_DECLARE_TR_FUNCTIONS(Transcript)

public:
    /// Writes the messages to path (HTML for .html/.htm, else text); false with *error if not.
    static bool write(const QString &path, const QString &title, const MessageListModel &messages,
                      QString *error);
    static QString toText(const QString &title, const MessageListModel &messages);
    static QString toHtml(const QString &title, const MessageListModel &messages);
};
