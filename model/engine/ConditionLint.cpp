#include "model/engine/ConditionLint.h"

#include "model/engine/ConditionEvaluator.h"
#include "model/engine/FieldPath.h"
#include "model/engine/Pattern.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace rd {

namespace {

constexpr std::array<std::string_view, 10> kFieldOperators{"$eq",  "$ne", "$gt",  "$gte",    "$lt",
                                                           "$lte", "$in", "$nin", "$exists", "$regex"};

bool isFieldOperator(std::string_view op)
{
    return std::find(kFieldOperators.begin(), kFieldOperators.end(), op) != kFieldOperators.end() || op == "$not" ||
           op == "$options";
}

class Walker
{
public:
    void filter(const Json &f, int depth, bool topLevel)
    {
        if (depth > ConditionEvaluator::kMaxDepth) {
            add("conditional.bad-operand",
                "conditions nested more than " + std::to_string(ConditionEvaluator::kMaxDepth) + " levels deep");
            return;
        }
        if (!f.is_object()) {
            add("conditional.bad-operand",
                "a clause of $and/$or/$not that is " + std::string(f.type_name()) + ", not an object");
            return;
        }
        if (f.size() > 1) {
            form(topLevel ? "several fields at the top level (an implicit AND)" : "several fields in one clause");
        }
        for (auto it = f.begin(); it != f.end(); ++it) {
            clause(it.key(), it.value(), depth);
        }
    }

    std::vector<ConditionLint::Note> notes;

private:
    void add(std::string code, std::string detail)
    {
        for (ConditionLint::Note &n : notes) {
            if (n.code == code) {
                return;
            }
        }
        notes.push_back({std::move(code), std::move(detail)});
    }
    void form(std::string what) { add("conditional.assumed-form", std::move(what)); }

    void clause(const std::string &key, const Json &value, int depth)
    {
        if (key == "$and" || key == "$or") {
            form(key);
            if (!value.is_array() || value.empty()) {
                add("conditional.bad-operand", key + " needs a non-empty list of conditions");
                return;
            }
            for (const Json &f : value) {
                filter(f, depth + 1, false);
            }
            return;
        }
        if (key == "$not") {
            form("$not around a condition");
            filter(value, depth + 1, false);
            return;
        }
        if (!key.empty() && key[0] == '$') {
            add("conditional.unknown-operator", key);
            return;
        }
        if (!FieldPath::parse(key).isKnown()) {
            add("conditional.unknown-namespace", key);
            return;
        }
        if (!value.is_object() || value.empty() || value.begin().key().empty() || value.begin().key()[0] != '$') {
            bool mixed = false;
            if (value.is_object()) {
                for (auto it = value.begin(); it != value.end(); ++it) {
                    mixed = mixed || (!it.key().empty() && it.key()[0] == '$');
                }
            }
            if (mixed) {
                add("conditional.bad-operand", key + " mixes operators with plain keys");
            } else {
                form("the shorthand {\"" + key + "\": value} for $eq");
            }
            return;
        }
        operators(key, value, depth);
    }

    void operators(const std::string &path, const Json &ops, int depth)
    {
        if (depth > ConditionEvaluator::kMaxDepth) {
            add("conditional.bad-operand",
                "conditions nested more than " + std::to_string(ConditionEvaluator::kMaxDepth) + " levels deep");
            return;
        }
        if (ops.size() > 1 && !(ops.size() == 2 && ops.contains("$regex") && ops.contains("$options"))) {
            form("several operators on " + path);
        }
        for (auto it = ops.begin(); it != ops.end(); ++it) {
            const std::string &op = it.key();
            const Json &v = it.value();
            if (op.empty() || op[0] != '$') {
                add("conditional.bad-operand", path + " mixes operators with plain keys");
                continue;
            }
            if (!isFieldOperator(op)) {
                add("conditional.unknown-operator", op);
                continue;
            }
            if (op != "$eq" && op != "$options") {
                add("conditional.assumed-operator", op);
            }
            if ((op == "$in" || op == "$nin") && !v.is_array()) {
                add("conditional.bad-operand", op + " on " + path + " needs a list, e.g. [\"free\", \"trial\"]");
            } else if (op == "$exists" && !v.is_boolean()) {
                add("conditional.bad-operand", "$exists on " + path + " needs true or false");
            } else if (op == "$options" && !ops.contains("$regex")) {
                add("conditional.bad-operand", "$options on " + path + " without $regex");
            } else if (op == "$regex") {
                const auto options = ops.find("$options");
                regex(path, v, options == ops.end() ? nullptr : &*options);
            } else if (op == "$not") {
                if (!v.is_object() || v.empty()) {
                    add("conditional.bad-operand", "$not on " + path + " needs operators, e.g. {\"$eq\": \"free\"}");
                } else {
                    operators(path, v, depth + 1);
                }
            }
        }
    }

    void regex(const std::string &path, const Json &pattern, const Json *options)
    {
        if (!pattern.is_string()) {
            add("conditional.bad-operand", "$regex on " + path + " needs a pattern string");
            return;
        }
        Pattern::Options flags;
        std::string error;
        if (options &&
            (!options->is_string() || !Pattern::parseOptions(options->get_ref<const std::string &>(), flags, error))) {
            add("conditional.bad-operand",
                "$options on " + path + ": " +
                    (error.empty() ? std::string("a string of letters, e.g. \"i\"") : error));
            return;
        }
        if (!Pattern::compile(pattern.get_ref<const std::string &>(), flags, error)) {
            add("conditional.bad-regex", "\"" + pattern.get<std::string>() + "\": " + error);
        }
    }
};

} // namespace

std::vector<ConditionLint::Note> ConditionLint::check(const Json &conditions)
{
    Walker w;
    if (conditions.is_object() && !conditions.empty()) {
        w.filter(conditions, 0, true);
    }
    return std::move(w.notes);
}

} // namespace rd
