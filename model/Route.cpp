#include "model/Route.h"

#include <algorithm>
#include <unordered_map>

namespace rd {

Route::Route(std::vector<Element> elements, RouteMetadata metadata)
    : m_elements(std::move(elements)), m_metadata(std::move(metadata))
{
    rebuildIndex();
}

void Route::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_elements.size());
    for (std::size_t i = 0; i < m_elements.size(); ++i) {
        m_index.try_emplace(m_elements[i].id, i); // the first of duplicate ids wins
    }
}

const Element *Route::find(std::string_view id) const
{
    auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &m_elements[it->second];
}

Element *Route::find(std::string_view id)
{
    return const_cast<Element *>(std::as_const(*this).find(id));
}

std::optional<std::size_t> Route::indexOf(std::string_view id) const
{
    auto it = m_index.find(id);
    if (it == m_index.end()) {
        return std::nullopt;
    }
    return it->second;
}

bool Route::addElement(Element element, std::size_t index)
{
    if (element.id.empty() || contains(element.id)) {
        return false;
    }
    if (index >= m_elements.size()) {
        m_index.emplace(element.id, m_elements.size());
        m_elements.push_back(std::move(element));
        return true;
    }
    m_elements.insert(m_elements.begin() + static_cast<std::ptrdiff_t>(index), std::move(element));
    rebuildIndex();
    return true;
}

std::optional<RemovedElement> Route::removeElement(std::string_view id)
{
    const auto index = indexOf(id);
    if (!index) {
        return std::nullopt;
    }
    RemovedElement removed;
    removed.index = *index;
    removed.element = std::move(m_elements[*index]);
    m_elements.erase(m_elements.begin() + static_cast<std::ptrdiff_t>(*index));
    rebuildIndex();

    // With a duplicate id still present, the references now resolve to it and must stay.
    if (!contains(removed.element.id)) {
        for (Element &source : m_elements) {
            for (std::size_t k = 0; k < source.outputs.size(); ++k) {
                if (source.outputs[k].target == removed.element.id) {
                    removed.incoming.push_back(IncomingRef{source.id, k, source.outputs[k]});
                }
            }
            std::erase_if(source.outputs, [&](const Output &o) { return o.target == removed.element.id; });
        }
    }
    return removed;
}

namespace {

// Puts outputs recorded by a removal back into the elements still there, in the order recorded: ascending output
// indices per source, so each lands where it was.
void restoreOutputs(Route &route, const std::vector<IncomingRef> &refs)
{
    for (const IncomingRef &ref : refs) {
        Element *source = route.find(ref.source);
        if (!source) {
            continue;
        }
        const std::size_t at = std::min(ref.outputIndex, source->outputs.size());
        source->outputs.insert(source->outputs.begin() + static_cast<std::ptrdiff_t>(at), ref.output);
    }
}

} // namespace

RemovedElements Route::removeElements(const std::vector<std::string> &ids)
{
    RemovedElements removed;
    std::vector<bool> going(m_elements.size(), false);
    std::size_t count = 0;
    for (const std::string &id : ids) {
        const auto index = indexOf(id);
        if (!index || going[*index]) {
            continue;
        }
        // An id shared with another element: references would resolve to the other one and stay.
        if (hasDuplicateIds() &&
            std::count_if(m_elements.begin(), m_elements.end(), [&](const Element &e) { return e.id == id; }) > 1) {
            continue;
        }
        going[*index] = true;
        ++count;
    }
    if (count == 0) {
        return removed;
    }
    // Ids of the removed elements, for the outputs of those that stay.
    std::unordered_map<std::string_view, bool, StringHash, std::equal_to<>> gone;
    gone.reserve(count);
    for (std::size_t i = 0; i < m_elements.size(); ++i) {
        if (going[i]) {
            gone.emplace(m_elements[i].id, true);
        }
    }
    for (std::size_t i = 0; i < m_elements.size(); ++i) {
        if (going[i]) {
            continue;
        }
        Element &source = m_elements[i];
        for (std::size_t k = 0; k < source.outputs.size(); ++k) {
            if (gone.contains(source.outputs[k].target)) {
                removed.incoming.push_back(IncomingRef{source.id, k, source.outputs[k]});
            }
        }
        std::erase_if(source.outputs, [&](const Output &o) { return gone.contains(o.target); });
    }
    gone.clear(); // its keys view elements about to move
    removed.elements.reserve(count);
    std::vector<Element> kept;
    kept.reserve(m_elements.size() - count);
    for (std::size_t i = 0; i < m_elements.size(); ++i) {
        if (going[i]) {
            removed.elements.emplace_back(i, std::move(m_elements[i]));
        } else {
            kept.push_back(std::move(m_elements[i]));
        }
    }
    m_elements = std::move(kept);
    rebuildIndex();
    return removed;
}

bool Route::restoreElements(const RemovedElements &removed)
{
    for (const auto &[index, element] : removed.elements) {
        if (element.id.empty() || contains(element.id)) {
            return false;
        }
    }
    // Back at their old indices: ascending, so each lands where it was once the earlier ones are back.
    std::vector<Element> merged;
    merged.reserve(m_elements.size() + removed.elements.size());
    std::size_t from = 0;
    for (const auto &[index, element] : removed.elements) {
        while (merged.size() < index && from < m_elements.size()) {
            merged.push_back(std::move(m_elements[from++]));
        }
        merged.push_back(element);
    }
    while (from < m_elements.size()) {
        merged.push_back(std::move(m_elements[from++]));
    }
    m_elements = std::move(merged);
    rebuildIndex();
    restoreOutputs(*this, removed.incoming);
    return true;
}

bool Route::restoreElement(const RemovedElement &removed)
{
    if (removed.element.id.empty() || contains(removed.element.id)) {
        return false;
    }
    // Ascending output indices per source: each insert lands where it was because earlier ones are back.
    restoreOutputs(*this, removed.incoming);
    return addElement(removed.element, removed.index);
}

bool Route::replaceElement(const Element &element)
{
    Element *existing = find(element.id);
    if (!existing) {
        return false;
    }
    *existing = element;
    return true;
}

bool Route::connect(std::string_view from, std::string_view output, std::string_view to)
{
    Element *source = find(from);
    if (!source || output.empty() || !contains(to)) {
        return false;
    }
    source->setOutput(output, std::string(to));
    return true;
}

bool Route::disconnect(std::string_view from, std::string_view output)
{
    Element *source = find(from);
    return source && source->removeOutput(output);
}

bool Route::renameElement(std::string_view from, std::string_view to)
{
    if (to.empty() || contains(to)) {
        return false;
    }
    Element *element = find(from);
    if (!element) {
        return false;
    }
    const std::string oldId(from);
    element->id = std::string(to);
    for (Element &e : m_elements) {
        for (Output &o : e.outputs) {
            if (o.target == oldId) {
                o.target = std::string(to);
            }
        }
    }
    rebuildIndex();
    return true;
}

bool Route::renameOutput(std::string_view element, std::string_view from, std::string_view to)
{
    Element *e = find(element);
    if (!e || to.empty() || e->output(to)) {
        return false;
    }
    Output *o = e->output(from);
    if (!o) {
        return false;
    }
    o->name = std::string(to);
    return true;
}

std::string Route::freshId(std::string_view base) const
{
    const std::string stem = base.empty() ? std::string("element") : std::string(base);
    if (!contains(stem)) {
        return stem;
    }
    for (std::size_t n = 2;; ++n) {
        std::string candidate = stem + "_" + std::to_string(n);
        if (!contains(candidate)) {
            return candidate;
        }
    }
}

std::string Route::freshId(ElementType type) const
{
    return freshId(type == ElementType::Unknown ? std::string_view("element") : elementTypeName(type));
}

std::vector<Edge> Route::edges() const
{
    std::vector<Edge> result;
    result.reserve(m_elements.size() * 2);
    for (const Element &e : m_elements) {
        for (const Output &o : e.outputs) {
            if (!o.target.empty()) {
                result.push_back(Edge{e.id, o.name, o.target, isFallbackOutput(e.type, o.name)});
            }
        }
    }
    return result;
}

std::vector<IncomingRef> Route::incoming(std::string_view id) const
{
    std::vector<IncomingRef> result;
    for (const Element &e : m_elements) {
        for (std::size_t k = 0; k < e.outputs.size(); ++k) {
            if (e.outputs[k].target == id) {
                result.push_back(IncomingRef{e.id, k, e.outputs[k]});
            }
        }
    }
    return result;
}

bool Route::operator==(const Route &other) const
{
    return m_metadata == other.m_metadata && m_elements == other.m_elements;
}

} // namespace rd
