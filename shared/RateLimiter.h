#pragma once

#include <QElapsedTimer>

#include <chrono>

/// A token bucket: `burst` frames at once, refilled at `perSecond`. Counts refusals until a
/// second goes by without one, so that sustained abuse can be told apart from a short burst.
/// The room limits each connection's frames with one; a client paces itself with another.
class RateLimiter
{
public:
    RateLimiter(double perSecond, double burst);

    /// Takes one token; false if none is left (the frame should be refused).
    bool tryTake();
    /// Refusals since the last second without one. Not since the last frame allowed: a sender
    /// at many times the rate has a frame allowed whenever a token comes back, and would never
    /// count as more than a burst.
    int refusals() const { return m_refusals; }
    /// Tokens there are now (a full bucket is as good as a new one: it can be forgotten).
    double tokens() const;
    bool isFull() const { return tokens() >= m_burst; }
    /// How long until a token is there (zero if one is).
    std::chrono::milliseconds untilNextToken() const;

private:
    double m_perSecond;
    double m_burst;
    double m_tokens;
    QElapsedTimer m_sinceRefill;
    QElapsedTimer m_sinceRefusal;
    int m_refusals = 0;
};
