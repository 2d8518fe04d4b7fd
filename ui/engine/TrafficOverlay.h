#pragma once

#include "widgets/canvas/FlowOverlay.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace rd {

class Route;
struct RouteTraffic;

// How a route's logged traffic reads on the canvas: measured figures on the model cards (requests, error rate,
// cost, p95), the total on `start`, and inferred ones, marked "≈", where only the replay can tell (requests at
// conditions, splits and limits; each wire's share).
class TrafficOverlay
{
    Q_DECLARE_TR_FUNCTIONS(rd::TrafficOverlay)

public:
    static FlowOverlay build(const RouteTraffic &traffic, const Route &route);
    // "$0.42", "$12.30", "$0.0031": a total over many requests.
    static QString cost(double usd);
    // "820 ms", "1.4 s".
    static QString duration(double ms);
    // "Dec 4, 14:02 CET": local time with the zone named.
    static QString localTime(const QDateTime &utc);
    // The card-level estimate of a model element's cost: the sample's mean cost times its requests.
    static double estimatedCost(const RouteTraffic &traffic, const std::string &elementId, double requests);
};

} // namespace rd
