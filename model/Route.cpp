#include "model/Route.h"

#include <algorithm>

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

bool Route::restoreElement(const RemovedElement &removed)
{
    if (removed.element.id.empty() || contains(removed.element.id)) {
        return false;
    }
    // Ascending output indices per source: each insert lands where it was because earlier ones are back.
    for (const IncomingRef &ref : removed.incoming) {
        Element *source = find(ref.source);
        if (!source) {
            continue;
        }
        const std::size_t at = std::min(ref.outputIndex, source->outputs.size());
        source->outputs.insert(source->outputs.begin() + static_cast<std::ptrdiff_t>(at), ref.output);
    }
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
