#include "model/engine/RequestMix.h"

#include "model/JsonText.h"

#include <cmath>

namespace rd {

Decoded<WeightedContext> RequestMix::parseLine(std::string_view line)
{
    const Decoded<Json> json = JsonText::parse(line);
    if (!json) {
        return Decoded<WeightedContext>::failure(*json.error);
    }
    Decoded<RequestContext> ctx = RequestContext::fromJson(*json.value, {"weight"});
    if (!ctx) {
        return Decoded<WeightedContext>::failure(*ctx.error);
    }
    WeightedContext wc{std::move(*ctx.value), 1};
    if (const auto w = json.value->find("weight"); w != json.value->end()) {
        if (!w->is_number() || !std::isfinite(w->get<double>()) || w->get<double>() < 0) {
            return Decoded<WeightedContext>::failure({"", "weight must be a number, 0 or more"});
        }
        wc.weight = w->get<double>();
    }
    return Decoded<WeightedContext>::success(std::move(wc));
}

Decoded<std::vector<WeightedContext>> RequestMix::parse(std::string_view text)
{
    using Result = Decoded<std::vector<WeightedContext>>;
    std::vector<WeightedContext> mix;
    double total = 0;
    std::size_t number = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        Decoded<WeightedContext> wc = parseLine(line);
        if (!wc) {
            return Result::failure({"", "line " + std::to_string(number) + ": " + wc.error->toString()});
        }
        total += wc.value->weight;
        mix.push_back(std::move(*wc.value));
    }
    if (mix.empty() || !(total > 0)) {
        return Result::failure({"", "no request to draw: give one JSON object a line, e.g. {\"weight\": 3, "
                                    "\"metadata\": {\"plan\": \"free\"}}"});
    }
    return Result::success(std::move(mix));
}

std::string RequestMix::lineFor(const Json &metadata)
{
    return Json{{"metadata", metadata.is_object() ? metadata : Json::object()}}.dump(-1, ' ', false,
                                                                                     Json::error_handler_t::replace);
}

} // namespace rd
