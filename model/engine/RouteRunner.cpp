#include "model/engine/RouteRunner.h"

#include "model/Route.h"
#include "model/Share.h"
#include "model/engine/ConditionEvaluator.h"
#include "model/engine/RequestContext.h"

#include <cmath>
#include <cstdio>

namespace rd {

namespace {

// The bucket of requests whose key field is missing: one shared bucket, as the semantics say.
const std::string kMissingKey("\x01missing", 8);

std::string number(double v)
{
    char buf[64];
    if (std::floor(v) == v && std::fabs(v) < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
    } else {
        std::snprintf(buf, sizeof buf, "%.6f", v);
        std::string s(buf);
        while (!s.empty() && s.back() == '0') {
            s.pop_back();
        }
        return s;
    }
    return buf;
}

std::string usd(double v)
{
    return "$" + number(v);
}

std::string quoted(const std::string &s)
{
    return "\"" + s + "\"";
}

} // namespace

RouteRunner::RouteRunner(const CompiledRoute &route, const ProviderBehaviour &behaviour, const PriceTable &prices)
    : m_route(route), m_bucketIds(route.rates().size()), m_entered(route.nodes().size()),
      m_taken(route.outputSlots().size()), m_attempts(route.models().size()), m_failures(route.models().size()),
      m_served(route.models().size())
{
    std::vector<ProviderBehaviour::Latency> seen;
    for (const CompiledRoute::Model &m : route.models()) {
        ModelRuntime rt;
        const double rate = behaviour.failureRate(m.provider, m.model);
        rt.alwaysFails = rate >= 1;
        // rate * 2^64, exact for the rates a person types; below 1 it fits an uint64.
        rt.failBelow = rate > 0 && rate < 1 ? static_cast<std::uint64_t>(std::ldexp(rate, 64)) : 0;
        const ProviderBehaviour::Latency latency = behaviour.latency(m.provider, m.model);
        std::size_t k = 0;
        while (k < seen.size() && !(seen[k] == latency)) {
            ++k;
        }
        if (k == seen.size()) {
            seen.push_back(latency);
            m_latencies.emplace_back(latency);
        }
        rt.latency = static_cast<std::uint32_t>(k);
        m_modelRuntime.push_back(rt);
        m_prices.push_back(prices.find(m.provider, m.model));
    }
}

PreparedContext RouteRunner::prepare(const RequestContext &context)
{
    PreparedContext p;
    p.context = &context;
    p.conditionTrue.reserve(m_route.conditionals().size());
    for (const CompiledRoute::Conditional &c : m_route.conditionals()) {
        p.conditionTrue.push_back(c.conditions && ConditionEvaluator::matches(*c.conditions, context) ? 1 : 0);
    }
    p.bucket.reserve(m_route.rates().size());
    for (std::size_t r = 0; r < m_route.rates().size(); ++r) {
        const Json *value = m_route.rates()[r].key.resolve(context);
        // dump() keeps types apart: "3" and 3 are different users.
        std::string key = value ? value->dump(-1, ' ', false, Json::error_handler_t::replace) : kMissingKey;
        const auto [it, added] =
            m_bucketIds[r].try_emplace(std::move(key), static_cast<std::uint32_t>(m_buckets.size()));
        if (added) {
            m_buckets.emplace_back();
        }
        p.bucket.push_back(it->second);
    }
    p.modelCost.reserve(m_prices.size());
    for (const auto &price : m_prices) {
        p.modelCost.push_back(
            price ? (context.tokensIn * price->inputPerMillion + context.tokensOut * price->outputPerMillion) / 1e6
                  : std::numeric_limits<double>::quiet_NaN());
    }
    return p;
}

void RouteRunner::setRateUsed(std::uint32_t rateIndex, const PreparedContext &context, double used)
{
    Bucket &b = m_buckets[context.bucket[rateIndex]];
    b.window = 0;
    b.used = used;
}

RunOutcome RouteRunner::run(const PreparedContext &ctx, SplitMix64 &rng, double timeSeconds,
                            std::vector<TraceStep> *trace)
{
    RunOutcome out;
    const auto &nodes = m_route.nodes();
    const auto &outSlots = m_route.outputSlots();
    m_chargeLater.clear();
    bool rateHeldBack = false;
    std::int32_t lastFailed = -1;
    std::int32_t lastRateFallback = -1;
    std::int64_t current = m_route.start();
    if (current < 0) {
        out.unserved = Unserved::NoStart;
        return out;
    }
    const std::size_t maxSteps = nodes.size();
    std::size_t steps = 0;
    while (true) {
        if (++steps > maxSteps) {
            out.unserved = Unserved::Loop;
            out.unservedAt = static_cast<std::int32_t>(current);
            break;
        }
        const auto n = static_cast<std::uint32_t>(current);
        const CompiledRoute::Node &node = nodes[n];
        ++m_entered[n];
        std::uint32_t slot = node.firstSlot; // the output taken, relative to the first slot below
        std::string reason;
        switch (node.type) {
        case ElementType::Start:
            if (trace) {
                reason = "the request enters the route";
            }
            break;
        case ElementType::Conditional: {
            const bool yes = ctx.conditionTrue[node.detail] != 0;
            slot += yes ? 0 : 1;
            if (trace) {
                const Json *conditions = m_route.conditionals()[node.detail].conditions;
                reason = conditions ? ConditionEvaluator::explain(*conditions, *ctx.context)
                                    : std::string("no conditions are written, so false");
            }
            break;
        }
        case ElementType::Percentage: {
            const CompiledRoute::Percentage &p = m_route.percentages()[node.detail];
            if (p.total <= 0) {
                out.unserved = Unserved::NoShare;
                out.unservedAt = static_cast<std::int32_t>(n);
                if (trace) {
                    trace->push_back({n, -1, "no valid share to draw from"});
                }
                break;
            }
            const auto draw = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(p.total)));
            std::uint32_t k = 0;
            while (p.upTo[k] <= draw) {
                ++k;
            }
            slot += k;
            if (trace) {
                const std::int64_t from = k == 0 ? 0 : p.upTo[k - 1];
                reason = "drew " + Share::format(draw) + " of " + Share::format(p.total) + "; \"" +
                         outSlots[slot].name + "\" takes [" + Share::format(from) + ", " + Share::format(p.upTo[k]) +
                         ")";
            }
            break;
        }
        case ElementType::Rate: {
            const CompiledRoute::Rate &r = m_route.rates()[node.detail];
            Bucket &b = m_buckets[ctx.bucket[node.detail]];
            const auto window = r.windowSeconds > 0
                                    ? static_cast<std::int64_t>(std::floor(timeSeconds / r.windowSeconds))
                                    : std::int64_t{0};
            if (b.window != window) {
                b.window = window;
                b.used = 0;
            }
            const bool pass = b.used < r.limit;
            if (trace) {
                const Json *value = r.key.resolve(*ctx.context);
                reason =
                    r.key.text().empty()
                        ? std::string("no key, one bucket for all")
                        : r.key.text() + (value ? " = " + value->dump(-1, ' ', false, Json::error_handler_t::replace)
                                                : std::string(" missing (one shared bucket)"));
                reason += ": " + (r.cost ? usd(b.used) : number(b.used)) + " of " +
                          (r.cost ? usd(r.limit) : number(r.limit)) + (r.cost ? " spent" : " requests used") +
                          " in this window" + (pass ? "" : ", so it is held back");
            }
            if (pass) {
                if (r.cost) {
                    m_chargeLater.push_back(ctx.bucket[node.detail]);
                } else {
                    b.used += 1;
                }
            } else {
                slot += 1;
                rateHeldBack = true;
                lastRateFallback = static_cast<std::int32_t>(n);
            }
            break;
        }
        case ElementType::Model: {
            const CompiledRoute::Model &m = m_route.models()[node.detail];
            const ModelRuntime &rt = m_modelRuntime[node.detail];
            const LatencyDistribution &latency = m_latencies[rt.latency];
            bool ok = false;
            std::uint32_t attempt = 0;
            std::uint32_t timedOut = 0;
            while (attempt < m.attempts && !ok) {
                ++attempt;
                // Two draws per attempt whatever happens, so that changing a failure rate moves no other draw.
                const bool failed = rt.alwaysFails || rng.next() < rt.failBelow;
                const double ms = latency.sample(rng.next());
                if (ms > m.timeoutMs) {
                    out.latencyMs += m.timeoutMs;
                    ++timedOut;
                } else {
                    out.latencyMs += ms;
                    ok = !failed;
                }
            }
            m_attempts[node.detail] += attempt;
            m_failures[node.detail] += ok ? attempt - 1 : attempt;
            if (ok) {
                out.servedBy = static_cast<std::int32_t>(node.detail);
                const double cost = ctx.modelCost[node.detail];
                if (std::isnan(cost)) {
                    out.unpriced = true;
                } else {
                    out.costUsd += cost;
                }
            } else {
                slot += 1;
                lastFailed = static_cast<std::int32_t>(n);
            }
            if (trace) {
                const std::string name = m.provider + "/" + m.model;
                const std::string failures = timedOut == 0 ? std::string()
                                                           : " (" + std::to_string(timedOut) + " timed out after " +
                                                                 number(m.timeoutMs) + " ms)";
                reason = ok ? name + " answered on attempt " + std::to_string(attempt) + " of " +
                                  std::to_string(m.attempts) + failures
                            : name +
                                  (attempt == 1 ? " failed its only attempt"
                                                : " failed all " + std::to_string(attempt) + " attempts") +
                                  failures;
            }
            break;
        }
        case ElementType::End:
            if (out.servedBy >= 0) {
                ++m_served[static_cast<std::size_t>(out.servedBy)];
                for (const std::uint32_t b : m_chargeLater) {
                    m_buckets[b].used += out.costUsd;
                }
            } else if (lastFailed >= 0) {
                out.unserved = Unserved::AllFailed;
                out.unservedAt = lastFailed;
            } else if (rateHeldBack) {
                out.unserved = Unserved::RateLimited;
                out.unservedAt = lastRateFallback;
            } else {
                out.unserved = Unserved::NoModel;
            }
            if (trace) {
                trace->push_back(
                    {n, -1,
                     out.servedBy >= 0
                         ? "returns the answer of " +
                               m_route.modelKeys()[m_route.models()[static_cast<std::size_t>(out.servedBy)].key]
                         : "returns an error: " + unservedReason(out)});
            }
            return out;
        case ElementType::Unknown:
            out.unserved = Unserved::UnknownType;
            out.unservedAt = static_cast<std::int32_t>(n);
            if (trace) {
                trace->push_back({n, -1, unservedReason(out)});
            }
            break;
        }
        // The walk stopped short of end: whatever answered on the way, the client gets an error.
        if (out.unserved != Unserved::None) {
            break;
        }
        if (slot >= node.firstSlot + node.slotCount) {
            // A fixed port always has a slot; only a malformed element gets here. Treat as a dead end.
            out.unserved = Unserved::DeadEnd;
            out.unservedAt = -1;
            break;
        }
        ++m_taken[slot];
        if (trace) {
            trace->push_back({n, static_cast<std::int32_t>(slot - node.firstSlot), std::move(reason)});
        }
        const std::int32_t target = outSlots[slot].target;
        if (target < 0) {
            out.unserved = Unserved::DeadEnd;
            out.unservedAt = static_cast<std::int32_t>(slot);
            break;
        }
        current = target;
    }
    if (out.unserved != Unserved::None) {
        out.servedBy = -1;
    }
    return out;
}

std::string RouteRunner::unservedReason(const RunOutcome &outcome) const
{
    const auto id = [this](std::int32_t node) {
        return node >= 0 ? m_route.route().elements()[static_cast<std::size_t>(node)].id : std::string("?");
    };
    switch (outcome.unserved) {
    case Unserved::None:
        return {};
    case Unserved::NoStart:
        return "the route has no start element";
    case Unserved::NoModel:
        return "no model on the path";
    case Unserved::AllFailed:
        return "every model failed (last: " + id(outcome.unservedAt) + ")";
    case Unserved::RateLimited:
        return "rate-limited by " + id(outcome.unservedAt);
    case Unserved::DeadEnd: {
        if (outcome.unservedAt < 0) {
            return "an element has no output to take";
        }
        const auto slot = static_cast<std::uint32_t>(outcome.unservedAt);
        std::uint32_t node = 0;
        while (node + 1 < m_route.nodes().size() && m_route.nodes()[node + 1].firstSlot <= slot) {
            ++node;
        }
        const CompiledRoute::Slot &s = m_route.outputSlots()[slot];
        return "output " + quoted(s.name) + " of " + id(static_cast<std::int32_t>(node)) +
               (s.targetId.empty() ? " leads nowhere" : " leads to " + quoted(s.targetId) + ", which does not exist");
    }
    case Unserved::Loop:
        return "more steps than the route has elements (a cycle)";
    case Unserved::UnknownType:
        return id(outcome.unservedAt) + " has a type the engine does not know";
    case Unserved::NoShare:
        return id(outcome.unservedAt) + " has no valid share to draw";
    }
    return {};
}

} // namespace rd
