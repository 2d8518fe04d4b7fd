#pragma once

#include "model/Element.h"
#include "model/Json.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rd {

// A wire of the graph: `from`'s output `output` leads to `to` (which may not exist: validation says so).
struct Edge
{
    std::string from;
    std::string output;
    std::string to;
    bool fallback = false;

    bool operator==(const Edge &) const = default;
};

// An output that pointed at an element, recorded when that element is removed so undo can put it back.
struct IncomingRef
{
    std::string source;
    std::size_t outputIndex = 0;
    Output output;

    bool operator==(const IncomingRef &) const = default;
};

struct RemovedElement
{
    Element element;
    std::size_t index = 0;
    std::vector<IncomingRef> incoming;
};

// Many elements removed in one pass (Route::removeElements): each with its index in the route before the
// removal, ascending, and the outputs of the remaining elements that pointed at any of them, in route order.
struct RemovedElements
{
    std::vector<std::pair<std::size_t, Element>> elements;
    std::vector<IncomingRef> incoming;
};

// The route metadata the API returns next to the elements. Every field is optional so that a bare
// `{"elements": [...]}` file round-trips without gaining keys.
struct RouteMetadata
{
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> accountTag;
    std::optional<std::string> gatewayId;
    std::optional<std::string> createdAt;
    std::optional<std::string> modifiedAt;
    std::optional<Json> deployment; // {created_at, deployment_id, version_id}: see RouteDeployment
    std::optional<Json> version;    // {active, created_at, data, version_id}: see RouteVersion
    Json extra = Json::object();    // unknown top-level fields

    bool operator==(const RouteMetadata &) const = default;
};

// A dynamic route: its elements and the API's metadata. Element lookup by id is O(1); edits keep the
// index current. Duplicate ids can exist (a file may have them, validation reports them); lookup then
// finds the first.
class Route
{
public:
    Route() = default;
    explicit Route(std::vector<Element> elements, RouteMetadata metadata = {});

    RouteMetadata &metadata() { return m_metadata; }
    const RouteMetadata &metadata() const { return m_metadata; }
    std::string id() const { return m_metadata.id.value_or(std::string()); }
    std::string name() const { return m_metadata.name.value_or(std::string()); }
    void setName(std::string name) { m_metadata.name = std::move(name); }

    const std::vector<Element> &elements() const { return m_elements; }
    std::size_t size() const { return m_elements.size(); }
    bool empty() const { return m_elements.empty(); }

    const Element *find(std::string_view id) const;
    Element *find(std::string_view id);
    bool contains(std::string_view id) const { return find(id) != nullptr; }
    std::optional<std::size_t> indexOf(std::string_view id) const;

    // Fails (false) for an empty or taken id. `index` beyond the end appends.
    bool addElement(Element element, std::size_t index = static_cast<std::size_t>(-1));
    // Removes the element and every output that pointed at it.
    std::optional<RemovedElement> removeElement(std::string_view id);
    // Exact inverse of removeElement.
    bool restoreElement(const RemovedElement &removed);
    // removeElement for many ids in one linear pass instead of one pass each (a select-all delete of 5,000
    // elements would otherwise rebuild the index 5,000 times). Ids that are missing, repeated or that name one
    // of duplicate elements are left alone: callers remove those one at a time (removeElement's rules).
    RemovedElements removeElements(const std::vector<std::string> &ids);
    // Exact inverse of removeElements, also in one pass. False (and nothing changed) when an id came back
    // in the meantime.
    bool restoreElements(const RemovedElements &removed);
    // Whether two elements share an id (validation reports it; bulk edits then go one element at a time).
    bool hasDuplicateIds() const { return m_index.size() != m_elements.size(); }
    // Swaps in a new state of an existing element (same id): the universal undo step for property edits.
    bool replaceElement(const Element &element);

    // Wires `from.output` to `to`; both must exist. Rewires an output that already has a target.
    bool connect(std::string_view from, std::string_view output, std::string_view to);
    bool disconnect(std::string_view from, std::string_view output);
    // Renames an element and every reference to it. Fails if `to` is empty or taken.
    bool renameElement(std::string_view from, std::string_view to);
    // Renames an output (a percentage share), keeping its place and target.
    bool renameOutput(std::string_view element, std::string_view from, std::string_view to);

    // `base` if free, else `base_2`, `base_3`, ...
    std::string freshId(std::string_view base) const;
    std::string freshId(ElementType type) const;

    std::vector<Edge> edges() const;
    // Elements whose outputs lead to `id`.
    std::vector<IncomingRef> incoming(std::string_view id) const;

    bool operator==(const Route &other) const;

private:
    void rebuildIndex();

    struct StringHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    std::vector<Element> m_elements;
    std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> m_index;
    RouteMetadata m_metadata;
};

} // namespace rd
