#pragma once

#include <QCoreApplication>
#include <QString>

class MessageListModel;

/// A conversation as people read it outside Parley: a plain-text file (.txt) or an HTML page
/// (any other name) with the date and time, sender and text of every message shown, files by
/// name, deleted ones marked. HTML is escaped, so no message can add markup to the page.
class Transcript
{
    Q_DECLARE_TR_FUNCTIONS(Transcript)

public:
    /// Writes the messages to path (text for .txt, else HTML); false with *error if not.
    static bool write(const QString &path, const QString &title, const MessageListModel &messages,
                      QString *error);
    static QString toText(const QString &title, const MessageListModel &messages);
    static QString toHtml(const QString &title, const MessageListModel &messages);
};
