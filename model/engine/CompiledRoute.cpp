#include "model/engine/CompiledRoute.h"

#include "model/Route.h"
#include "model/Share.h"

#include <algorithm>
#include <cmath>

namespace rd {

namespace {

double positiveOr(const std::optional<Number> &n, double fallback)
{
    if (!n) {
        return fallback;
    }
    const double v = n->toDouble();
    return std::isfinite(v) && v >= 0 ? v : fallback;
}

} // namespace

CompiledRoute::CompiledRoute(const Route &route) : m_route(route)
{
    const std::vector<Element> &elements = route.elements();
    m_nodes.reserve(elements.size());
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const Element &e = elements[i];
        Node node;
        node.type = e.type;
        node.firstSlot = static_cast<std::uint32_t>(m_slots.size());
        const auto addSlot = [&](std::string_view name) {
            Slot slot;
            slot.name = std::string(name);
            if (const Output *o = e.output(name); o && !o->target.empty()) {
                slot.targetId = o->target;
                const auto index = route.indexOf(o->target);
                slot.target = index ? static_cast<std::int32_t>(*index) : kMissingTarget;
            }
            m_slots.push_back(std::move(slot));
        };
        const auto ports = requiredOutputs(e.type);
        for (const std::string_view port : ports) {
            addSlot(port);
        }
        for (const Output &o : e.outputs) {
            if (std::find(ports.begin(), ports.end(), o.name) == ports.end()) {
                addSlot(o.name);
            }
        }
        node.slotCount = static_cast<std::uint32_t>(m_slots.size()) - node.firstSlot;

        switch (e.type) {
        case ElementType::Start:
            if (m_start < 0) {
                m_start = static_cast<std::int32_t>(i);
            }
            break;
        case ElementType::Conditional:
            node.detail = static_cast<std::uint32_t>(m_conditionals.size());
            m_conditionals.push_back({e.conditional.conditions ? &*e.conditional.conditions : nullptr});
            break;
        case ElementType::Percentage: {
            node.detail = static_cast<std::uint32_t>(m_percentages.size());
            Percentage p;
            for (std::uint32_t s = node.firstSlot; s < node.firstSlot + node.slotCount; ++s) {
                const auto share = Share::parseMillionths(m_slots[s].name);
                if (share && *share > 0 && *share <= Share::kWhole) {
                    p.total += *share;
                }
                p.upTo.push_back(p.total);
            }
            m_percentages.push_back(std::move(p));
            break;
        }
        case ElementType::Rate: {
            node.detail = static_cast<std::uint32_t>(m_rates.size());
            Rate r;
            r.key = FieldPath::parse(e.rate.key.value_or(std::string()));
            r.limit = positiveOr(e.rate.limit, r.limit);
            r.cost = e.rate.limitType == std::optional<std::string>("cost");
            r.windowSeconds = positiveOr(e.rate.window, 0);
            m_rates.push_back(std::move(r));
            break;
        }
        case ElementType::Model: {
            node.detail = static_cast<std::uint32_t>(m_models.size());
            Model m;
            m.provider = e.model.provider.value_or(std::string());
            m.model = e.model.model.value_or(std::string());
            const double retries = std::floor(positiveOr(e.model.retries, 0));
            m.attempts = static_cast<std::uint32_t>(std::min<double>(retries + 1, kMaxAttempts));
            m.timeoutMs = positiveOr(e.model.timeout, m.timeoutMs);
            const std::string key = m.provider + "/" + m.model;
            const auto known = std::find(m_modelKeys.begin(), m_modelKeys.end(), key);
            m.key = static_cast<std::uint32_t>(known - m_modelKeys.begin());
            if (known == m_modelKeys.end()) {
                m_modelKeys.push_back(key);
            }
            m_models.push_back(std::move(m));
            break;
        }
        case ElementType::End:
        case ElementType::Unknown:
            break;
        }
        m_nodes.push_back(node);
    }
}

} // namespace rd
