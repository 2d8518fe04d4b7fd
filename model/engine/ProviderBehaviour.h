#pragma once

#include <map>
#include <string>
#include <string_view>

namespace rd {

// How the providers behave in a simulation: the chance that one attempt fails and how long an attempt takes
// (lognormal, given by its median and 95th percentile). Set per provider ("openai") or per provider and model
// ("openai/gpt-4o-mini"); the model's setting wins over its provider's, which wins over the defaults.
class ProviderBehaviour
{
public:
    struct Latency
    {
        double p50Ms = 0;
        double p95Ms = 0;
        bool operator==(const Latency &) const = default;
    };

    // Chat completions of a few hundred tokens: a plausible middle, stated in --help, overridable.
    static constexpr Latency kDefaultLatency{600, 1800};

    // `key` is "provider" or "provider/model" (split at the first '/': model names contain '/').
    void setFailureRate(std::string key, double rate) { m_failure[std::move(key)] = rate; }
    void setLatency(std::string key, Latency latency) { m_latency[std::move(key)] = latency; }

    double failureRate(std::string_view provider, std::string_view model) const;
    // What was set, by key, for showing and saving settings.
    const std::map<std::string, double, std::less<>> &failureRates() const { return m_failure; }
    const std::map<std::string, Latency, std::less<>> &latencies() const { return m_latency; }
    Latency latency(std::string_view provider, std::string_view model) const;

private:
    template<class Map>
    static const typename Map::mapped_type *lookup(const Map &map, std::string_view provider, std::string_view model);

    std::map<std::string, double, std::less<>> m_failure;
    std::map<std::string, Latency, std::less<>> m_latency;
};

} // namespace rd
