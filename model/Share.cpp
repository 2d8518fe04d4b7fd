#include "model/Share.h"

namespace rd {

std::optional<std::int64_t> Share::parseMillionths(std::string_view key)
{
    if (key.size() < 2 || key.back() != '%') {
        return std::nullopt;
    }
    key.remove_suffix(1);
    std::int64_t whole = 0;
    std::int64_t fraction = 0;
    int fractionDigits = 0;
    bool seenDot = false;
    bool seenDigit = false;
    for (char c : key) {
        if (c == '.' && !seenDot) {
            seenDot = true;
        } else if (c >= '0' && c <= '9') {
            seenDigit = true;
            if (!seenDot) {
                whole = whole * 10 + (c - '0');
                if (whole > 1000) {
                    return std::nullopt;
                }
            } else if (fractionDigits < 6) {
                fraction = fraction * 10 + (c - '0');
                ++fractionDigits;
            }
        } else {
            return std::nullopt;
        }
    }
    if (!seenDigit) {
        return std::nullopt;
    }
    for (; fractionDigits < 6; ++fractionDigits) {
        fraction *= 10;
    }
    return whole * 1'000'000 + fraction;
}

std::string Share::format(std::int64_t millionths)
{
    std::string s = std::to_string(millionths / 1'000'000);
    if (const std::int64_t fraction = millionths % 1'000'000; fraction != 0) {
        std::string digits = std::to_string(fraction);
        digits.insert(0, 6 - digits.size(), '0');
        while (!digits.empty() && digits.back() == '0') {
            digits.pop_back();
        }
        s += "." + digits;
    }
    return s + "%";
}

} // namespace rd
