#pragma once

#include "model/Json.h"
#include "model/JsonText.h"

#include <stdexcept>
#include <string>

namespace rd::test {

inline std::string fixturePath(const std::string &relative)
{
    return std::string(RD_FIXTURES_DIR) + "/" + relative;
}

// Fixtures are ours: failing to read one is a broken test tree, so it throws and fails the test loudly.
inline Json readFixture(const std::string &relative)
{
    auto parsed = JsonText::readFile(fixturePath(relative));
    if (!parsed) {
        throw std::runtime_error("fixture " + relative + ": " + parsed.error->toString());
    }
    return *parsed.value;
}

// Structural equality regardless of key order.
inline bool sameJson(const Json &a, const Json &b)
{
    return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

} // namespace rd::test
