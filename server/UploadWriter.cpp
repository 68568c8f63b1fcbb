#include "UploadWriter.h"

#include "Logging.h"

#include <QFileInfo>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

using namespace Qt::Literals::StringLiterals;

UploadWriter::~UploadWriter() = default;

void UploadWriter::write(const QString &uploadId, quint64 request, const QString &path, qint64 offset,
                         const QByteArray &bytes, qint64 total)
{
    std::shared_ptr<Partial> &partial = m_partials[uploadId];
    if (!partial)
        partial = std::make_shared<Partial>();
    if (partial->failedRequest == request)
        return; // the request was refused at its failed piece; the rest of it is not wanted
    QFile &file = partial->file;
    if (!file.isOpen()) {
        file.setFileName(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
            partial->failedRequest = request;
            Q_EMIT writeFailed(uploadId, request, QFileInfo(path).size(), file.errorString());
            return;
        }
        if (file.size() == 0)
            partial->hash = std::make_unique<Sha256>();
    }
    if (file.size() != offset) { // someone else changed the file: the client is told where it is
        partial->failedRequest = request;
        partial->hash.reset();
        Q_EMIT writeFailed(uploadId, request, file.size(),
                           u"the upload's file is at byte %1, not %2"_s.arg(file.size()).arg(offset));
        return;
    }
    const qint64 done = file.write(bytes);
    if (done != bytes.size()) {
        qCWarning(lcServer).noquote() << "cannot write upload" << uploadId << ":" << file.errorString();
        partial->failedRequest = request;
        partial->hash.reset(); // hashed whole at the end instead
        const qint64 kept = file.size();
        file.close();
        Q_EMIT writeFailed(uploadId, request, kept, file.errorString());
        return;
    }
    if (partial->hash)
        partial->hash->addData(bytes.constData(), bytes.size());
    const qint64 end = offset + done;
    QString digest;
    if (end >= total) {
        if (partial->hash)
            digest = partial->hash->hexResult();
        m_partials.remove(uploadId);
    }
    Q_EMIT written(uploadId, request, end, digest);
}

void UploadWriter::close(const QString &uploadId)
{
    if (const auto partial = m_partials.value(uploadId))
        partial->file.close(); // the running hash stays: a resume goes on from here
}

void UploadWriter::discard(const QString &uploadId, const QString &path)
{
    m_partials.remove(uploadId);
    QFile::remove(path);
}

void UploadWriter::lowerPriority()
{
#ifdef Q_OS_LINUX
    // Linux keeps a nice value per thread: 0 names the calling one. (QThread's priorities do
    // nothing under SCHED_OTHER but idle, and SCHED_IDLE stops uploads on a busy machine.)
    if (setpriority(PRIO_PROCESS, 0, 10) != 0)
        qCDebug(lcServer) << "the upload writer keeps the room's priority";
#endif
}

void UploadWriter::closeAll()
{
    m_partials.clear();
}
