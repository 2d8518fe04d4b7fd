#include "app/RouteTraffic.h"

#include <algorithm>

namespace rd {

std::int64_t RouteTraffic::totalRequests() const
{
    std::int64_t total = unserved;
    for (const ModelCount &m : models) {
        total += m.requests;
    }
    return total;
}

const RouteTraffic::ModelCount *RouteTraffic::model(const std::string &key) const
{
    const auto it = std::find_if(models.begin(), models.end(), [&](const ModelCount &m) { return m.key == key; });
    return it == models.end() ? nullptr : &*it;
}

double RouteTraffic::cardRequests(const std::string &elementId, const std::string &modelKey, bool *inferred) const
{
    const ModelCount *count = model(modelKey);
    if (!count) {
        return 0;
    }
    const auto cards = replay.cardsOfModel.find(modelKey);
    const bool shared = cards != replay.cardsOfModel.end() && cards->second.size() > 1;
    if (inferred) {
        *inferred = shared;
    }
    if (!shared) {
        return static_cast<double>(count->requests);
    }
    std::int64_t here = 0;
    std::int64_t all = 0;
    for (const std::string &id : cards->second) {
        const auto it = replay.cards.find(id);
        const std::int64_t logs = it == replay.cards.end() ? 0 : it->second.logs;
        all += logs;
        if (id == elementId) {
            here = logs;
        }
    }
    if (all == 0) {
        // The sample saw none of it: an even split says nothing false about which card served.
        return static_cast<double>(count->requests) / static_cast<double>(cards->second.size());
    }
    return static_cast<double>(count->requests) * static_cast<double>(here) / static_cast<double>(all);
}

} // namespace rd
