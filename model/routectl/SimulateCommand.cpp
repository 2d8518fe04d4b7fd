#include "model/routectl/SimulateCommand.h"

#include "model/engine/TrafficSimulator.h"
#include "model/routectl/EngineInput.h"
#include "model/routectl/RouteCtl.h"

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <ostream>

namespace rd::routectl {

namespace {

std::string str(const std::string &s)
{
    return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Six decimals, fixed: the figure a script compares must not wobble in its 17th digit.
std::string usd(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

template<class Pairs, class Write> void writeMap(std::ostream &out, const Pairs &pairs, Write write)
{
    out << '{';
    bool first = true;
    for (const auto &pair : pairs) {
        out << (first ? "" : ", ");
        first = false;
        write(pair);
    }
    out << '}';
}

// By hand rather than through nlohmann: the key order is the route's and the cost has exactly six decimals,
// so the same run prints the same bytes.
void printJson(const SimulationReport &r, std::ostream &out)
{
    out << "{\n  \"seed\": " << r.seed << ",\n  \"requests\": " << r.requests << ",\n  \"elements\": {";
    for (std::size_t i = 0; i < r.elements.size(); ++i) {
        const auto &e = r.elements[i];
        out << (i == 0 ? "\n" : ",\n") << "    " << str(e.id) << ": {\"type\": " << str(e.type)
            << ", \"entered\": " << e.entered << ", \"outputs\": ";
        writeMap(out, e.outputs, [&](const auto &o) { out << str(o.first) << ": " << o.second; });
        out << '}';
    }
    out << (r.elements.empty() ? "},\n" : "\n  },\n") << "  \"served\": ";
    writeMap(out, r.models, [&](const auto &m) { out << str(m.key) << ": " << m.served; });
    out << ",\n  \"models\": {";
    for (std::size_t i = 0; i < r.models.size(); ++i) {
        const auto &m = r.models[i];
        out << (i == 0 ? "\n" : ",\n") << "    " << str(m.key) << ": {\"attempts\": " << m.attempts
            << ", \"failures\": " << m.failures << ", \"served\": " << m.served << '}';
    }
    out << (r.models.empty() ? "},\n" : "\n  },\n") << "  \"unserved\": " << r.unserved
        << ",\n  \"unserved_reasons\": ";
    writeMap(out, r.unservedReasons, [&](const auto &u) { out << str(u.first) << ": " << u.second; });
    out << ",\n  \"fallbacks\": " << r.fallbacks << ",\n  \"rate_limited\": " << r.rateLimited
        << ",\n  \"cost_usd\": " << usd(r.costUsd) << ",\n  \"unpriced\": " << r.unpriced
        << ",\n  \"latency_ms\": {\"p50\": " << r.latencyP50Ms << ", \"p95\": " << r.latencyP95Ms << "}\n}\n";
}

void printText(const SimulationReport &r, const std::string &pricesDate, std::ostream &out)
{
    out << "simulated " << r.requests << (r.requests == 1 ? " request" : " requests") << ", seed " << r.seed << "\n\n";
    std::size_t idWidth = 7;
    std::size_t typeWidth = 4;
    for (const auto &e : r.elements) {
        idWidth = std::max(idWidth, e.id.size());
        typeWidth = std::max(typeWidth, e.type.size());
    }
    out << std::left << std::setw(static_cast<int>(idWidth)) << "element"
        << "  " << std::setw(static_cast<int>(typeWidth)) << "type"
        << "  " << std::right << std::setw(10) << "entered"
        << "  outputs\n";
    for (const auto &e : r.elements) {
        out << std::left << std::setw(static_cast<int>(idWidth)) << e.id << "  "
            << std::setw(static_cast<int>(typeWidth)) << e.type << "  " << std::right << std::setw(10) << e.entered
            << "  ";
        for (std::size_t k = 0; k < e.outputs.size(); ++k) {
            out << (k == 0 ? "" : ", ") << e.outputs[k].first << ' ' << e.outputs[k].second;
        }
        out << '\n';
    }
    if (!r.models.empty()) {
        std::size_t keyWidth = 5;
        for (const auto &m : r.models) {
            keyWidth = std::max(keyWidth, m.key.size());
        }
        out << '\n'
            << std::left << std::setw(static_cast<int>(keyWidth)) << "model" << std::right << std::setw(10)
            << "attempts" << std::setw(10) << "failures" << std::setw(10) << "served" << '\n';
        for (const auto &m : r.models) {
            out << std::left << std::setw(static_cast<int>(keyWidth)) << m.key << std::right << std::setw(10)
                << m.attempts << std::setw(10) << m.failures << std::setw(10) << m.served << '\n';
        }
    }
    out << std::left << "\nserved " << r.requests - r.unserved << ", unserved " << r.unserved << '\n';
    for (const auto &[reason, count] : r.unservedReasons) {
        out << "  " << count << "  " << reason << '\n';
    }
    out << "fallbacks " << r.fallbacks << ", rate limited " << r.rateLimited << '\n';
    out << "cost $" << usd(r.costUsd) << " (prices of " << pricesDate << "; " << r.unpriced
        << (r.unpriced == 1 ? " request" : " requests") << " answered by unpriced models not counted)\n";
    out << "latency p50 " << r.latencyP50Ms << " ms, p95 " << r.latencyP95Ms << " ms\n";
}

} // namespace

int simulateCommand(const EngineArguments &args, std::istream &in, std::ostream &out, std::ostream &err)
{
    EngineInput input;
    if (const auto stop = input.loadRoute(args, in, err)) {
        return *stop;
    }
    if (const auto stop = input.loadMix(args, err)) {
        return *stop;
    }
    if (const auto stop = input.loadPrices(args, err)) {
        return *stop;
    }
    SimulationOptions options;
    options.requests = args.requests;
    options.seed = args.seed;
    options.mix = std::move(input.mix);
    options.requestsPerSecond = args.requestsPerSecond;
    options.prices = input.prices;
    for (const auto &[key, rate] : args.fail) {
        options.behaviour.setFailureRate(key, rate);
    }
    for (const auto &[key, latency] : args.latency) {
        options.behaviour.setLatency(key, latency);
    }
    const SimulationReport report = TrafficSimulator::run(input.route, options);
    if (args.json) {
        printJson(report, out);
    } else {
        printText(report, input.prices.date(), out);
    }
    return kExitOk;
}

} // namespace rd::routectl
