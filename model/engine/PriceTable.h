#pragma once

#include "model/Decoded.h"
#include "model/Json.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace rd {

// USD per million tokens, input and output, per `provider/model`. The built-in table is the providers' public
// list prices on the date kBuiltInDate; operators with negotiated prices, or a newer list, pass a file. A model
// that is in no table is "unpriced": reports count it apart, never as free.
class PriceTable
{
public:
    struct Price
    {
        double inputPerMillion = 0;
        double outputPerMillion = 0;
    };

    static constexpr std::string_view kBuiltInDate = "2025-06-01";

    static const PriceTable &builtIn();

    // Reads `{"date": "YYYY-MM-DD", "prices": {"openai/gpt-4o-mini": {"input": 0.15, "output": 0.6}, ...}}`
    // ("date" optional) and lays its entries over `base`: entries it names replace the base's, others stay.
    static Decoded<PriceTable> fromJson(const Json &json, const PriceTable &base = builtIn());

    std::optional<Price> find(std::string_view provider, std::string_view model) const;
    const std::string &date() const { return m_date; }
    std::size_t size() const { return m_prices.size(); }

    void set(std::string key, Price price) { m_prices[std::move(key)] = price; }

private:
    std::map<std::string, Price, std::less<>> m_prices;
    std::string m_date;
};

} // namespace rd
