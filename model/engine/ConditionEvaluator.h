#pragma once

#include "model/Json.h"

#include <string>
#include <string_view>

namespace rd {

struct RequestContext;

// Decides a conditional's `conditions` for one request. The filter is MongoDB-like: `{path: {op: value}}`,
// several paths at once (AND), `{path: value}` for $eq, and $eq $ne $gt $gte $lt $lte $in $nin $exists $regex
// $and $or $not ($regex in the syntax Pattern takes). Cloudflare documents only `{path: {"$eq": value}}`; the rest
// follows MongoDB and is flagged by ConditionLint. No type coercion ("3" is not 3, 3 is 3.0); $gt and kin compare a
// number with a number or a string with a string (byte order), anything else is false. A missing field matches only
// $ne, $nin, $not and `$exists: false`. An unknown namespace, an unknown operator or a malformed operand makes its
// clause false, whatever surrounds it.
class ConditionEvaluator
{
public:
    // $regex looks at the first 64 KiB of a string: the matcher is linear, but a pattern of thousands of steps
    // over a megabyte of prompt would still take seconds.
    static constexpr std::size_t kRegexSubjectLimit = 64 * 1024;
    // Deeper nesting of $and/$or/$not is false rather than a deep recursion.
    static constexpr int kMaxDepth = 64;

    static bool matches(const Json &conditions, const RequestContext &ctx);
    // Why `conditions` came out as they did for `ctx`, for a trace: each top-level clause, its outcome and the
    // value it saw, e.g. `metadata.plan $eq "free" is false (value "pro")`.
    static std::string explain(const Json &conditions, const RequestContext &ctx);

    // Value equality as the operators use it: numbers by value across integer and real, objects regardless
    // of key order, no coercion between types.
    static bool sameValue(const Json &a, const Json &b);
};

} // namespace rd
