#include "PrometheusText.h"

#include "LatencyHistogram.h"

#include <cmath>

void PrometheusText::family(const QByteArray &name, const QByteArray &help, const QByteArray &type)
{
    m_text += "# HELP " + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

void PrometheusText::sample(const QByteArray &name, double value, const QByteArray &labels)
{
    m_text += name;
    if (!labels.isEmpty())
        m_text += '{' + labels + '}';
    // Whole numbers as such (counts); others with enough digits for milliseconds and below.
    m_text +=
        ' ' + (value == std::floor(value) && std::abs(value) < 1e15 ? QByteArray::number(qint64(value))
                                                                    : QByteArray::number(value, 'g', 9));
    m_text += '\n';
}

void PrometheusText::gauge(const QByteArray &name, const QByteArray &help, double value)
{
    family(name, help, "gauge");
    sample(name, value);
}

void PrometheusText::gauge(const QByteArray &name, const QByteArray &help, const QByteArray &label,
                           const QList<std::pair<QByteArray, double>> &samples)
{
    labelled(name, help, "gauge", label, samples);
}

void PrometheusText::counter(const QByteArray &name, const QByteArray &help, double value)
{
    family(name, help, "counter");
    sample(name, value);
}

void PrometheusText::counter(const QByteArray &name, const QByteArray &help, const QByteArray &label,
                             const QList<std::pair<QByteArray, double>> &samples)
{
    labelled(name, help, "counter", label, samples);
}

void PrometheusText::labelled(const QByteArray &name, const QByteArray &help, const QByteArray &type,
                              const QByteArray &label, const QList<std::pair<QByteArray, double>> &samples)
{
    family(name, help, type);
    for (const auto &[value, count] : samples)
        sample(name, count, label + "=\"" + value + '"'); // values are this server's words: [a-z_] only
}

void PrometheusText::histogram(const QByteArray &name, const QByteArray &help,
                               const LatencyHistogram &histogram)
{
    family(name, help, "histogram");
    for (size_t i = 0; i < LatencyHistogram::Bounds.size(); ++i)
        sample(name + "_bucket", double(histogram.cumulative(i)),
               "le=\"" + QByteArray::number(LatencyHistogram::Bounds[i], 'g', 6) + '"');
    sample(name + "_bucket", double(histogram.count()), "le=\"+Inf\"");
    sample(name + "_sum", histogram.sum());
    sample(name + "_count", double(histogram.count()));
}
