// The room's web address as a QR code, read back by a real QR reader (zbar's zbarimg), as a
// phone's camera would.
#include "QrCode.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

TEST(QrCodeTest, AReaderReadsBackTheAddress)
{
    const QString zbarimg = QStandardPaths::findExecutable(u"zbarimg"_s);
    if (zbarimg.isEmpty())
        GTEST_SKIP() << "zbarimg not installed (scripts/setup installs zbar-tools)";
    QTemporaryDir dir;
    for (const QString &text : {u"http://192.168.1.20:47800/"_s, u"https://[fd00::1]:47800/"_s,
                                u"http://phòng-học.local:47800/"_s}) {
        const QImage code = QrCode::encode(text);
        ASSERT_FALSE(code.isNull());
        const QString path = dir.filePath(u"code.png"_s);
        ASSERT_TRUE(code.scaled(code.size() * 6).save(path));
        QProcess reader;
        reader.start(zbarimg, {u"--raw"_s, u"-q"_s, u"-Sbinary"_s, path});
        ASSERT_TRUE(reader.waitForFinished(10000));
        EXPECT_EQ(QString::fromUtf8(reader.readAllStandardOutput()).trimmed(), text);
    }
    EXPECT_TRUE(QrCode::encode(QString()).isNull());
}
