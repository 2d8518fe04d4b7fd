#include "model/engine/RouteCallExample.h"

#include "model/Route.h"
#include "model/engine/ConditionEvaluator.h"
#include "model/engine/RequestContext.h"

#include <algorithm>

namespace rd {

namespace {

const std::string kPrefix = "metadata.";

bool isScalar(const Json &value)
{
    return value.is_string() || value.is_number() || value.is_boolean();
}

// A value that makes `{op: operand}` true, when one can be read off the operand; none for operators that
// exclude values ($ne, $nin) or that a literal cannot meet ($regex).
std::optional<Json> satisfying(const std::string &op, const Json &operand)
{
    if ((op == "$eq" || op == "$gte" || op == "$lte") && isScalar(operand)) {
        return operand;
    }
    if (op == "$in" && operand.is_array()) {
        for (const Json &member : operand) {
            if (isScalar(member)) {
                return member;
            }
        }
    }
    if (op == "$gt" && operand.is_number()) {
        return operand.is_number_integer() ? Json(operand.get<std::int64_t>() + 1) : Json(operand.get<double>() + 1);
    }
    if (op == "$lt" && operand.is_number()) {
        return operand.is_number_integer() ? Json(operand.get<std::int64_t>() - 1) : Json(operand.get<double>() - 1);
    }
    return std::nullopt;
}

struct Found
{
    std::string key;
    std::optional<Json> value;
};

void note(std::vector<Found> &found, const std::string &key, std::optional<Json> value)
{
    auto it = std::find_if(found.begin(), found.end(), [&](const Found &f) { return f.key == key; });
    if (it == found.end()) {
        found.push_back({key, std::move(value)});
    } else if (!it->value && value) {
        it->value = std::move(value);
    }
}

// Walks a filter as RouteFields does; values under $not are not taken (they are what the condition refuses).
void collect(const Json &filter, std::vector<Found> &found, int depth, bool negated)
{
    if (depth > ConditionEvaluator::kMaxDepth || !filter.is_object()) {
        return;
    }
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        const std::string &key = it.key();
        if (key == "$and" || key == "$or") {
            if (it.value().is_array()) {
                for (const Json &nested : it.value()) {
                    collect(nested, found, depth + 1, negated);
                }
            }
        } else if (key == "$not") {
            collect(it.value(), found, depth + 1, true);
        } else if (key.size() > kPrefix.size() && key.compare(0, kPrefix.size(), kPrefix) == 0) {
            std::optional<Json> value;
            if (!negated) {
                if (isScalar(it.value())) {
                    value = it.value();
                } else if (it.value().is_object()) {
                    for (auto op = it.value().begin(); op != it.value().end() && !value; ++op) {
                        value = satisfying(op.key(), op.value());
                    }
                }
            }
            note(found, key.substr(kPrefix.size()), std::move(value));
        }
    }
}

} // namespace

RouteCallExample RouteCallExample::make(const Route &route)
{
    // Conditions first: they decide the branches, so their keys are the ones worth a place among five.
    std::vector<Found> found;
    for (const Element &e : route.elements()) {
        if (e.type == ElementType::Conditional && e.conditional.conditions) {
            collect(*e.conditional.conditions, found, 0, false);
        }
    }
    for (const Element &e : route.elements()) {
        if (e.type == ElementType::Rate && e.rate.key && e.rate.key->size() > kPrefix.size() &&
            e.rate.key->compare(0, kPrefix.size(), kPrefix) == 0) {
            note(found, e.rate.key->substr(kPrefix.size()), std::nullopt);
        }
    }

    RouteCallExample example;
    for (Found &f : found) {
        if (example.metadata.size() >= RequestContext::kMaxMetadataEntries) {
            example.leftOut.push_back(f.key);
            continue;
        }
        // An invented value: distinct per caller is all a rate key needs, and any string will do elsewhere.
        example.metadata.emplace_back(f.key, f.value ? std::move(*f.value) : Json(f.key + "-1"));
    }

    RequestContext context;
    context.metadata = example.metadataObject();
    if (Decoded<TraceResult> traced = RouteTracer::trace(route, context, TraceOptions{}); traced) {
        example.trace = std::move(*traced.value);
    }
    return example;
}

Json RouteCallExample::metadataObject() const
{
    Json object = Json::object();
    for (const auto &[key, value] : metadata) {
        object[key] = value;
    }
    return object;
}

std::string RouteCallExample::pathText() const
{
    if (!trace) {
        return {};
    }
    std::string text;
    for (const TraceResult::Step &step : trace->path) {
        if (step.type == "start" || step.type == "end") {
            continue;
        }
        if (!text.empty()) {
            text += " \u2192 ";
        }
        text += step.element;
        if (step.output && step.type != "model") {
            text += " (" + *step.output + ")";
        }
    }
    if (trace->served) {
        text += (text.empty() ? "" : ": ") + trace->served->provider + '/' + trace->served->model;
    } else {
        text += (text.empty() ? "" : ": ") + std::string("no model serves it") +
                (trace->unservedReason ? " (" + *trace->unservedReason + ")" : std::string());
    }
    return text;
}

} // namespace rd
