#include "model/engine/PriceTable.h"

#include <cmath>

namespace rd {

namespace {

struct BuiltInPrice
{
    std::string_view key;
    double input;
    double output;
};

// Public list prices (USD per 1M tokens) for the models the demo route and Cloudflare's examples use.
constexpr BuiltInPrice kBuiltIn[] = {
    {"openai/gpt-4o-mini", 0.15, 0.60},
    {"openai/gpt-4o", 2.50, 10.00},
    {"openai/gpt-4.1", 2.00, 8.00},
    {"openai/gpt-4.1-mini", 0.40, 1.60},
    {"openai/gpt-4.1-nano", 0.10, 0.40},
    {"openai/o3-mini", 1.10, 4.40},
    {"anthropic/claude-3-5-haiku-latest", 0.80, 4.00},
    {"anthropic/claude-3-5-sonnet-latest", 3.00, 15.00},
    {"anthropic/claude-3-7-sonnet-latest", 3.00, 15.00},
    {"anthropic/claude-3-haiku-20240307", 0.25, 1.25},
    {"google-ai-studio/gemini-1.5-flash", 0.075, 0.30},
    {"google-ai-studio/gemini-1.5-pro", 1.25, 5.00},
    {"google-ai-studio/gemini-2.0-flash", 0.10, 0.40},
    {"workers-ai/@cf/meta/llama-3.1-8b-instruct", 0.282, 0.827},
    {"workers-ai/@cf/meta/llama-3.3-70b-instruct-fp8-fast", 0.293, 2.253},
    {"groq/llama-3.1-8b-instant", 0.05, 0.08},
};

bool readPrice(const Json &entry, const char *key, double &out)
{
    const auto it = entry.find(key);
    if (it == entry.end() || !it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0) {
        return false;
    }
    out = it->get<double>();
    return true;
}

} // namespace

const PriceTable &PriceTable::builtIn()
{
    static const PriceTable table = [] {
        PriceTable t;
        t.m_date = std::string(kBuiltInDate);
        for (const BuiltInPrice &p : kBuiltIn) {
            t.m_prices.emplace(std::string(p.key), Price{p.input, p.output});
        }
        return t;
    }();
    return table;
}

Decoded<PriceTable> PriceTable::fromJson(const Json &json, const PriceTable &base)
{
    const auto failure = [](std::string path, std::string message) {
        return Decoded<PriceTable>::failure({std::move(path), std::move(message)});
    };
    if (!json.is_object() || !json.contains("prices") || !json["prices"].is_object()) {
        return failure("$", "a price file is {\"date\": \"2025-06-01\", \"prices\": {\"openai/gpt-4o-mini\": "
                            "{\"input\": 0.15, \"output\": 0.6}}}: USD per million tokens");
    }
    PriceTable table = base;
    if (const auto date = json.find("date"); date != json.end()) {
        if (!date->is_string()) {
            return failure("$.date", "date must be a string such as \"2025-06-01\"");
        }
        table.m_date = date->get<std::string>();
    }
    const Json &prices = json["prices"];
    for (auto it = prices.begin(); it != prices.end(); ++it) {
        const std::string path = "$.prices[\"" + it.key() + "\"]";
        if (it.key().find('/') == std::string::npos) {
            return failure(path, "name prices as provider/model, e.g. \"openai/gpt-4o-mini\"");
        }
        Price price;
        if (!it->is_object() || !readPrice(*it, "input", price.inputPerMillion) ||
            !readPrice(*it, "output", price.outputPerMillion)) {
            return failure(path, "a price is {\"input\": USD, \"output\": USD} per million tokens, 0 or more");
        }
        table.m_prices[it.key()] = price;
    }
    return Decoded<PriceTable>::success(std::move(table));
}

std::optional<PriceTable::Price> PriceTable::find(std::string_view provider, std::string_view model) const
{
    std::string key;
    key.reserve(provider.size() + model.size() + 1);
    key.append(provider).append("/").append(model);
    const auto it = m_prices.find(key);
    if (it == m_prices.end()) {
        return std::nullopt;
    }
    return it->second;
}

} // namespace rd
