#include "AppIdentity.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

void AppIdentity::apply()
{
    QCoreApplication::setOrganizationName(u"Parley"_s);
    QCoreApplication::setApplicationName(u"Parley"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION));
}
