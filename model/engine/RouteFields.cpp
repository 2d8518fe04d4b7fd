#include "model/engine/RouteFields.h"

#include "model/Route.h"
#include "model/engine/ConditionEvaluator.h"

#include <algorithm>
#include <set>

namespace rd {

namespace {

// Keys not starting with '$' are field paths; the logical operators hold nested filters. Bounded like the
// evaluator, so a hostile file cannot recurse without end.
void collect(const Json &filter, std::set<std::string> &out, int depth)
{
    if (depth > ConditionEvaluator::kMaxDepth || !filter.is_object()) {
        return;
    }
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        const std::string &key = it.key();
        if (key == "$and" || key == "$or") {
            if (it.value().is_array()) {
                for (const Json &nested : it.value()) {
                    collect(nested, out, depth + 1);
                }
            }
        } else if (key == "$not") {
            collect(it.value(), out, depth + 1);
        } else if (!key.empty() && key[0] != '$') {
            out.insert(key);
        }
    }
}

} // namespace

std::vector<std::string> RouteFields::paths(const Route &route)
{
    std::set<std::string> found;
    for (const Element &e : route.elements()) {
        if (e.type == ElementType::Conditional && e.conditional.conditions) {
            collect(*e.conditional.conditions, found, 0);
        } else if (e.type == ElementType::Rate && e.rate.key && !e.rate.key->empty()) {
            found.insert(*e.rate.key);
        }
    }
    return {found.begin(), found.end()};
}

std::vector<std::string> RouteFields::metadataKeys(const Route &route)
{
    static const std::string kPrefix = "metadata.";
    std::vector<std::string> keys;
    for (const std::string &path : paths(route)) {
        if (path.size() > kPrefix.size() && path.compare(0, kPrefix.size(), kPrefix) == 0) {
            keys.push_back(path.substr(kPrefix.size()));
        }
    }
    return keys;
}

std::vector<std::string> RouteFields::modelKeys(const Route &route)
{
    std::set<std::string> found;
    for (const Element &e : route.elements()) {
        if (e.type == ElementType::Model && e.model.provider && e.model.model && !e.model.provider->empty() &&
            !e.model.model->empty()) {
            found.insert(*e.model.provider + '/' + *e.model.model);
        }
    }
    return {found.begin(), found.end()};
}

} // namespace rd
