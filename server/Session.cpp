#include "Session.h"

Session::~Session() = default;
