#pragma once

#include "model/engine/LogReplay.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace rd {

// What the logs say a route did over a time range: counts read exactly (one count call per figure), a bounded
// sample of full records replayed through the route for everything a count cannot give (branch shares, cost,
// latency). Cloudflare's logs name no route: every figure is of the route's models, whoever called them.
struct RouteTraffic
{
    struct ModelCount
    {
        std::string key; // "provider/model"
        std::string provider;
        std::string model;
        std::int64_t requests = 0;
        std::int64_t errors = 0; // logs of the model with success false
    };

    QDateTime from; // UTC
    QDateTime to;
    QString rangeText;              // "since version 3f2a… was deployed, Dec 4 14:02 CET"
    std::vector<ModelCount> models; // route order of first use
    std::int64_t unserved = 0;      // logged as `dynamic/<route>`: no model answered
    std::int64_t sampleMatched = 0; // logs the sample's filter selects
    std::int64_t sampleSize = 0;    // of which read
    LogReplay::Result replay;
    std::vector<LogReplay::Log> replayLogs; // the sample while it is read; emptied once replayed
    int calls = 0;

    std::int64_t totalRequests() const;
    const ModelCount *model(const std::string &key) const;
    // Requests on a model card. A model on several cards is split between them as the replay attributed the
    // sample: `inferred` says so.
    double cardRequests(const std::string &elementId, const std::string &modelKey, bool *inferred = nullptr) const;
};

} // namespace rd
