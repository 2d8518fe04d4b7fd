#include "model/engine/ConditionEvaluator.h"

#include "model/engine/FieldPath.h"
#include "model/engine/Pattern.h"
#include "model/engine/RequestContext.h"

#include <cmath>
#include <cstdint>
#include <optional>

namespace rd {

namespace {

// An unknown operator or a malformed operand is neither true nor false until the very end, so that
// `$not` cannot turn a clause the engine does not understand into a match.
enum class Truth { False, True, Invalid };

Truth truth(bool b)
{
    return b ? Truth::True : Truth::False;
}

Truth negate(Truth t)
{
    return t == Truth::Invalid ? t : truth(t == Truth::False);
}

// AND: one false decides; otherwise one invalid spoils it.
void andInto(Truth &acc, Truth t)
{
    if (acc == Truth::False || t == Truth::False) {
        acc = Truth::False;
    } else if (t == Truth::Invalid) {
        acc = Truth::Invalid;
    }
}

bool isOperatorObject(const Json &value)
{
    if (!value.is_object() || value.empty()) {
        return false;
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (it.key().empty() || it.key()[0] != '$') {
            return false;
        }
    }
    return true;
}

bool hasOperatorKey(const Json &value)
{
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (!it.key().empty() && it.key()[0] == '$') {
            return true;
        }
    }
    return false;
}

int compareNumbers(const Json &a, const Json &b)
{
    if (a.is_number_integer() && b.is_number_integer()) {
        // Signed against unsigned without overflow: a negative signed is below every unsigned.
        if (a.is_number_unsigned() != b.is_number_unsigned()) {
            const bool aNeg = !a.is_number_unsigned() && a.get<std::int64_t>() < 0;
            const bool bNeg = !b.is_number_unsigned() && b.get<std::int64_t>() < 0;
            if (aNeg || bNeg) {
                return aNeg && !bNeg ? -1 : (bNeg && !aNeg ? 1 : 0);
            }
            const auto x = a.get<std::uint64_t>();
            const auto y = b.get<std::uint64_t>();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        if (a.is_number_unsigned()) {
            const auto x = a.get<std::uint64_t>();
            const auto y = b.get<std::uint64_t>();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        const auto x = a.get<std::int64_t>();
        const auto y = b.get<std::int64_t>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    const double x = a.get<double>();
    const double y = b.get<double>();
    return x < y ? -1 : (x > y ? 1 : 0);
}

// nullopt when the two cannot be ordered (different kinds, or a NaN).
std::optional<int> order(const Json &a, const Json &b)
{
    if (a.is_number() && b.is_number()) {
        if ((a.is_number_float() && std::isnan(a.get<double>())) ||
            (b.is_number_float() && std::isnan(b.get<double>()))) {
            return std::nullopt;
        }
        return compareNumbers(a, b);
    }
    if (a.is_string() && b.is_string()) {
        const int c = a.get_ref<const std::string &>().compare(b.get_ref<const std::string &>());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return std::nullopt;
}

Truth regexMatch(const Json *field, const Json &pattern, const Json *options)
{
    if (!pattern.is_string() || (options && !options->is_string())) {
        return Truth::Invalid;
    }
    Pattern::Options flags;
    std::string error;
    if (options && !Pattern::parseOptions(options->get_ref<const std::string &>(), flags, error)) {
        return Truth::Invalid;
    }
    const std::optional<Pattern> compiled = Pattern::compile(pattern.get_ref<const std::string &>(), flags, error);
    if (!compiled) {
        return Truth::Invalid; // ConditionLint says why
    }
    if (!field || !field->is_string()) {
        return Truth::False;
    }
    const std::string_view text = field->get_ref<const std::string &>();
    return truth(compiled->search(text.substr(0, ConditionEvaluator::kRegexSubjectLimit)));
}

bool inList(const Json &field, const Json &list)
{
    for (const Json &item : list) {
        if (ConditionEvaluator::sameValue(field, item)) {
            return true;
        }
    }
    return false;
}

Truth evalOperators(const Json *field, const Json &ops, int depth);

Truth evalOperator(const Json *field, const std::string &op, const Json &value, const Json &ops, int depth)
{
    if (op == "$eq") {
        return truth(field && ConditionEvaluator::sameValue(*field, value));
    }
    if (op == "$ne") {
        return truth(!field || !ConditionEvaluator::sameValue(*field, value));
    }
    if (op == "$gt" || op == "$gte" || op == "$lt" || op == "$lte") {
        if (!field) {
            return Truth::False;
        }
        const auto c = order(*field, value);
        if (!c) {
            return Truth::False;
        }
        if (op == "$gt") {
            return truth(*c > 0);
        }
        if (op == "$gte") {
            return truth(*c >= 0);
        }
        return truth(op == "$lt" ? *c < 0 : *c <= 0);
    }
    if (op == "$in" || op == "$nin") {
        if (!value.is_array()) {
            return Truth::Invalid;
        }
        const bool found = field && inList(*field, value);
        return truth(op == "$in" ? found : !found);
    }
    if (op == "$exists") {
        return value.is_boolean() ? truth((field != nullptr) == value.get<bool>()) : Truth::Invalid;
    }
    if (op == "$regex") {
        const auto options = ops.find("$options");
        return regexMatch(field, value, options == ops.end() ? nullptr : &*options);
    }
    if (op == "$options") {
        // Read by $regex; alone it means nothing.
        return ops.contains("$regex") ? Truth::True : Truth::Invalid;
    }
    if (op == "$not") {
        return isOperatorObject(value) ? negate(evalOperators(field, value, depth + 1)) : Truth::Invalid;
    }
    return Truth::Invalid;
}

Truth evalOperators(const Json *field, const Json &ops, int depth)
{
    if (depth > ConditionEvaluator::kMaxDepth) {
        return Truth::Invalid;
    }
    Truth acc = Truth::True;
    for (auto it = ops.begin(); it != ops.end(); ++it) {
        andInto(acc, evalOperator(field, it.key(), it.value(), ops, depth));
    }
    return acc;
}

Truth evalField(const std::string &path, const Json &value, const RequestContext &ctx, int depth)
{
    const FieldPath fieldPath = FieldPath::parse(path);
    if (!fieldPath.isKnown()) {
        return Truth::Invalid;
    }
    const Json *field = fieldPath.resolve(ctx);
    if (isOperatorObject(value)) {
        return evalOperators(field, value, depth + 1);
    }
    if (value.is_object() && hasOperatorKey(value)) {
        return Truth::Invalid; // operators mixed with plain keys: neither a query nor a literal
    }
    return truth(field && ConditionEvaluator::sameValue(*field, value));
}

Truth evalFilter(const Json &filter, const RequestContext &ctx, int depth);

Truth evalClause(const std::string &key, const Json &value, const RequestContext &ctx, int depth)
{
    if (key == "$and" || key == "$or") {
        if (!value.is_array() || value.empty()) {
            return Truth::Invalid;
        }
        if (key == "$and") {
            Truth acc = Truth::True;
            for (const Json &f : value) {
                andInto(acc, evalFilter(f, ctx, depth + 1));
            }
            return acc;
        }
        Truth acc = Truth::False;
        for (const Json &f : value) {
            const Truth t = evalFilter(f, ctx, depth + 1);
            if (t == Truth::True) {
                return t;
            }
            if (t == Truth::Invalid) {
                acc = t;
            }
        }
        return acc;
    }
    if (key == "$not") {
        return negate(evalFilter(value, ctx, depth + 1));
    }
    if (!key.empty() && key[0] == '$') {
        return Truth::Invalid;
    }
    return evalField(key, value, ctx, depth);
}

Truth evalFilter(const Json &filter, const RequestContext &ctx, int depth)
{
    if (depth > ConditionEvaluator::kMaxDepth || !filter.is_object()) {
        return Truth::Invalid;
    }
    Truth acc = Truth::True;
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        andInto(acc, evalClause(it.key(), it.value(), ctx, depth));
    }
    return acc;
}

std::string shortJson(const Json &value)
{
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    constexpr std::size_t kMax = 60;
    if (text.size() > kMax) {
        text.resize(kMax - 3);
        text += "...";
    }
    return text;
}

std::string describeClause(const std::string &key, const Json &value, const RequestContext &ctx, Truth t)
{
    std::string text = key + ' ';
    if (isOperatorObject(value) && value.size() == 1) {
        text += value.begin().key() + ' ' + shortJson(value.begin().value());
    } else {
        text += shortJson(value);
    }
    text += t == Truth::True ? " is true" : (t == Truth::False ? " is false" : " is not understood, so false");
    if (!key.empty() && key[0] != '$') {
        const FieldPath path = FieldPath::parse(key);
        if (!path.isKnown()) {
            text += " (the path starts with no known namespace: metadata., headers. or body.)";
        } else if (const Json *field = path.resolve(ctx)) {
            text += " (value " + shortJson(*field) + ")";
        } else {
            text += " (field missing)";
        }
    }
    return text;
}

} // namespace

bool ConditionEvaluator::sameValue(const Json &a, const Json &b)
{
    if (a.is_number() && b.is_number()) {
        return order(a, b) == 0;
    }
    if (a.type() != b.type()) {
        return false;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!sameValue(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }
    if (a.is_object()) {
        if (a.size() != b.size()) {
            return false;
        }
        for (auto it = a.begin(); it != a.end(); ++it) {
            const auto other = b.find(it.key());
            if (other == b.end() || !sameValue(it.value(), *other)) {
                return false;
            }
        }
        return true;
    }
    return a == b;
}

bool ConditionEvaluator::matches(const Json &conditions, const RequestContext &ctx)
{
    return evalFilter(conditions, ctx, 0) == Truth::True;
}

std::string ConditionEvaluator::explain(const Json &conditions, const RequestContext &ctx)
{
    if (!conditions.is_object()) {
        return "the conditions are not a JSON object, so false";
    }
    if (conditions.empty()) {
        return "the conditions are empty, so every request matches";
    }
    std::string text;
    for (auto it = conditions.begin(); it != conditions.end(); ++it) {
        if (!text.empty()) {
            text += "; ";
        }
        text += describeClause(it.key(), it.value(), ctx, evalClause(it.key(), it.value(), ctx, 0));
    }
    return text;
}

} // namespace rd
