#pragma once

#include "model/Json.h"

#include <QTest>

#include <string>
#include <type_traits>

namespace rd::test {

// QCOMPARE cannot take an rd::Json (its conversion operator makes overload resolution reach types Qt only
// declares), and Qt 6.4's QCOMPARE wants both sides of one type. RD_COMPARE compares a Json with anything
// Json can hold, and other values of mixed types with ==, printing both sides on failure.
template<class A, class B>
bool compareValues(const A &actual, const B &expected, const char *actualText, const char *expectedText,
                   const char *file, int line)
{
    if constexpr (std::is_same_v<A, Json> || std::is_same_v<B, Json>) {
        const Json left(actual);
        const Json right(expected);
        const std::string message = std::string("Compared values are not the same\n   Actual   (") + actualText +
                                    "): " + left.dump() + "\n   Expected (" + expectedText + "): " + right.dump();
        return QTest::qVerify(left == right, actualText, message.c_str(), file, line);
    } else if constexpr (std::is_same_v<A, B>) {
        return QTest::qCompare(actual, expected, actualText, expectedText, file, line);
    } else {
        return QTest::qVerify(actual == expected, actualText, "Compared values are not the same", file, line);
    }
}

} // namespace rd::test

#define RD_COMPARE(actual, expected)                                                                                   \
    do {                                                                                                               \
        if (!rd::test::compareValues(actual, expected, #actual, #expected, __FILE__, __LINE__)) {                      \
            return;                                                                                                    \
        }                                                                                                              \
    } while (false)
