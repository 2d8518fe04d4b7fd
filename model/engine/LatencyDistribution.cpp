#include "model/engine/LatencyDistribution.h"

#include <algorithm>
#include <cmath>

namespace rd {

namespace {

// z such that P(Z <= z) = 0.95.
constexpr double kZ95 = 1.6448536269514722;

} // namespace

double LatencyDistribution::normalQuantile(double p)
{
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double low = 0.02425;
    double x = 0;
    if (p < low) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        const double q = std::sqrt(-2 * std::log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    // One Halley step on the normal CDF written with erfc.
    const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

LatencyDistribution::LatencyDistribution(ProviderBehaviour::Latency latency)
{
    const double p50 = std::max(latency.p50Ms, 0.0);
    const double p95 = std::max(latency.p95Ms, p50);
    if (p50 <= 0) {
        m_table.fill(0);
        return;
    }
    // The standard normal quantiles are the same for every distribution: computed once, they leave one
    // exponential per entry here, which keeps a trace (that builds one table per provider) in microseconds.
    static const std::array<double, kSize> z = [] {
        std::array<double, kSize> q{};
        for (std::size_t i = 0; i < kSize; ++i) {
            q[i] = normalQuantile((static_cast<double>(i) + 0.5) / static_cast<double>(kSize));
        }
        return q;
    }();
    const double mu = std::log(p50);
    const double sigma = (std::log(p95) - mu) / kZ95;
    for (std::size_t i = 0; i < kSize; ++i) {
        m_table[i] = std::exp(mu + sigma * z[i]);
    }
}

} // namespace rd
