#include "Session.h"

#include "OutgoingBatch.h"

Session::~Session() = default;

void Session::deliver(const OutgoingBatch &batch)
{
    for (const OutgoingMessage &message : batch.messages())
        deliver(message);
}
