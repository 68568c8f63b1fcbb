#include "ClipboardAttachment.h"

#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

QUrl ClipboardAttachment::file() const
{
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    if (!data)
        return {};
    // A file copied in a file manager comes as its URL (and its path as text): the file is meant.
    if (data->hasUrls() && !data->urls().isEmpty() && data->urls().constFirst().isLocalFile())
        return data->urls().constFirst();
    // Text copied from a page may come with a picture of it: text is what was meant then.
    if (!data->hasImage() || data->hasText())
        return {};
    const QImage image = qvariant_cast<QImage>(data->imageData());
    if (image.isNull())
        return {};
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/pasted"_s;
    QDir().mkpath(folder);
    // Named as people would name it: others see this name.
    const QString name =
        tr("Pasted image %1").arg(QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH.mm.ss"_s));
    const QString path = folder + u'/' + name + u".png"_s;
    return image.save(path, "PNG") ? QUrl::fromLocalFile(path) : QUrl();
}
