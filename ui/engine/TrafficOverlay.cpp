#include "ui/engine/TrafficOverlay.h"

#include "app/RouteTraffic.h"
#include "model/Route.h"
#include "ui/engine/EngineText.h"

#include <QLocale>

#include <cmath>

namespace rd {

QString TrafficOverlay::cost(double usd)
{
    if (usd <= 0) {
        return QStringLiteral("$0");
    }
    return QStringLiteral("$") + QLocale().toString(usd, 'f', usd >= 1 ? 2 : (usd >= 0.01 ? 3 : 5));
}

QString TrafficOverlay::duration(double ms)
{
    if (ms >= 1000) {
        return tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
    }
    return tr("%1 ms").arg(std::lround(ms));
}

QString TrafficOverlay::localTime(const QDateTime &utc)
{
    const QDateTime local = utc.toLocalTime();
    return QLocale().toString(local, QStringLiteral("MMM d, HH:mm")) + QLatin1Char(' ') + local.timeZoneAbbreviation();
}

double TrafficOverlay::estimatedCost(const RouteTraffic &traffic, const std::string &elementId, double requests)
{
    const auto it = traffic.replay.cards.find(elementId);
    if (it == traffic.replay.cards.end() || it->second.costed == 0) {
        return 0;
    }
    return it->second.costUsd / static_cast<double>(it->second.costed) * requests;
}

FlowOverlay TrafficOverlay::build(const RouteTraffic &traffic, const Route &route)
{
    FlowOverlay overlay;
    // Traffic is about every branch: nothing fades, the figures and wire widths carry the story.
    overlay.dimOthers = false;
    const double total = static_cast<double>(traffic.totalRequests());
    const std::int64_t replayed = traffic.replay.replayed();
    const auto inferredCount = [&](const std::string &id) -> double {
        const auto it = traffic.replay.entered.find(id);
        if (it == traffic.replay.entered.end() || replayed <= 0) {
            return 0;
        }
        return total * static_cast<double>(it->second) / static_cast<double>(replayed);
    };

    for (const Element &e : route.elements()) {
        FlowOverlay::Card &card = overlay.cards[e.id];
        if (e.type == ElementType::Start) {
            card.tag = total > 0 ? tr("%1 · %2 unserved")
                                       .arg(EngineText::count(static_cast<std::uint64_t>(total)),
                                            EngineText::percent(static_cast<double>(traffic.unserved) / total))
                                 : tr("no requests");
            card.lit = total > 0;
        } else if (e.type == ElementType::Model && e.model.provider && e.model.model) {
            const std::string key = *e.model.provider + '/' + *e.model.model;
            const RouteTraffic::ModelCount *count = traffic.model(key);
            bool inferred = false;
            const double requests = traffic.cardRequests(e.id, key, &inferred);
            QStringList parts;
            parts << (inferred ? QStringLiteral("≈ ") : QString()) +
                         EngineText::count(static_cast<std::uint64_t>(std::llround(requests)));
            // Errors only when there are some: on every card "0 % err" would be noise that hides the one that matters.
            if (count && count->errors > 0) {
                parts << tr("%1 err").arg(
                    EngineText::percent(static_cast<double>(count->errors) / static_cast<double>(count->requests)));
            }
            if (const double usd = estimatedCost(traffic, e.id, requests); usd > 0) {
                parts << cost(usd);
            }
            const auto figures = traffic.replay.cards.find(e.id);
            if (figures != traffic.replay.cards.end()) {
                if (const auto p95 = figures->second.percentileMs(0.95)) {
                    parts << tr("p95 %1").arg(duration(*p95));
                }
            }
            card.tag = requests > 0 ? parts.join(QStringLiteral(" · ")) : tr("no requests");
            card.lit = requests > 0;
        } else {
            const double requests = inferredCount(e.id);
            if (requests > 0) {
                card.tag = QStringLiteral("≈ ") + EngineText::count(static_cast<std::uint64_t>(std::llround(requests)));
                card.lit = true;
            }
        }
    }
    for (const auto &[wire, logs] : traffic.replay.wires) {
        FlowOverlay::Wire &w = overlay.wires[wire];
        w.share = traffic.replay.wireShare(wire.first, wire.second);
        w.label = EngineText::percent(w.share);
        w.lit = logs > 0;
    }
    return overlay;
}

} // namespace rd
