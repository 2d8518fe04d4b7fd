#include "app/sandbox/SandboxIds.h"

#include <QUuid>

namespace rd {

QString SandboxIds::uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString SandboxIds::ulid(std::int64_t msecsSinceEpoch, std::uint64_t randomHigh, std::uint64_t randomLow)
{
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    QString out(26, QLatin1Char('0'));
    auto time = static_cast<std::uint64_t>(msecsSinceEpoch) & ((std::uint64_t{1} << 48) - 1);
    for (int i = 9; i >= 0; --i) {
        out[i] = QLatin1Char(kAlphabet[time & 31]);
        time >>= 5;
    }
    // 80 random bits: 16 characters, 40 bits from each half.
    std::uint64_t high = randomHigh & ((std::uint64_t{1} << 40) - 1);
    std::uint64_t low = randomLow & ((std::uint64_t{1} << 40) - 1);
    for (int i = 25; i >= 18; --i) {
        out[i] = QLatin1Char(kAlphabet[low & 31]);
        low >>= 5;
    }
    for (int i = 17; i >= 10; --i) {
        out[i] = QLatin1Char(kAlphabet[high & 31]);
        high >>= 5;
    }
    return out;
}

std::uint64_t SandboxIds::nextRandom(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace rd
