#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDiscovery) // "parley.discovery": announcements, queries, refused packets
