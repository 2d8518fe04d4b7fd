#pragma once

#include "model/engine/ProviderBehaviour.h"

#include <array>
#include <cstdint>

namespace rd {

// A lognormal latency fitted to a median and a 95th percentile, sampled from a table of 4,096 quantiles: one
// random number and one lookup per attempt instead of a logarithm, a square root and an exponential, and the
// same figures everywhere because the table is built once from the same arithmetic. The tails beyond the
// outermost quantiles (0.012 % and 99.988 %) are cut, which percentiles up to p99 never see.
class LatencyDistribution
{
public:
    static constexpr int kBits = 12;
    static constexpr std::size_t kSize = std::size_t{1} << kBits;

    explicit LatencyDistribution(ProviderBehaviour::Latency latency);

    // Milliseconds, from a uniformly random 64-bit draw.
    double sample(std::uint64_t draw) const { return m_table[draw >> (64 - kBits)]; }

    // The standard normal quantile of `p` in (0, 1): Acklam's rational approximation polished by one Halley
    // step, accurate to about 1e-15.
    static double normalQuantile(double p);

private:
    std::array<double, kSize> m_table{};
};

} // namespace rd
