#pragma once

#include "model/Element.h"
#include "model/Finding.h"
#include "model/RouteGraph.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace rd {

// Validation of what is particular to an element's type: its properties (the rules come from its descriptor
// in ElementTypes, the messages are here) and, for share-keyed outputs, the shares. Graph-level checks are
// RouteAnalysis's.
class ElementChecks
{
public:
    using Index = RouteGraph::Index;

    // Findings go to `findings`; `elements` must outlive this.
    ElementChecks(const std::vector<Element> &elements, std::vector<Finding> &findings);

    // The checks of element `i`'s own type.
    void checkType(Index i);
    // What there is to say about output `k` of element `i` because of its type (a share that is no share),
    // so that it stands with the output's other findings. Call after checkType(i).
    void checkOutput(Index i, Index k);

private:
    enum class ShareStatus { Ok, NotShare, OutOfRange };
    struct ParsedShare
    {
        ShareStatus status = ShareStatus::NotShare;
        std::int64_t value = 0; // exact millionths of a percent (Share), when status is Ok
    };
    // What to tell someone whose number property is not set, below its minimum or not whole.
    struct NumberHints
    {
        std::string_view missing;
        std::string_view outOfRange;
        std::string_view notWhole{};
    };

    static ParsedShare parseShare(std::string_view key);

    void checkConditional(Index i);
    void checkConditionForms(Index i, const Json &conditions);
    void checkRate(Index i);
    void checkModel(Index i);
    void checkShares(Index i);
    // A text property that must be set and not empty.
    void requireText(Index i, std::string_view property, std::string_view code, std::string_view hint);
    // A number property that must be set and within its descriptor's range.
    void requireNumber(Index i, std::string_view property, std::string_view code, const NumberHints &hints);
    // A text property that must be one of its descriptor's choices.
    void requireChoice(Index i, std::string_view property, std::string_view code);

    void add(Severity severity, std::string_view code, Index element, std::string_view output, std::string message);

    const std::vector<Element> &m_elements;
    std::vector<Finding> &m_findings;
    std::vector<ParsedShare> m_shares; // of the element checkType last saw, per output
};

} // namespace rd
