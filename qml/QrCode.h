#pragma once

#include <QImage>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

/// A QR code of a text (the room's web address, for a phone to scan), made by libqrencode and
/// drawn square, black on white with its quiet zone, as large as the item allows.
class QrCode : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    /// Modules per side (0 if the text cannot be encoded).
    Q_PROPERTY(int modules READ modules NOTIFY textChanged)

public:
    explicit QrCode(QQuickItem *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    int modules() const { return m_code.width(); }

    void paint(QPainter *painter) override;

    /// The code of text as an image, one pixel per module, with a four-module quiet zone; a
    /// null image if it cannot be encoded.
    static QImage encode(const QString &text);

Q_SIGNALS:
    void textChanged();

private:
    QString m_text;
    QImage m_code; // one pixel per module, quiet zone included
};
