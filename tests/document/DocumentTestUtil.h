#pragma once

#include "app/RouteDocument.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"

#include <QPointF>

#include <map>
#include <ostream>
#include <string>
#include <utility>

namespace rd::test {

inline std::string routeJson(const Route &route)
{
    return JsonText::format(RouteCodec::encodeRoute(route));
}

// Exact (not fuzzy) and ordered, so a mismatch prints readably.
inline std::map<std::string, std::pair<double, double>> exactPositions(const RouteDocument::Positions &positions)
{
    std::map<std::string, std::pair<double, double>> result;
    for (const auto &[id, pos] : positions) {
        result[id] = {pos.x(), pos.y()};
    }
    return result;
}

struct DocumentState
{
    std::string json;
    std::map<std::string, std::pair<double, double>> positions;

    bool operator==(const DocumentState &) const = default;
};

inline void PrintTo(const DocumentState &state, std::ostream *os)
{
    *os << state.json << "positions:";
    for (const auto &[id, pos] : state.positions) {
        *os << ' ' << id << '(' << pos.first << ',' << pos.second << ')';
    }
}

inline DocumentState stateOf(const RouteDocument &document)
{
    return {routeJson(document.route()), exactPositions(document.positions())};
}

} // namespace rd::test
