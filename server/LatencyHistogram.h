#pragma once

#include <array>
#include <chrono>

/// How long something took, counted in Prometheus' fixed buckets (cumulative when rendered):
/// enough to see a slow disk in `histogram_quantile`, at the cost of a few integers.
class LatencyHistogram
{
public:
    /// Upper bounds in seconds.
    static constexpr std::array<double, 12> Bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1,    2.5};

    void record(std::chrono::nanoseconds took)
    {
        const double seconds = std::chrono::duration<double>(took).count();
        size_t bucket = 0;
        while (bucket < Bounds.size() && seconds > Bounds[bucket])
            ++bucket;
        ++m_counts[bucket]; // the last one: above every bound (+Inf only)
        m_sum += seconds;
        ++m_count;
    }

    /// Observations at or under Bounds[i] (i < Bounds.size()), or all of them.
    long long cumulative(size_t i) const
    {
        long long total = 0;
        for (size_t j = 0; j <= i && j < m_counts.size(); ++j)
            total += m_counts[j];
        return total;
    }
    double sum() const { return m_sum; }
    long long count() const { return m_count; }

private:
    std::array<long long, Bounds.size() + 1> m_counts{};
    double m_sum = 0;
    long long m_count = 0;
};
