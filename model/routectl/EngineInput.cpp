#include "model/routectl/EngineInput.h"

#include "model/JsonText.h"
#include "model/Validator.h"
#include "model/engine/RequestMix.h"
#include "model/routectl/RouteCtl.h"
#include "model/routectl/RouteFileReader.h"

#include <cmath>
#include <fstream>
#include <ostream>

namespace rd::routectl {

std::optional<int> EngineInput::loadRoute(const EngineArguments &args, std::istream &in, std::ostream &err)
{
    const std::string name = RouteFileReader::displayName(args.file);
    Decoded<RouteFileContent> doc = RouteFileReader::load(args.file, in);
    for (const DecodeIssue &w : doc.warnings) {
        err << name << ": warning " << (w.path.empty() ? "-" : w.path) << ": " << w.message << '\n';
    }
    if (!doc) {
        err << name << ": error: " << doc.error->toString() << '\n';
        return kExitBadInput;
    }
    std::vector<Route> &routes = doc.value->routes;
    const auto listNames = [&] {
        for (std::size_t i = 0; i < routes.size(); ++i) {
            err << "  " << RouteFileReader::routeLabel(routes[i], i) << '\n';
        }
    };
    std::optional<std::size_t> chosen;
    if (args.route) {
        for (std::size_t i = 0; i < routes.size() && !chosen; ++i) {
            if (routes[i].name() == *args.route || routes[i].id() == *args.route ||
                RouteFileReader::routeLabel(routes[i], i) == *args.route) {
                chosen = i;
            }
        }
        if (!chosen) {
            err << name << ": error: no route named \"" << *args.route << "\"; the file holds:\n";
            listNames();
            return kExitBadInput;
        }
    } else if (routes.size() == 1) {
        chosen = 0;
    } else if (routes.empty()) {
        err << name << ": error: the file holds no route\n";
        return kExitBadInput;
    } else {
        err << name << ": error: the file holds " << routes.size() << " routes; choose one with --route NAME:\n";
        listNames();
        return kExitBadInput;
    }
    route = std::move(routes[*chosen]);
    bool errors = false;
    for (const Finding &f : Validator::validate(route)) {
        errors = errors || f.severity == Severity::Error;
        err << name << ": " << severityName(f.severity) << ' ' << f.code << ' '
            << (f.elementId.empty() ? "-"
                : f.output.empty()  ? f.elementId
                                    : f.elementId + "." + f.output)
            << ": " << f.message << '\n';
    }
    if (errors) {
        err << name << ": the route has validation errors; fix them before tracing or simulating it\n";
        return kExitFindings;
    }
    return std::nullopt;
}

bool EngineInput::applyMetadata(const EngineArguments &args, RequestContext &ctx, const std::string &where,
                                std::ostream &err)
{
    for (const auto &[key, value] : args.metadata) {
        ctx.metadata[key] = value;
    }
    const std::string problem = ctx.metadataProblem();
    if (!problem.empty()) {
        err << "routectl: " << where << ": " << problem << '\n';
        return false;
    }
    return true;
}

std::optional<int> EngineInput::loadContext(const EngineArguments &args, std::ostream &err)
{
    if (args.context) {
        Decoded<RequestContext> ctx = RequestContext::fromJson(*args.context);
        if (!ctx) {
            err << "routectl: --context: " << ctx.error->toString() << '\n';
            return kExitBadInput;
        }
        context = std::move(*ctx.value);
    }
    if (!applyMetadata(args, context, args.context ? "--context" : "--metadata", err)) {
        return kExitBadInput;
    }
    return std::nullopt;
}

std::optional<int> EngineInput::loadMix(const EngineArguments &args, std::ostream &err)
{
    if (!args.mixFile) {
        if (const auto stop = loadContext(args, err)) {
            return stop;
        }
        mix.push_back({context, 1});
        return std::nullopt;
    }
    std::ifstream file(*args.mixFile, std::ios::binary);
    if (!file) {
        err << "routectl: --mix " << *args.mixFile << ": cannot open the file\n";
        return kExitBadInput;
    }
    std::string line;
    std::size_t number = 0;
    double total = 0;
    while (std::getline(file, line)) {
        ++number;
        const std::string where = *args.mixFile + " line " + std::to_string(number);
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        Decoded<WeightedContext> parsed = RequestMix::parseLine(line);
        if (!parsed) {
            err << "routectl: " << where << ": " << parsed.error->toString() << '\n';
            return kExitBadInput;
        }
        WeightedContext wc = std::move(*parsed.value);
        if (!applyMetadata(args, wc.context, where, err)) {
            return kExitBadInput;
        }
        total += wc.weight;
        mix.push_back(std::move(wc));
    }
    if (mix.empty() || !(total > 0)) {
        err << "routectl: --mix " << *args.mixFile
            << ": no request to draw: give one JSON object a line, e.g. {\"weight\": 3, \"metadata\": {\"plan\": "
               "\"free\"}}\n";
        return kExitBadInput;
    }
    return std::nullopt;
}

std::optional<int> EngineInput::loadPrices(const EngineArguments &args, std::ostream &err)
{
    if (!args.pricesFile) {
        return std::nullopt;
    }
    const Decoded<Json> json = JsonText::readFile(*args.pricesFile);
    if (!json) {
        err << "routectl: --prices " << *args.pricesFile << ": " << json.error->toString() << '\n';
        return kExitBadInput;
    }
    Decoded<PriceTable> table = PriceTable::fromJson(*json.value);
    if (!table) {
        err << "routectl: --prices " << *args.pricesFile << ": " << table.error->toString() << '\n';
        return kExitBadInput;
    }
    prices = std::move(*table.value);
    return std::nullopt;
}

} // namespace rd::routectl
