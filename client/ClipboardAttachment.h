#pragma once

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

/// What the clipboard holds that can be sent as a file: a copied file, or a copied picture (a
/// screenshot) saved as a PNG. Qt Quick 6.4 has no clipboard API for either.
class ClipboardAttachment : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// The local file to send: the copied file itself, or the copied picture saved in the cache.
    /// Empty if the clipboard holds text (which pastes as text) or nothing to send.
    Q_INVOKABLE QUrl file() const;
};
