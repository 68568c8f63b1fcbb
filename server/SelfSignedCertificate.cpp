#include "SelfSignedCertificate.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

using namespace Qt::Literals::StringLiterals;

namespace {

template<typename T, void (*Free)(T *)>
using Owned = std::unique_ptr<T, std::integral_constant<decltype(Free), Free>>;

QByteArray readBio(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

} // namespace

std::optional<SelfSignedCertificate> SelfSignedCertificate::generate(const QString &commonName,
                                                                     const QList<QHostAddress> &addresses)
{
    Owned<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
    Owned<X509, X509_free> x509(X509_new());
    if (!key || !x509)
        return std::nullopt;

    X509_set_version(x509.get(), 2);
    ASN1_INTEGER_set_int64(X509_get_serialNumber(x509.get()),
                           qint64(QRandomGenerator::system()->generate64() >> 2));
    X509_gmtime_adj(X509_getm_notBefore(x509.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x509.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(x509.get(), key.get());
    X509_NAME *name = X509_get_subject_name(x509.get());
    const QByteArray cn = commonName.left(64).toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(x509.get(), name);

    QStringList alternativeNames{u"DNS:localhost"_s, u"IP:127.0.0.1"_s, u"IP:::1"_s};
    for (const QHostAddress &address : addresses)
        alternativeNames.append(u"IP:"_s + address.toString());
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, x509.get(), x509.get(), nullptr, nullptr, 0);
    Owned<X509_EXTENSION, X509_EXTENSION_free> san(X509V3_EXT_conf_nid(
        nullptr, &context, NID_subject_alt_name, alternativeNames.join(u',').toLatin1().constData()));
    if (!san || !X509_add_ext(x509.get(), san.get(), -1) || !X509_sign(x509.get(), key.get(), EVP_sha256()))
        return std::nullopt;

    Owned<BIO, BIO_free_all> certificatePem(BIO_new(BIO_s_mem()));
    Owned<BIO, BIO_free_all> keyPem(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_X509(certificatePem.get(), x509.get()) ||
        !PEM_write_bio_PrivateKey(keyPem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr))
        return std::nullopt;
    SelfSignedCertificate identity{QSslCertificate(readBio(certificatePem.get()), QSsl::Pem),
                                   QSslKey(readBio(keyPem.get()), QSsl::Ec, QSsl::Pem)};
    if (identity.certificate.isNull() || identity.key.isNull())
        return std::nullopt;
    return identity;
}

std::optional<SelfSignedCertificate>
SelfSignedCertificate::loadOrCreate(const QString &directory, const QString &commonName, QString *error)
{
    const QString certificatePath = directory + u"/certificate.pem"_s;
    const QString keyPath = directory + u"/key.pem"_s;
    QFile certificateFile(certificatePath);
    QFile keyFile(keyPath);
    if (certificateFile.exists() || keyFile.exists()) {
        if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1 and %2"_s.arg(certificatePath, keyPath);
            return std::nullopt;
        }
        SelfSignedCertificate identity{QSslCertificate(certificateFile.readAll(), QSsl::Pem),
                                       QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem)};
        if (identity.certificate.isNull() || identity.key.isNull()) {
            *error = u"%1 or %2 is not a PEM certificate and EC key"_s.arg(certificatePath, keyPath);
            return std::nullopt;
        }
        return identity;
    }
    auto identity = generate(commonName);
    if (!identity) {
        *error = u"OpenSSL could not make a certificate"_s;
        return std::nullopt;
    }
    QDir().mkpath(directory);
    for (const auto &[path, pem] : {std::pair{certificatePath, identity->certificate.toPem()},
                                    std::pair{keyPath, identity->key.toPem()}}) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(pem) < 0 || !file.commit()) {
            *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
            return std::nullopt;
        }
    }
    QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return identity;
}

QString SelfSignedCertificate::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}
