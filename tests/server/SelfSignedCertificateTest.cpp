#include "SelfSignedCertificate.h"

#include "ChatGateway.h"
#include "TestClient.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

TEST(SelfSignedCertificate, MakesAUsableIdentityForLoopbackAndTheGivenAddresses)
{
    const auto identity = SelfSignedCertificate::generate(u"Parley room"_s, {QHostAddress(u"127.0.0.2"_s)});
    ASSERT_TRUE(identity);
    EXPECT_FALSE(identity->certificate.isNull());
    EXPECT_FALSE(identity->key.isNull());
    EXPECT_EQ(identity->certificate.subjectInfo(QSslCertificate::CommonName), QStringList{u"Parley room"_s});
    const auto names = identity->certificate.subjectAlternativeNames();
    EXPECT_TRUE(names.values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_s));
    EXPECT_TRUE(names.values(QSsl::IpAddressEntry).contains(u"127.0.0.2"_s));
    EXPECT_GT(identity->certificate.expiryDate(), QDateTime::currentDateTime().addYears(5));
    EXPECT_EQ(SelfSignedCertificate::fingerprint(identity->certificate).size(), 32 * 3 - 1);
}

TEST(SelfSignedCertificate, IsMadeOnceAndKept)
{
    QTemporaryDir dir;
    QString error;
    const auto first = SelfSignedCertificate::loadOrCreate(dir.path(), u"Room"_s, &error);
    ASSERT_TRUE(first) << error.toStdString();
    const auto second = SelfSignedCertificate::loadOrCreate(dir.path(), u"Room"_s, &error);
    ASSERT_TRUE(second) << error.toStdString();
    EXPECT_EQ(first->certificate, second->certificate);
    EXPECT_EQ(first->key, second->key);
    EXPECT_FALSE(QFile(dir.filePath(u"key.pem"_s)).permissions() & QFileDevice::ReadOther);
}

TEST(SelfSignedCertificate, AGatewayWithItSpeaksWss)
{
    const auto identity = SelfSignedCertificate::generate(u"Room"_s);
    ASSERT_TRUE(identity);
    ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.tlsCertificate = identity->certificate;
    config.tlsKey = identity->key;
    ChatGateway gateway(config);
    ASSERT_TRUE(gateway.listen()) << gateway.errorString().toStdString();
    EXPECT_EQ(gateway.url().scheme(), u"wss"_s);

    TestClient plain; // a plain ws:// client cannot talk to it
    plain.socket().open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(gateway.port())));
    EXPECT_FALSE(plain.waitFor(u"welcome"_s, {}, 1s));

    TestClient secure;
    QObject::connect(&secure.socket(), &QWebSocket::sslErrors, &secure.socket(),
                     [&](const QList<QSslError> &errors) { secure.socket().ignoreSslErrors(errors); });
    ASSERT_TRUE(secure.join(QUrl(u"wss://127.0.0.1:%1/"_s.arg(gateway.port())), u"Alice"_s));
    EXPECT_EQ(secure.socket().sslConfiguration().peerCertificate(), identity->certificate);
}
