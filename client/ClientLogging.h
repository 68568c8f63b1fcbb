#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcClient) // "parley.client": connection state, refused frames, hosting
