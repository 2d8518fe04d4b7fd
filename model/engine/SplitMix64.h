#pragma once

#include <cstdint>

namespace rd {

// The engine's random numbers: SplitMix64 (Steele, Lea, Flood 2014), integer arithmetic only. The standard
// library's distributions are not specified bit for bit and differ between libstdc++, libc++ and MSVC; this
// gives the same sequence for a seed on every platform, which `routectl simulate --seed` promises.
class SplitMix64
{
public:
    explicit SplitMix64(std::uint64_t seed = 1) : m_state(seed) {}

    std::uint64_t next() { return mix(m_state += 0x9E3779B97F4A7C15ULL); }

    // SplitMix64's output function: a bijection that scatters nearby inputs.
    static constexpr std::uint64_t mix(std::uint64_t z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // The generator of request `index` of a run seeded with `seed`. Each request has its own stream, so a
    // change that makes one request draw more (a retry) leaves every other request's draws as they were:
    // two simulations with the same seed differ only where their settings differ.
    static SplitMix64 forRequest(std::uint64_t seed, std::uint64_t index)
    {
        return SplitMix64(mix(seed ^ mix(index + 0x632BE59BD9B4E019ULL)));
    }

    // A number in [0, bound) by multiply-shift (Lemire): no division, bias below 2^-64 * bound.
    std::uint64_t below(std::uint64_t bound) { return mulHigh(next(), bound); }

    // A real in [0, 1) from the top 53 bits: exact in a double, so the same on every IEEE platform.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    // The high 64 bits of a 64 x 64-bit product, in portable arithmetic (no __int128, which ISO C++ lacks).
    static constexpr std::uint64_t mulHigh(std::uint64_t a, std::uint64_t b)
    {
        const std::uint64_t aLo = a & 0xFFFFFFFFULL, aHi = a >> 32;
        const std::uint64_t bLo = b & 0xFFFFFFFFULL, bHi = b >> 32;
        const std::uint64_t lo = aLo * bLo;
        const std::uint64_t mid1 = aHi * bLo + (lo >> 32);
        const std::uint64_t mid2 = aLo * bHi + (mid1 & 0xFFFFFFFFULL);
        return aHi * bHi + (mid1 >> 32) + (mid2 >> 32);
    }

private:
    std::uint64_t m_state;
};

} // namespace rd
