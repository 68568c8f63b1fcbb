#pragma once

/// Who the app is to the system: the organisation and application names (which decide where
/// QSettings and QStandardPaths keep its files) and its version. The app and its QML tests call
/// apply() alike, so the tests see what people see.
namespace AppIdentity {
void apply();
}
