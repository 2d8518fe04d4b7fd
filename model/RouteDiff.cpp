#include "model/RouteDiff.h"

#include "model/RouteCodec.h"
#include "model/RouteDiffLines.h"

#include <algorithm>
#include <limits>
#include <unordered_set>

namespace rd {

namespace {

using Line = RouteDiff::Line;

struct Block
{
    std::string id;
    std::vector<std::string> lines;
};

// The canonical text of a route, split where the diff aligns it: the lines before the elements, one block
// per element (in id order) and the lines after.
struct Text
{
    std::vector<std::string> head;
    std::vector<Block> blocks;
    std::vector<std::string> tail;
};

void appendLines(const std::string &text, std::string_view indent, std::vector<std::string> &out)
{
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        out.push_back(std::string(indent) + text.substr(start, end - start));
        start = end + 1;
    }
}

Text canonicalText(const Route &route)
{
    Text text;
    text.head.emplace_back("{");
    if (route.empty()) {
        text.head.emplace_back("  \"elements\": []");
        text.tail.emplace_back("}");
        return text;
    }
    text.head.emplace_back("  \"elements\": [");
    std::vector<const Element *> sorted;
    sorted.reserve(route.size());
    for (const Element &element : route.elements()) {
        sorted.push_back(&element);
    }
    std::stable_sort(sorted.begin(), sorted.end(), [](const Element *a, const Element *b) { return a->id < b->id; });
    text.blocks.reserve(sorted.size());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        Block block{sorted[i]->id, {}};
        appendLines(RouteCodec::encodeElement(*sorted[i]).dump(2), "    ", block.lines);
        if (i + 1 < sorted.size()) {
            block.lines.back() += ',';
        }
        text.blocks.push_back(std::move(block));
    }
    text.tail.emplace_back("  ]");
    text.tail.emplace_back("}");
    return text;
}

// The lines of a script, with the texts they stand for (line numbers are left to the caller).
std::vector<Line> toLines(const std::vector<std::string> &a, const std::vector<std::string> &b,
                          const std::vector<RouteDiffLines::Op> &ops)
{
    std::vector<Line> out;
    out.reserve(ops.size());
    std::size_t i = 0;
    std::size_t j = 0;
    for (const RouteDiffLines::Op op : ops) {
        switch (op) {
        case RouteDiffLines::Op::Keep:
            out.push_back({Line::Kind::Context, a[i++], 0, 0});
            ++j;
            break;
        case RouteDiffLines::Op::Remove:
            out.push_back({Line::Kind::Removed, a[i++], 0, 0});
            break;
        case RouteDiffLines::Op::Add:
            out.push_back({Line::Kind::Added, b[j++], 0, 0});
            break;
        }
    }
    return out;
}

// One line of the whole script, with the element it belongs to (for hunk headers).
struct Op
{
    Line line;
    const std::string *section = nullptr;
    std::size_t oldSoFar = 0; // lines of each side up to and including this one
    std::size_t newSoFar = 0;
};

// The script of the whole text, built part by part under one budget of changed lines. Once a part would exceed
// it (or the caller stops), nothing more is added and complete() says so.
class ScriptBuilder
{
public:
    ScriptBuilder(std::size_t maxChangedLines, std::stop_token stop)
        : m_budget(maxChangedLines), m_stop(std::move(stop))
    {}

    bool complete() const { return m_complete; }

    // The shortest script from `a` to `b`.
    void diff(const std::vector<std::string> &a, const std::vector<std::string> &b, const std::string *section)
    {
        if (!m_complete) {
            return;
        }
        auto ops = RouteDiffLines::script(a, b, m_budget - m_changed, m_stop);
        if (!ops) {
            m_complete = false;
            return;
        }
        for (const RouteDiffLines::Op op : *ops) {
            m_changed += op == RouteDiffLines::Op::Keep ? 0 : 1;
        }
        add(toLines(a, b, *ops), section);
    }

    // Every line of a block as one kind: a whole element added, removed or unchanged.
    void addAll(const std::vector<std::string> &lines, Line::Kind kind, const std::string *section)
    {
        if (!m_complete) {
            return;
        }
        if (kind != Line::Kind::Context) {
            m_changed += lines.size();
        }
        if (m_changed > m_budget || m_stop.stop_requested()) {
            m_complete = false;
            return;
        }
        std::vector<Line> out;
        out.reserve(lines.size());
        for (const std::string &text : lines) {
            out.push_back({kind, text, 0, 0});
        }
        add(std::move(out), section);
    }

    std::vector<Op> &ops() { return m_ops; }

private:
    void add(std::vector<Line> lines, const std::string *section)
    {
        for (Line &line : lines) {
            if (line.kind != Line::Kind::Added) {
                line.oldLine = ++m_old;
            }
            if (line.kind != Line::Kind::Removed) {
                line.newLine = ++m_new;
            }
            m_ops.push_back({std::move(line), section, m_old, m_new});
        }
    }

    std::vector<Op> m_ops;
    std::size_t m_old = 0;
    std::size_t m_new = 0;
    std::size_t m_budget;
    std::size_t m_changed = 0;
    bool m_complete = true;
    std::stop_token m_stop;
};

bool isChange(const Op &op)
{
    return op.line.kind != Line::Kind::Context;
}

Json withoutIdTypeOutputs(const Element &element)
{
    Json json = RouteCodec::encodeElement(element);
    json.erase("id");
    json.erase("type");
    json.erase("outputs");
    return json;
}

unsigned compareElements(const Element &a, const Element &b)
{
    if (a == b) {
        return RouteDiff::NoAspect;
    }
    unsigned aspects = RouteDiff::NoAspect;
    if (a.type != b.type || a.unknownTypeName != b.unknownTypeName) {
        aspects |= RouteDiff::TypeAspect;
    }
    if (a.outputs != b.outputs) {
        aspects |= RouteDiff::OutputsAspect;
    }
    if (withoutIdTypeOutputs(a) != withoutIdTypeOutputs(b)) {
        aspects |= RouteDiff::PropertiesAspect;
    }
    // Equal encodings with unequal elements (a property the codec does not write): still a change, but
    // nothing a person could see in the JSON, so it is filed under properties.
    return aspects == RouteDiff::NoAspect ? unsigned(RouteDiff::PropertiesAspect) : aspects;
}

} // namespace

std::string RouteDiff::Hunk::header() const
{
    const auto range = [](std::size_t start, std::size_t count) {
        return count == 1 ? std::to_string(start) : std::to_string(start) + "," + std::to_string(count);
    };
    std::string out = "@@ -" + range(oldStart, oldCount) + " +" + range(newStart, newCount) + " @@";
    if (!section.empty()) {
        out += " " + section;
    }
    return out;
}

std::vector<RouteDiff::Line> RouteDiff::diffLines(const std::vector<std::string> &a, const std::vector<std::string> &b)
{
    std::vector<Line> out = toLines(a, b, *RouteDiffLines::script(a, b, std::numeric_limits<std::size_t>::max()));
    std::size_t oldLine = 0;
    std::size_t newLine = 0;
    for (Line &line : out) {
        if (line.kind != Line::Kind::Added) {
            line.oldLine = ++oldLine;
        }
        if (line.kind != Line::Kind::Removed) {
            line.newLine = ++newLine;
        }
    }
    return out;
}

std::vector<std::string> RouteDiff::canonicalLines(const Route &route)
{
    Text text = canonicalText(route);
    std::vector<std::string> lines = std::move(text.head);
    for (Block &block : text.blocks) {
        lines.insert(lines.end(), std::make_move_iterator(block.lines.begin()),
                     std::make_move_iterator(block.lines.end()));
    }
    lines.insert(lines.end(), text.tail.begin(), text.tail.end());
    return lines;
}

std::string RouteDiff::describeAspects(unsigned aspects)
{
    std::vector<std::string> parts;
    if (aspects & TypeAspect) {
        parts.emplace_back("type");
    }
    if (aspects & PropertiesAspect) {
        parts.emplace_back("properties");
    }
    if (aspects & OutputsAspect) {
        parts.emplace_back("wires");
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            out += i + 1 == parts.size() ? " and " : ", ";
        }
        out += parts[i];
    }
    return out;
}

RouteDiff RouteDiff::compare(const Route &from, const Route &to, std::size_t contextLines)
{
    Options options;
    options.contextLines = contextLines;
    return *compare(from, to, options, {});
}

std::optional<RouteDiff> RouteDiff::compare(const Route &from, const Route &to, const Options &options,
                                            std::stop_token stop)
{
    const std::size_t contextLines = options.contextLines;
    RouteDiff diff;
    diff.m_changedLineLimit = options.maxChangedLines;

    // --- per element
    std::unordered_set<std::string> seen;
    diff.m_elements.reserve(to.size());
    for (const Element &element : to.elements()) {
        if (stop.stop_requested()) {
            return std::nullopt;
        }
        if (!seen.insert(element.id).second) {
            continue;
        }
        ElementChange change{element.id, Status::Added, NoAspect, std::string(element.typeName())};
        if (const Element *old = from.find(element.id)) {
            change.aspects = compareElements(*old, element);
            change.status = change.aspects == NoAspect ? Status::Unchanged : Status::Changed;
        }
        diff.m_elements.push_back(std::move(change));
    }
    for (const Element &element : from.elements()) {
        if (seen.insert(element.id).second) {
            diff.m_elements.push_back({element.id, Status::Removed, NoAspect, std::string(element.typeName())});
        }
    }
    diff.m_index.reserve(diff.m_elements.size());
    for (std::size_t i = 0; i < diff.m_elements.size(); ++i) {
        diff.m_index.emplace(diff.m_elements[i].id, i);
    }

    // --- text: aligned on element ids first, so only the lines of one element ever go through the line diff
    // and a route of thousands of elements costs what its changed elements cost.
    const Text a = canonicalText(from);
    const Text b = canonicalText(to);
    ScriptBuilder script(options.maxChangedLines, stop);
    script.diff(a.head, b.head, nullptr);
    std::size_t i = 0;
    std::size_t j = 0;
    while ((i < a.blocks.size() || j < b.blocks.size()) && script.complete()) {
        if (j == b.blocks.size() || (i < a.blocks.size() && a.blocks[i].id < b.blocks[j].id)) {
            script.addAll(a.blocks[i].lines, Line::Kind::Removed, &a.blocks[i].id);
            ++i;
        } else if (i == a.blocks.size() || b.blocks[j].id < a.blocks[i].id) {
            script.addAll(b.blocks[j].lines, Line::Kind::Added, &b.blocks[j].id);
            ++j;
        } else {
            if (a.blocks[i].lines == b.blocks[j].lines) {
                script.addAll(b.blocks[j].lines, Line::Kind::Context, &b.blocks[j].id);
            } else {
                script.diff(a.blocks[i].lines, b.blocks[j].lines, &b.blocks[j].id);
            }
            ++i;
            ++j;
        }
    }
    script.diff(a.tail, b.tail, nullptr);
    if (stop.stop_requested()) {
        return std::nullopt;
    }
    if (!script.complete()) {
        diff.m_textTooLarge = true;
        return diff;
    }

    // --- hunks: changes closer than two contexts apart share one
    const std::vector<Op> &ops = script.ops();
    std::size_t k = 0;
    while (k < ops.size()) {
        while (k < ops.size() && !isChange(ops[k])) {
            ++k;
        }
        if (k == ops.size()) {
            break;
        }
        const std::size_t first = k;
        std::size_t last = k;
        for (std::size_t scan = k + 1; scan < ops.size() && scan <= last + 2 * contextLines + 1; ++scan) {
            if (isChange(ops[scan])) {
                last = scan;
            }
        }
        const std::size_t begin = first > contextLines ? first - contextLines : 0;
        const std::size_t end = std::min(ops.size(), last + contextLines + 1);

        Hunk hunk;
        if (ops[first].section != nullptr) {
            hunk.section = *ops[first].section;
        }
        for (std::size_t p = begin; p < end; ++p) {
            const Line &line = ops[p].line;
            hunk.oldCount += line.oldLine != 0 ? 1 : 0;
            hunk.newCount += line.newLine != 0 ? 1 : 0;
            hunk.lines.push_back(line);
            diff.m_addedLines += line.kind == Line::Kind::Added ? 1 : 0;
            diff.m_removedLines += line.kind == Line::Kind::Removed ? 1 : 0;
        }
        // A side without lines in the hunk names the line before it, as the unified format does.
        const std::size_t oldBefore = begin > 0 ? ops[begin - 1].oldSoFar : 0;
        const std::size_t newBefore = begin > 0 ? ops[begin - 1].newSoFar : 0;
        hunk.oldStart = hunk.oldCount == 0 ? oldBefore : oldBefore + 1;
        hunk.newStart = hunk.newCount == 0 ? newBefore : newBefore + 1;
        diff.m_hunks.push_back(std::move(hunk));
        k = end;
    }
    return diff;
}

RouteDiff::Status RouteDiff::status(std::string_view id) const
{
    const auto it = m_index.find(std::string(id));
    return it == m_index.end() ? Status::Unchanged : m_elements[it->second].status;
}

unsigned RouteDiff::aspects(std::string_view id) const
{
    const auto it = m_index.find(std::string(id));
    return it == m_index.end() ? unsigned(NoAspect) : m_elements[it->second].aspects;
}

std::size_t RouteDiff::count(Status status) const
{
    return static_cast<std::size_t>(std::count_if(m_elements.begin(), m_elements.end(),
                                                  [status](const ElementChange &c) { return c.status == status; }));
}

bool RouteDiff::isEmpty() const
{
    return std::all_of(m_elements.begin(), m_elements.end(),
                       [](const ElementChange &c) { return c.status == Status::Unchanged; });
}

std::string RouteDiff::unifiedText(std::string_view fromLabel, std::string_view toLabel) const
{
    if (m_hunks.empty()) {
        return {};
    }
    std::string out = "--- " + std::string(fromLabel) + "\n+++ " + std::string(toLabel) + "\n";
    for (const Hunk &hunk : m_hunks) {
        out += hunk.header();
        out += '\n';
        for (const Line &line : hunk.lines) {
            out += line.kind == Line::Kind::Added ? '+' : line.kind == Line::Kind::Removed ? '-' : ' ';
            out += line.text;
            out += '\n';
        }
    }
    return out;
}

} // namespace rd
