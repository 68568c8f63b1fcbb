#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

/// What a member's avatar shows: their initials, on a colour chosen by their id, so that it
/// stays the same across renames and differs (most of the time) between two members of the
/// same name. The colours themselves are the theme's (Theme.avatarColors).
class Avatars : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// Up to two: the first characters of the first and the last word ("Nguyễn Văn An": "NA"),
    /// whole characters (an emoji, a letter with its accents), upper case.
    Q_INVOKABLE static QString initials(const QString &name);
    /// Which of count colours is this member's; the same on every run and every computer.
    Q_INVOKABLE static int colorIndex(const QString &memberId, int count);
};
