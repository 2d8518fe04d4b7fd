#pragma once

#include <QString>

#include <cstdint>

namespace rd {

// Identifiers in the forms the API uses: UUIDs for routes, versions, deployments and provider configs,
// ULIDs (time-ordered) for log records.
class SandboxIds
{
public:
    static QString uuid();
    // 26 characters of Crockford base32: 48 bits of milliseconds, then 80 bits from `random`.
    static QString ulid(std::int64_t msecsSinceEpoch, std::uint64_t randomHigh, std::uint64_t randomLow);
    // A small deterministic generator (splitmix64): the demo data must come out the same on every platform,
    // which the standard library's distributions do not promise.
    static std::uint64_t nextRandom(std::uint64_t &state);
};

} // namespace rd
