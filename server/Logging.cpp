#include "Logging.h"

Q_LOGGING_CATEGORY(lcServer, "parley.server", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRoom, "parley.room", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "parley.store", QtWarningMsg)
