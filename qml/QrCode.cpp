#include "QrCode.h"

#include <QPainter>
#include <qrencode.h>

#include <memory>

namespace {

constexpr int QuietZone = 4; // modules of white around the code, as the standard asks

} // namespace

QrCode::QrCode(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(false);
}

void QrCode::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_code = encode(text);
    Q_EMIT textChanged();
    update();
}

QImage QrCode::encode(const QString &text)
{
    if (text.isEmpty())
        return {};
    // Medium error correction: a phone reads it off a screen at an angle, with glare.
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(text.toUtf8().constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code)
        return {};
    const int side = code->width + 2 * QuietZone;
    QImage image(side, side, QImage::Format_Mono);
    image.setColorTable({qRgb(255, 255, 255), qRgb(0, 0, 0)});
    image.fill(0);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (code->data[y * code->width + x] & 1) // bit 0: the module is dark
                image.setPixel(x + QuietZone, y + QuietZone, 1);
        }
    }
    return image;
}

void QrCode::paint(QPainter *painter)
{
    if (m_code.isNull())
        return;
    // Whole pixels per module, so that every module is as sharp as the screen allows.
    const int scale = std::max(1, int(std::min(width(), height())) / m_code.width());
    const int side = scale * m_code.width();
    const QRect target(int(width() - side) / 2, int(height() - side) / 2, side, side);
    painter->drawImage(target, m_code);
}
