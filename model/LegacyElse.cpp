#include "model/LegacyElse.h"

#include "model/ElementTypes.h"
#include "model/Share.h"

#include <algorithm>
#include <unordered_set>

namespace rd {

// Output names are object keys: a taken one would merge two shares into one when written, and a share would
// be lost (100% becoming 80%). Each spelling is the same exact amount, and each output blocks at most one
// of them, so a free one is found within outputs.size() + 1 tries.
std::string LegacyElse::freeShareKey(const Element &element, std::int64_t millionths)
{
    std::unordered_set<std::string_view> taken;
    taken.reserve(element.outputs.size());
    for (const Output &o : element.outputs) {
        taken.insert(o.name);
    }
    std::string key = Share::format(millionths);
    if (taken.contains(key) && key.find('.') == std::string::npos) {
        key.insert(key.size() - 1, ".0");
    }
    while (taken.contains(key)) {
        key.insert(key.size() - 1, "0");
    }
    return key;
}

void LegacyElse::translate(Element &element, std::string_view elsePath, std::vector<DecodeIssue> &warnings)
{
    const std::string_view elseName = ElementTypes::of(element.type).legacyRemainderOutput;
    if (elseName.empty()) {
        return;
    }
    auto elseIt = std::find_if(element.outputs.begin(), element.outputs.end(),
                               [&](const Output &o) { return o.name == elseName; });
    if (elseIt == element.outputs.end()) {
        return;
    }
    const std::string path(elsePath);
    std::int64_t total = 0;
    for (const Output &o : element.outputs) {
        if (o.name == elseName) {
            continue;
        }
        const auto share = Share::parseMillionths(o.name);
        if (!share) {
            warnings.push_back({path, "legacy `else` output kept: the other shares of '" + element.id +
                                          "' cannot be read, so its share is unknown; give it an explicit share"});
            return;
        }
        total += *share;
    }
    if (total > Share::kWhole) {
        warnings.push_back({path, "legacy `else` output of '" + element.id + "' kept: the other shares already total " +
                                      Share::format(total) +
                                      ", more than 100%, so no share is left for it; correct the shares, then give "
                                      "it one or remove it"});
        return;
    }
    // At exactly 100% the branch was never taken: "0%" says so and keeps its wire (validation warns about it).
    const std::int64_t remainder = Share::kWhole - total;
    const std::string key = freeShareKey(element, remainder);
    std::string message = "legacy `else` output of '" + element.id + "' translated to a \"" + key + "\" share ";
    message += remainder == 0 ? "(the other shares already total 100%, so it was never taken; remove it if it is "
                                "not needed)"
                              : "(the remainder); the API rejects `else`";
    warnings.push_back({path, std::move(message)});
    elseIt->name = key;
}

} // namespace rd
