#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

class LatencyHistogram;

/// Metrics in Prometheus' text exposition format (0.0.4), one family after another, each with
/// its HELP and TYPE lines.
class PrometheusText
{
public:
    void gauge(const QByteArray &name, const QByteArray &help, double value);
    /// A gauge with one label, one sample per value of it.
    void gauge(const QByteArray &name, const QByteArray &help, const QByteArray &label,
               const QList<std::pair<QByteArray, double>> &samples);
    void counter(const QByteArray &name, const QByteArray &help, double value);
    /// A counter with one label, one sample per value of it.
    void counter(const QByteArray &name, const QByteArray &help, const QByteArray &label,
                 const QList<std::pair<QByteArray, double>> &samples);
    void histogram(const QByteArray &name, const QByteArray &help, const LatencyHistogram &histogram);

    QByteArray text() const { return m_text; }
    static constexpr const char *ContentType = "text/plain; version=0.0.4; charset=utf-8";

private:
    void family(const QByteArray &name, const QByteArray &help, const QByteArray &type);
    void labelled(const QByteArray &name, const QByteArray &help, const QByteArray &type,
                  const QByteArray &label, const QList<std::pair<QByteArray, double>> &samples);
    void sample(const QByteArray &name, double value, const QByteArray &labels = {});

    QByteArray m_text;
};
