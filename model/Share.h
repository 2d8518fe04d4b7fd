#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rd {

// A percentage element's output key ("10%", "33.5%") as an exact amount, so that shares sum without
// floating-point error: 100% is Share::kWhole millionths.
class Share
{
public:
    static constexpr std::int64_t kWhole = 100'000'000;

    // nullopt unless `key` is digits with an optional fraction followed by '%' (at most 1000%).
    static std::optional<std::int64_t> parseMillionths(std::string_view key);
    // The shortest key for an amount: 50'000'000 -> "50%", 33'300'000 -> "33.3%".
    static std::string format(std::int64_t millionths);
};

} // namespace rd
