#pragma once

#include <QLoggingCategory>

// Quiet by default (warnings only); parleyd --verbose turns on debug output.
Q_DECLARE_LOGGING_CATEGORY(lcServer) // "parley.server": listening, connections, shutdown
Q_DECLARE_LOGGING_CATEGORY(lcRoom)   // "parley.room": joins, leaves, refused frames
Q_DECLARE_LOGGING_CATEGORY(lcStore)  // "parley.store": the history database
