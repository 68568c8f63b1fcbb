#include "RateLimiter.h"

#include <algorithm>
#include <cmath>

RateLimiter::RateLimiter(double perSecond, double burst)
    : m_perSecond(perSecond)
    , m_burst(burst)
    , m_tokens(burst)
{
    m_sinceRefill.start();
}

double RateLimiter::tokens() const
{
    return std::min(m_burst, m_tokens + double(m_sinceRefill.elapsed()) / 1000.0 * m_perSecond);
}

std::chrono::milliseconds RateLimiter::untilNextToken() const
{
    const double missing = 1.0 - tokens();
    return missing <= 0 ? std::chrono::milliseconds(0)
                        : std::chrono::milliseconds(qint64(std::ceil(missing / m_perSecond * 1000.0)));
}

bool RateLimiter::tryTake()
{
    m_tokens = std::min(m_burst, m_tokens + m_sinceRefill.restart() / 1000.0 * m_perSecond);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return true;
    }
    if (m_sinceRefusal.isValid() && m_sinceRefusal.hasExpired(1000))
        m_refusals = 0; // a burst that went too far, a while ago: forgiven
    m_sinceRefusal.start();
    ++m_refusals;
    return false;
}
