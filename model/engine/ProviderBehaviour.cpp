#include "model/engine/ProviderBehaviour.h"

namespace rd {

template<class Map>
const typename Map::mapped_type *ProviderBehaviour::lookup(const Map &map, std::string_view provider,
                                                           std::string_view model)
{
    if (map.empty()) {
        return nullptr;
    }
    std::string key;
    key.reserve(provider.size() + model.size() + 1);
    key.append(provider).append("/").append(model);
    if (const auto it = map.find(key); it != map.end()) {
        return &it->second;
    }
    if (const auto it = map.find(provider); it != map.end()) {
        return &it->second;
    }
    return nullptr;
}

double ProviderBehaviour::failureRate(std::string_view provider, std::string_view model) const
{
    const double *rate = lookup(m_failure, provider, model);
    return rate ? *rate : 0.0;
}

ProviderBehaviour::Latency ProviderBehaviour::latency(std::string_view provider, std::string_view model) const
{
    const Latency *latency = lookup(m_latency, provider, model);
    return latency ? *latency : kDefaultLatency;
}

} // namespace rd
