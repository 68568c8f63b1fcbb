// A wss:// room's TLS: a key that is not the certificate's is refused before anything listens,
// and only forward-secret suites are offered, also with an RSA certificate.
#include "TlsSettings.h"

#include "ChatGateway.h"
#include "SelfSignedCertificate.h"
#include "ServerOptions.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

namespace {

/// An RSA certificate and key made with the openssl command, as an administrator would.
struct RsaIdentity
{
    QString certificatePath;
    QString keyPath;
    QSslCertificate certificate;
    QSslKey key;
};

std::optional<RsaIdentity> makeRsaIdentity(const QTemporaryDir &dir)
{
    RsaIdentity identity{dir.filePath(u"rsa-cert.pem"_s), dir.filePath(u"rsa-key.pem"_s), QSslCertificate(),
                         QSslKey()};
    const int status =
        QProcess::execute(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                                         u"-keyout"_s, identity.keyPath, u"-out"_s, identity.certificatePath,
                                         u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=localhost"_s});
    QFile certificate(identity.certificatePath);
    QFile key(identity.keyPath);
    if (status != 0 || !certificate.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
        return std::nullopt;
    identity.certificate = QSslCertificate(certificate.readAll());
    identity.key = QSslKey(key.readAll(), QSsl::Rsa);
    return identity;
}

ServerOptions::Outcome parse(ServerOptions &options, const QStringList &arguments)
{
    return options.parse(QStringList{u"parleyd"_s} + arguments);
}

} // namespace

TEST(TlsSettings, AKeyThatIsNotTheCertificatesIsRefusedWithAClearError)
{
    const auto one = SelfSignedCertificate::generate(u"Room"_s);
    const auto other = SelfSignedCertificate::generate(u"Room"_s);
    ASSERT_TRUE(one && other);
    EXPECT_TRUE(TlsSettings::keyMatches(one->certificate, one->key));
    EXPECT_FALSE(TlsSettings::keyMatches(one->certificate, other->key));

    QTemporaryDir dir;
    QFile certificate(dir.filePath(u"cert.pem"_s));
    QFile key(dir.filePath(u"key.pem"_s));
    ASSERT_TRUE(certificate.open(QIODevice::WriteOnly) && key.open(QIODevice::WriteOnly));
    certificate.write(one->certificate.toPem());
    key.write(other->key.toPem());
    certificate.close();
    key.close();
    ServerOptions options;
    EXPECT_EQ(parse(options, {u"--tls-cert"_s, certificate.fileName(), u"--tls-key"_s, key.fileName()}),
              ServerOptions::Outcome::Error);
    EXPECT_TRUE(options.errorText().contains(u"is not the key of the certificate"_s))
        << options.errorText().toStdString();

    ServerConfig config; // and a room set up in code refuses to listen at all
    config.port = 0;
    config.bindAddress = QHostAddress::LocalHost;
    config.tlsCertificate = one->certificate;
    config.tlsKey = other->key;
    ChatGateway gateway(config);
    EXPECT_FALSE(gateway.listen());
    EXPECT_TRUE(gateway.errorString().contains(u"TLS key"_s)) << gateway.errorString().toStdString();
}

TEST(TlsSettings, AnRsaRoomOffersOnlyForwardSecretSuites)
{
    QTemporaryDir dir;
    const auto identity = makeRsaIdentity(dir);
    ASSERT_TRUE(identity) << "the openssl command could not make an RSA certificate";
    ASSERT_TRUE(TlsSettings::keyMatches(identity->certificate, identity->key));
    ServerConfig config;
    config.port = 0;
    config.bindAddress = QHostAddress::LocalHost;
    config.tlsCertificate = identity->certificate;
    config.tlsKey = identity->key;
    ChatGateway gateway(config);
    ASSERT_TRUE(gateway.listen()) << gateway.errorString().toStdString();

    // A TLS 1.2 client that offers one suite: does the room accept it?
    const auto handshakes = [&](const QString &suite) {
        QSslSocket client;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        tls.setProtocol(QSsl::TlsV1_2);
        tls.setCiphers({QSslCipher(suite, QSsl::TlsV1_2)});
        client.setSslConfiguration(tls);
        QSignalSpy encrypted(&client, &QSslSocket::encrypted);
        QSignalSpy failed(&client, &QSslSocket::errorOccurred);
        client.connectToHostEncrypted(u"127.0.0.1"_s, gateway.port());
        return QTest::qWaitFor([&] { return encrypted.size() > 0 || failed.size() > 0; }, 5000) &&
               encrypted.size() > 0;
    };
    EXPECT_TRUE(handshakes(u"ECDHE-RSA-AES128-GCM-SHA256"_s));
    EXPECT_FALSE(handshakes(u"AES128-GCM-SHA256"_s)); // static RSA: no forward secrecy
    EXPECT_FALSE(handshakes(u"AES256-SHA"_s));
}
