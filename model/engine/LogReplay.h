#pragma once

#include "model/Json.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rd {

class Route;

// What a route did with logged requests, inferred: each log's metadata is traced through the route, the way
// that ends at the model the log says served it (TraceSearch), so a percentage split or a fallback is
// attributed by what really happened, not by a random draw. Cloudflare's logs name no route and no version,
// so this is the only way to put branch shares on the graph. A log no way through the route explains (another
// route's traffic to the same model, a direct call, an older version) is counted apart, never forced onto a path.
class LogReplay
{
public:
    // The part of a log the replay reads.
    struct Log
    {
        Json metadata = Json::object();
        std::string provider; // "unknown" (Cloudflare's word) when no model served the request
        std::string model;
        bool success = true;
        std::optional<double> costUsd;
        std::optional<double> durationMs;
        double tokensIn = 0;
        double tokensOut = 0;
    };

    // Figures of the logs a model card served in the replay.
    struct CardFigures
    {
        std::int64_t logs = 0;
        std::int64_t failed = 0;
        double costUsd = 0;
        std::int64_t costed = 0; // logs that carried a cost
        std::vector<double> durationsMs;

        // Nearest rank over the durations; nullopt without any.
        std::optional<double> percentileMs(double p) const;
    };

    struct Result
    {
        std::int64_t logs = 0;
        std::int64_t unserved = 0;    // logged as served by no model
        std::int64_t unexplained = 0; // served by a model no way through this route reaches with that metadata
        std::map<std::string, std::int64_t> entered;                       // element id -> logs that passed
        std::map<std::pair<std::string, std::string>, std::int64_t> wires; // (element, output) -> logs
        std::map<std::string, CardFigures> cards;                          // model element id -> figures
        std::map<std::string, std::vector<std::string>> cardsOfModel;      // "provider/model" -> element ids
        std::map<std::string, std::int64_t> unexplainedByModel;            // "provider/model" -> logs

        // The share of the explained logs (served or unserved, traced) that took a wire, 0..1.
        double wireShare(const std::string &element, const std::string &output) const;
        std::int64_t replayed() const { return logs - unexplained; }
    };

    static Result replay(const Route &route, const std::vector<Log> &logs);
    // The model elements of `route` by "provider/model", in route order: a model can sit on several cards.
    static std::map<std::string, std::vector<std::string>> cardsByModel(const Route &route);
};

} // namespace rd
