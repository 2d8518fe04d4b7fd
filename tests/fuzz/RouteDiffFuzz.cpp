// Route diff: two route documents in one input, split at the first NUL byte (JSON text never holds one, so
// the split is unambiguous). Each route is diffed with itself and the two with each other, in both
// directions, and the result is checked against what a diff must be: the per-element statuses agree with
// the ids on each side, and the hunks, applied to the old canonical text, give the new one exactly.

#include "FuzzCheck.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/RouteDiff.h"

#include <string>
#include <unordered_set>
#include <vector>

using namespace rd;

namespace {

std::optional<Route> firstRoute(std::string_view text)
{
    const Decoded<Json> json = JsonText::parse(text);
    if (!json) {
        return std::nullopt;
    }
    Decoded<RouteFileContent> doc = RouteCodec::decodeDocument(*json.value);
    if (!doc || doc.value->routes.empty()) {
        return std::nullopt;
    }
    return std::move(doc.value->routes.front());
}

bool hasDuplicateIds(const Route &route)
{
    std::unordered_set<std::string_view> seen;
    for (const Element &e : route.elements()) {
        if (!seen.insert(e.id).second) {
            return true;
        }
    }
    return false;
}

std::string where(const RouteDiff &diff)
{
    return "--- unified diff:\n" + diff.unifiedText();
}

void checkElements(const Route &from, const Route &to, const RouteDiff &diff)
{
    std::unordered_set<std::string> listed;
    std::size_t toDistinct = 0;
    std::size_t index = 0;
    // `to`'s elements in its order (first occurrences), then those only `from` has, in its order.
    for (const Element &e : to.elements()) {
        if (!listed.insert(e.id).second) {
            continue;
        }
        ++toDistinct;
        if (index >= diff.elements().size() || diff.elements()[index].id != e.id) {
            fuzz::fail("the diff lists `to`'s elements first, in order", "missing or misplaced: " + e.id);
        }
        const RouteDiff::ElementChange &change = diff.elements()[index++];
        const Element *old = from.find(e.id);
        if (!old) {
            if (change.status != RouteDiff::Status::Added || change.aspects != RouteDiff::NoAspect) {
                fuzz::fail("an element only `to` has is Added, with no aspects", e.id);
            }
            continue;
        }
        const Element &now = *to.find(e.id);
        const bool same = *old == now;
        if (same != (change.status == RouteDiff::Status::Unchanged) ||
            same != (change.aspects == RouteDiff::NoAspect) || (!same && change.status != RouteDiff::Status::Changed)) {
            fuzz::fail("an element on both sides is Unchanged exactly when equal, else Changed with aspects",
                       e.id + "\n" + where(diff));
        }
        const bool typeDiffers = old->type != now.type || old->unknownTypeName != now.unknownTypeName;
        if (typeDiffers != ((change.aspects & RouteDiff::TypeAspect) != 0)) {
            fuzz::fail("the type aspect is set exactly when the type differs", e.id);
        }
        if ((old->outputs != now.outputs) != ((change.aspects & RouteDiff::OutputsAspect) != 0)) {
            fuzz::fail("the outputs aspect is set exactly when the outputs differ", e.id);
        }
    }
    for (const Element &e : from.elements()) {
        if (!listed.insert(e.id).second) {
            continue;
        }
        if (index >= diff.elements().size() || diff.elements()[index].id != e.id ||
            diff.elements()[index].status != RouteDiff::Status::Removed) {
            fuzz::fail("the diff lists elements only `from` has after `to`'s, as Removed", e.id);
        }
        ++index;
    }
    if (index != diff.elements().size()) {
        fuzz::fail("the diff lists every element of either side once, and nothing else");
    }
    if (diff.count(RouteDiff::Status::Removed) != listed.size() - toDistinct ||
        diff.count(RouteDiff::Status::Unchanged) + diff.count(RouteDiff::Status::Changed) +
                diff.count(RouteDiff::Status::Added) !=
            toDistinct) {
        fuzz::fail("count() agrees with elements()");
    }
    for (const RouteDiff::ElementChange &c : diff.elements()) {
        if (diff.status(c.id) != c.status || diff.aspects(c.id) != c.aspects) {
            fuzz::fail("status()/aspects() agree with elements()", c.id);
        }
    }
}

// Applies the hunks to the old lines; every context and removed line must be where the hunk says.
void checkHunks(const Route &from, const Route &to, const RouteDiff &diff)
{
    const std::vector<std::string> a = RouteDiff::canonicalLines(from);
    const std::vector<std::string> b = RouteDiff::canonicalLines(to);
    if (diff.hunks().empty() != (a == b)) {
        fuzz::fail("there are hunks exactly when the canonical texts differ", where(diff));
    }
    std::vector<std::string> rebuilt;
    std::size_t next = 0; // index into `a` of the next line not yet consumed
    std::size_t added = 0;
    std::size_t removed = 0;
    for (const RouteDiff::Hunk &hunk : diff.hunks()) {
        // An empty old side names the line before the hunk; otherwise its first line.
        const std::size_t start = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1;
        if ((hunk.oldCount != 0 && hunk.oldStart == 0) || start < next || start > a.size()) {
            fuzz::fail("hunks are in order and inside the old text", hunk.header() + "\n" + where(diff));
        }
        rebuilt.insert(rebuilt.end(), a.begin() + static_cast<long>(next), a.begin() + static_cast<long>(start));
        next = start;
        if (hunk.newStart != (hunk.newCount == 0 ? rebuilt.size() : rebuilt.size() + 1)) {
            fuzz::fail("a hunk's new start matches the text before it", hunk.header() + "\n" + where(diff));
        }
        std::size_t oldCount = 0;
        std::size_t newCount = 0;
        for (const RouteDiff::Line &line : hunk.lines) {
            if (line.kind != RouteDiff::Line::Kind::Added) {
                if (next >= a.size() || a[next] != line.text || line.oldLine != next + 1) {
                    fuzz::fail("a hunk's context and removed lines are the old text at their line numbers",
                               hunk.header() + "\n" + where(diff));
                }
                ++next;
                ++oldCount;
            }
            if (line.kind != RouteDiff::Line::Kind::Removed) {
                rebuilt.push_back(line.text);
                if (line.newLine != rebuilt.size()) {
                    fuzz::fail("a hunk's new line numbers count the new text", hunk.header() + "\n" + where(diff));
                }
                ++newCount;
            }
            added += line.kind == RouteDiff::Line::Kind::Added ? 1 : 0;
            removed += line.kind == RouteDiff::Line::Kind::Removed ? 1 : 0;
        }
        if (oldCount != hunk.oldCount || newCount != hunk.newCount) {
            fuzz::fail("a hunk's counts are its lines", hunk.header() + "\n" + where(diff));
        }
    }
    rebuilt.insert(rebuilt.end(), a.begin() + static_cast<long>(next), a.end());
    if (rebuilt != b) {
        fuzz::fail("the hunks applied to the old text give the new text", where(diff));
    }
    if (added != diff.addedLines() || removed != diff.removedLines()) {
        fuzz::fail("addedLines()/removedLines() count the hunks' lines");
    }
    if (diff.hunks().empty() != diff.unifiedText().empty()) {
        fuzz::fail("unifiedText() is empty exactly when there are no hunks");
    }
}

RouteDiff compareChecked(const Route &from, const Route &to, std::size_t contextLines)
{
    RouteDiff diff = RouteDiff::compare(from, to, contextLines);
    checkElements(from, to, diff);
    checkHunks(from, to, diff);
    // Equal elements give equal text; with duplicate ids only the first of each counts for elements().
    if (diff.isEmpty() && !diff.hunks().empty() && !hasDuplicateIds(from) && !hasDuplicateIds(to)) {
        fuzz::fail("no element changed, so no line changed", where(diff));
    }
    return diff;
}

void checkIdentity(const Route &route)
{
    const RouteDiff diff = compareChecked(route, route, 3);
    if (!diff.isEmpty() || !diff.hunks().empty()) {
        fuzz::fail("a route diffed with itself has no changes", where(diff));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = fuzz::textOf(data, size);
    const std::size_t split = text.find('\0');
    const std::optional<Route> from = firstRoute(text.substr(0, split));
    const std::optional<Route> to = split == std::string_view::npos ? std::nullopt : firstRoute(text.substr(split + 1));
    if (from) {
        checkIdentity(*from);
    }
    if (to) {
        checkIdentity(*to);
    }
    if (!from || !to) {
        return 0;
    }
    // Context 3 as the history panel shows it, and 0 for the edge of merging hunks; the edit is minimal, so
    // its size is the same read either way.
    const RouteDiff forward = compareChecked(*from, *to, 3);
    const RouteDiff backward = compareChecked(*to, *from, 0);
    if (forward.addedLines() != backward.removedLines() || forward.removedLines() != backward.addedLines()) {
        fuzz::fail("diffing back and forth changes the same number of lines",
                   "forward +" + std::to_string(forward.addedLines()) + " -" + std::to_string(forward.removedLines()) +
                       ", backward +" + std::to_string(backward.addedLines()) + " -" +
                       std::to_string(backward.removedLines()));
    }
    return 0;
}
