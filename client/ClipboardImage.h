#pragma once

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

/// The image on the clipboard (a screenshot someone copied), as a file that can be sent: Qt
/// Quick 6.4 has no clipboard API for images.
class ClipboardImage : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// Saves the clipboard's image as a PNG in the cache and returns its URL; an empty URL if
    /// the clipboard holds no image.
    Q_INVOKABLE QUrl save() const;
};
