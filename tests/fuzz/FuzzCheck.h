#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace rd::fuzz {

// A property every input must keep was broken. Says which, in words, with what the target saw, and aborts:
// libFuzzer then keeps the input as a crash file, and this message is what a person reads first in the log.
[[noreturn]] inline void fail(std::string_view property, std::string_view detail = {})
{
    // Long documents would drown the message; the crash file has the whole input anyway.
    constexpr std::size_t kMaxDetail = 4000;
    std::fprintf(stderr, "\n==== FUZZ PROPERTY BROKEN: %.*s\n", static_cast<int>(property.size()), property.data());
    if (!detail.empty()) {
        const std::size_t shown = detail.size() < kMaxDetail ? detail.size() : kMaxDetail;
        std::fprintf(stderr, "%.*s%s\n", static_cast<int>(shown), detail.data(),
                     shown < detail.size() ? "\n[... cut]" : "");
    }
    std::fflush(stderr);
    std::abort();
}

inline std::string_view textOf(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

} // namespace rd::fuzz
