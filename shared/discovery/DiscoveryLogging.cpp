#include "DiscoveryLogging.h"

Q_LOGGING_CATEGORY(lcDiscovery, "parley.discovery", QtWarningMsg)
