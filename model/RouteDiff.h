#pragma once

#include "model/Route.h"

#include <cstddef>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rd {

// What changes between two states of a route: per element (by id) and as a unified diff of the JSON.
//
// Elements are matched by id, so a renamed element is one removed and one added. The JSON compared is
// `{"elements": [...]}` with the elements in id order: the API keeps no meaningful element order, and
// metadata (ids, timestamps of versions and deployments) differs between any two versions without
// saying anything about what a deployment changes.
class RouteDiff
{
public:
    enum class Status { Unchanged, Added, Removed, Changed };

    // What about a changed element differs; a bit set.
    enum Aspect : unsigned {
        NoAspect = 0,
        TypeAspect = 1,       // `type`
        PropertiesAspect = 2, // `properties` and any other field
        OutputsAspect = 4,    // outputs added, removed or rewired
    };

    struct ElementChange
    {
        std::string id;
        Status status = Status::Unchanged;
        unsigned aspects = NoAspect;
        std::string typeName; // of the `to` element, or of the `from` one when removed
    };

    struct Line
    {
        enum class Kind { Context, Added, Removed };
        Kind kind = Kind::Context;
        std::string text;
        std::size_t oldLine = 0; // 1-based; 0 for an added line
        std::size_t newLine = 0; // 1-based; 0 for a removed line
    };

    struct Hunk
    {
        std::size_t oldStart = 0;
        std::size_t oldCount = 0;
        std::size_t newStart = 0;
        std::size_t newCount = 0;
        std::string section; // id of the element where the hunk's first change is, for the header
        std::vector<Line> lines;

        // "@@ -12,7 +12,9 @@ gpt"
        std::string header() const;
    };

    // Beyond this many added plus removed lines the text diff is left out (isTextTooLarge()): more than anyone
    // reads line by line, and what the search costs grows with it (time O(lines × changed lines)). Elements
    // are compared whatever the size. A route of 2,000 elements replaced by another stays below it.
    static constexpr std::size_t kMaxChangedLines = 20'000;

    struct Options
    {
        std::size_t contextLines = 3;
        std::size_t maxChangedLines = kMaxChangedLines;
    };

    static RouteDiff compare(const Route &from, const Route &to, std::size_t contextLines = 3);
    // The same, for a worker thread: nullopt once `stop` is requested (checked often enough that a stop is
    // heeded within milliseconds), so a caller that lost interest does not wait for a large diff to finish.
    static std::optional<RouteDiff> compare(const Route &from, const Route &to, const Options &options,
                                            std::stop_token stop);

    // Every element of either route: `to`'s elements in its order, then the removed ones in `from`'s order.
    // A duplicate id counts once (its first occurrence), as Route::find does.
    const std::vector<ElementChange> &elements() const { return m_elements; }
    Status status(std::string_view id) const;
    unsigned aspects(std::string_view id) const;
    std::size_t count(Status status) const;
    // True when no element differs.
    bool isEmpty() const;

    // True when more lines differ than the limit allowed (Options::maxChangedLines): there are no hunks then,
    // and addedLines()/removedLines() are 0, but the elements above are all there.
    bool isTextTooLarge() const { return m_textTooLarge; }
    // The limit the text diff was computed under.
    std::size_t changedLineLimit() const { return m_changedLineLimit; }

    const std::vector<Hunk> &hunks() const { return m_hunks; }
    std::size_t addedLines() const { return m_addedLines; }
    std::size_t removedLines() const { return m_removedLines; }
    // The hunks as a unified diff with ---/+++ headers; empty when the JSON is the same.
    std::string unifiedText(std::string_view fromLabel = "a", std::string_view toLabel = "b") const;

    // The JSON the text diff compares, one entry per line.
    static std::vector<std::string> canonicalLines(const Route &route);
    // A minimal line edit script turning `a` into `b`, every line of both included (RouteDiffLines: Myers'
    // algorithm in linear space, removed lines before added ones in each run of changes). No size limit.
    static std::vector<Line> diffLines(const std::vector<std::string> &a, const std::vector<std::string> &b);
    // "type, properties and wires"
    static std::string describeAspects(unsigned aspects);

private:
    std::vector<ElementChange> m_elements;
    std::unordered_map<std::string, std::size_t> m_index;
    std::vector<Hunk> m_hunks;
    std::size_t m_addedLines = 0;
    std::size_t m_removedLines = 0;
    bool m_textTooLarge = false;
    std::size_t m_changedLineLimit = kMaxChangedLines;
};

} // namespace rd
