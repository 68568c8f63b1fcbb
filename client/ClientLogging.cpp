#include "ClientLogging.h"

Q_LOGGING_CATEGORY(lcClient, "parley.client", QtWarningMsg)
