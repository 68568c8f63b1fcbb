#include "TlsSettings.h"

#include <memory>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace {

template<typename T, void (*Free)(T *)>
using Owned = std::unique_ptr<T, std::integral_constant<decltype(Free), Free>>;

} // namespace

bool TlsSettings::keyMatches(const QSslCertificate &certificate, const QSslKey &key)
{
    const QByteArray certificatePem = certificate.toPem();
    const QByteArray keyPem = key.toPem();
    Owned<BIO, BIO_free_all> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    Owned<BIO, BIO_free_all> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    if (!certificateBio || !keyBio)
        return false;
    Owned<X509, X509_free> x509(PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
    Owned<EVP_PKEY, EVP_PKEY_free> privateKey(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    return x509 && privateKey && X509_check_private_key(x509.get(), privateKey.get()) == 1;
}

QList<QSslCipher> TlsSettings::forwardSecretCiphers()
{
    QList<QSslCipher> ciphers;
    for (const QSslCipher &cipher : QSslConfiguration::supportedCiphers()) {
        // TLS 1.3 suites always use an ephemeral key exchange; in TLS 1.2 only ECDHE ones do
        // (the finite-field DHE ones are slow to negotiate and not needed by any client).
        if (cipher.name().startsWith(u"TLS_") || cipher.name().startsWith(u"ECDHE-"))
            ciphers.append(cipher);
    }
    return ciphers;
}

QSslConfiguration TlsSettings::serverConfiguration(const QSslCertificate &certificate, const QSslKey &key)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(certificate);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setCiphers(forwardSecretCiphers());
    return tls;
}
