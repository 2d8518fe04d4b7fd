#include "model/Number.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace rd {

namespace {

// 2^63, exactly representable: every double in [-2^63, 2^63) converts to int64 without undefined behaviour.
constexpr double kTwoTo63 = 0x1p63;

} // namespace

Number Number::fromInteger(std::int64_t value)
{
    Number n;
    n.m_value = value;
    return n;
}

Number Number::fromDouble(double value)
{
    Number n;
    n.m_value = value;
    return n;
}

std::optional<Number> Number::fromJson(const Json &json)
{
    if (json.is_number_integer() && !json.is_number_unsigned()) {
        return fromInteger(json.get<std::int64_t>());
    }
    if (json.is_number_unsigned()) {
        const auto u = json.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return fromInteger(static_cast<std::int64_t>(u));
        }
        return fromDouble(static_cast<double>(u));
    }
    if (json.is_number_float()) {
        return fromDouble(json.get<double>());
    }
    return std::nullopt;
}

std::int64_t Number::toInteger() const
{
    if (const auto *i = std::get_if<std::int64_t>(&m_value)) {
        return *i;
    }
    const double d = std::get<double>(m_value);
    if (!std::isfinite(d)) {
        return 0;
    }
    if (d >= kTwoTo63) {
        return std::numeric_limits<std::int64_t>::max();
    }
    if (d < -kTwoTo63) {
        return std::numeric_limits<std::int64_t>::min();
    }
    return static_cast<std::int64_t>(d);
}

std::optional<std::int64_t> Number::toExactInteger() const
{
    if (const auto *i = std::get_if<std::int64_t>(&m_value)) {
        return *i;
    }
    const double d = std::get<double>(m_value);
    // The range test comes first and is false for NaN, so the cast below only ever sees a value int64 holds.
    if (!(d >= -kTwoTo63 && d < kTwoTo63) || std::trunc(d) != d) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(d);
}

double Number::toDouble() const
{
    if (const auto *i = std::get_if<std::int64_t>(&m_value)) {
        return static_cast<double>(*i);
    }
    return std::get<double>(m_value);
}

Json Number::toJson() const
{
    if (const auto *i = std::get_if<std::int64_t>(&m_value)) {
        return Json(*i);
    }
    return Json(std::get<double>(m_value));
}

std::string Number::toString() const
{
    if (const auto *i = std::get_if<std::int64_t>(&m_value)) {
        return std::to_string(*i);
    }
    std::ostringstream s;
    s.precision(15);
    s << std::get<double>(m_value);
    return s.str();
}

} // namespace rd
