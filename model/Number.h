#pragma once

#include "model/Json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace rd {

// A JSON number that remembers whether it was written as an integer, so that `"timeout": 30000`
// never comes back as `30000.0`.
class Number
{
public:
    Number() = default;
    static Number fromInteger(std::int64_t value);
    static Number fromDouble(double value);
    // nullopt when `json` is not a number.
    static std::optional<Number> fromJson(const Json &json);

    bool isInteger() const { return std::holds_alternative<std::int64_t>(m_value); }
    // Truncates a real; a finite real beyond int64 gives the nearest end of its range, NaN and infinities 0.
    std::int64_t toInteger() const;
    // The value when it is a whole number int64 holds exactly (30000 or 30000.0); nullopt for a fraction, NaN,
    // an infinity or anything out of range. For numbers that must be counts or codes, where a clamped or
    // truncated value would be one the server never sent.
    std::optional<std::int64_t> toExactInteger() const;
    double toDouble() const;
    Json toJson() const;
    std::string toString() const;

    bool operator==(const Number &other) const = default;

private:
    std::variant<std::int64_t, double> m_value{std::int64_t{0}};
};

} // namespace rd
