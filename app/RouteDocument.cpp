#include "app/RouteDocument.h"

#include "app/ElementStateCommand.h"
#include "app/InsertElementsCommand.h"
#include "app/MoveElementsCommand.h"
#include "app/RemoveElementsCommand.h"
#include "app/RenameElementCommand.h"
#include "app/RouteSnapshotCommand.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/Validator.h"

#include <QUndoStack>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <set>
#include <unordered_set>

namespace rd {

namespace {

QString quotedId(const std::string &id)
{
    return QStringLiteral("'%1'").arg(QString::fromStdString(id));
}

std::size_t countId(const Route &route, std::string_view id)
{
    return static_cast<std::size_t>(
        std::count_if(route.elements().begin(), route.elements().end(), [&](const Element &e) { return e.id == id; }));
}

// "model_3" -> "model": a pasted copy is named after what it is, not after the copy it came from.
std::string baseName(const std::string &id)
{
    const std::size_t underscore = id.rfind('_');
    if (underscore == std::string::npos || underscore == 0 || underscore + 1 == id.size()) {
        return id;
    }
    const bool digits = std::all_of(id.begin() + static_cast<std::ptrdiff_t>(underscore) + 1, id.end(),
                                    [](unsigned char c) { return std::isdigit(c) != 0; });
    return digits ? id.substr(0, underscore) : id;
}

// Unwiring an output: a percentage share is a property the user set, so the branch stays and only loses its
// target; the other types' outputs are fixed ports, where an absent output is what "unwired" means.
void unwire(Element &element, const std::string &output)
{
    if (element.type == ElementType::Percentage) {
        if (Output *o = element.output(output)) {
            o->target.clear();
        }
    } else {
        element.removeOutput(output);
    }
}

Json positionsToJson(const RouteDocument::Positions &positions, const std::vector<std::string> &order)
{
    Json json = Json::object();
    for (const std::string &id : order) {
        if (const auto it = positions.find(id); it != positions.end()) {
            json[id] = Json::array({it->second.x(), it->second.y()});
        }
    }
    return json;
}

} // namespace

RouteDocument::RouteDocument(Route route, Positions positions, QObject *parent)
    : QObject(parent), m_route(std::move(route)), m_positions(std::move(positions)), m_undo(new QUndoStack(this))
{
    m_findings = Validator::validate(m_route);
}

RouteDocument::~RouteDocument() = default;

std::optional<QPointF> RouteDocument::position(const std::string &id) const
{
    const auto it = m_positions.find(id);
    if (it == m_positions.end()) {
        return std::nullopt;
    }
    return it->second;
}

bool RouteDocument::isClean() const
{
    return m_undo->isClean();
}

RouteDocument::BulkChange::BulkChange(RouteDocument *document, std::size_t elements)
    : m_document(document), m_outermost(elements > 1 && document->m_bulkDepth == 0)
{
    if (m_outermost) {
        ++m_document->m_bulkDepth;
        emit m_document->bulkChangeStarted();
    }
}

RouteDocument::BulkChange::~BulkChange()
{
    if (m_outermost) {
        --m_document->m_bulkDepth;
        emit m_document->bulkChangeFinished();
    }
}

void RouteDocument::setClean()
{
    m_undo->setClean();
}

void RouteDocument::reset(Route route, Positions positions)
{
    // Commands point into the old state: they go first, before anything can call undo on them.
    m_undo->clear();
    m_route = std::move(route);
    m_positions = std::move(positions);
    emit documentReset();
    m_findings = validate();
    emit findingsChanged();
    emit changed();
}

void RouteDocument::setExtraCheck(ExtraCheck check)
{
    m_extraCheck = std::move(check);
    revalidate();
}

std::vector<Finding> RouteDocument::validate() const
{
    std::vector<Finding> findings = Validator::validate(m_route);
    if (m_extraCheck) {
        std::vector<Finding> extra = m_extraCheck(m_route);
        findings.insert(findings.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
    }
    return findings;
}

void RouteDocument::revalidate()
{
    std::vector<Finding> findings = validate();
    if (findings == m_findings) {
        return;
    }
    m_findings = std::move(findings);
    emit findingsChanged();
}

Element RouteDocument::makeElement(ElementType type, std::string id)
{
    Element element = Element::make(type, std::move(id));
    if (type == ElementType::Percentage && element.outputs.empty()) {
        element.outputs.push_back(Output{"100%", {}, {}});
    }
    return element;
}

std::string RouteDocument::addElement(ElementType type, QPointF pos, const std::optional<OutputRef> &connectFrom)
{
    const std::string id = m_route.freshId(type);
    Element element = makeElement(type, id);

    std::optional<InsertElementsCommand::SourceChange> source;
    if (connectFrom && !connectFrom->output.empty()) {
        if (const Element *from = m_route.find(connectFrom->element)) {
            InsertElementsCommand::SourceChange change{*from, *from};
            change.after.setOutput(connectFrom->output, id);
            source = std::move(change);
        }
    }
    const QString text = tr("Add %1").arg(QString::fromStdString(id));
    m_undo->push(new InsertElementsCommand(this, {std::move(element)}, Positions{{id, pos}}, std::move(source), text));
    return id;
}

void RouteDocument::removeElements(const std::vector<std::string> &ids)
{
    removeSelection(ids, {});
}

void RouteDocument::removeSelection(const std::vector<std::string> &elements, const std::vector<OutputRef> &wires)
{
    std::vector<std::string> targets;
    std::unordered_set<std::string> removing;
    bool duplicated = false;
    for (const std::string &id : elements) {
        if (m_route.contains(id) && removing.insert(id).second) {
            targets.push_back(id);
            duplicated = duplicated || (m_route.hasDuplicateIds() && countId(m_route, id) > 1);
        }
    }

    // One entry per source element, however many of its outputs were selected, in the order first seen.
    std::vector<RemoveElementsCommand::Unwire> unwired;
    std::unordered_map<std::string, std::size_t> unwiredIndex;
    std::set<std::pair<std::string, std::string>> seenWires;
    const OutputRef *firstWire = nullptr;
    std::size_t wireCount = 0;
    for (const OutputRef &wire : wires) {
        const Element *source = m_route.find(wire.element);
        const Output *output = source ? source->output(wire.output) : nullptr;
        if (!output || output->target.empty() || removing.count(wire.element) || removing.count(output->target) ||
            !seenWires.emplace(wire.element, wire.output).second) {
            continue;
        }
        duplicated = duplicated || (m_route.hasDuplicateIds() && countId(m_route, wire.element) > 1);
        const auto [it, inserted] = unwiredIndex.try_emplace(wire.element, unwired.size());
        if (inserted) {
            unwired.push_back({*source, *source});
        }
        unwire(unwired[it->second].after, wire.output);
        firstWire = firstWire ? firstWire : &wire;
        ++wireCount;
    }
    if (targets.empty() && wireCount == 0) {
        return;
    }

    QString text;
    if (targets.empty()) {
        text = wireCount == 1
                   ? tr("Disconnect %1 %2").arg(quotedId(firstWire->element), QString::fromStdString(firstWire->output))
                   : tr("Disconnect %n wire(s)", nullptr, static_cast<int>(wireCount));
    } else {
        const QString what = targets.size() == 1 ? quotedId(targets.front())
                                                 : tr("%n element(s)", nullptr, static_cast<int>(targets.size()));
        text = wireCount == 0 ? tr("Delete %1").arg(what)
                              : tr("Delete %1 and %n wire(s)", nullptr, static_cast<int>(wireCount)).arg(what);
    }

    if (duplicated) {
        // Removing one of two equal ids leaves the other in place, which restoreElement cannot undo.
        Route after = m_route;
        Positions afterPositions = m_positions;
        for (const RemoveElementsCommand::Unwire &u : unwired) {
            after.replaceElement(u.after);
        }
        for (const std::string &id : targets) {
            after.removeElement(id);
            if (!after.contains(id)) {
                afterPositions.erase(id);
            }
        }
        m_undo->push(new RouteSnapshotCommand(this, std::move(after), std::move(afterPositions), text));
        return;
    }
    m_undo->push(new RemoveElementsCommand(this, std::move(targets), text, std::move(unwired)));
}

void RouteDocument::connectOutput(const std::string &from, const std::string &output, const std::string &to)
{
    const Element *source = m_route.find(from);
    if (!source || output.empty() || !m_route.contains(to)) {
        return;
    }
    Element after = *source;
    after.setOutput(output, to);
    if (after == *source) {
        return;
    }
    const QString text = tr("Connect %1 %2 to %3").arg(quotedId(from), QString::fromStdString(output), quotedId(to));
    m_undo->push(new ElementStateCommand(this, *source, std::move(after), text));
}

void RouteDocument::disconnectOutput(const std::string &from, const std::string &output)
{
    const Element *source = m_route.find(from);
    if (!source || !source->output(output)) {
        return;
    }
    Element after = *source;
    unwire(after, output);
    if (after == *source) {
        return;
    }
    const QString text = tr("Disconnect %1 %2").arg(quotedId(from), QString::fromStdString(output));
    m_undo->push(new ElementStateCommand(this, *source, std::move(after), text));
}

void RouteDocument::moveElements(const Positions &newPositions)
{
    std::vector<MoveElementsCommand::Entry> entries;
    entries.reserve(newPositions.size());
    for (const auto &[id, pos] : newPositions) {
        if (m_route.contains(id)) {
            entries.push_back({id, position(id), pos});
        }
    }
    // Only a move of nothing at all is dropped: filtering single entries would change the set and split a drag.
    if (std::all_of(entries.begin(), entries.end(), [](const auto &e) { return e.before && *e.before == e.after; })) {
        return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    const QString text = entries.size() == 1 ? tr("Move %1").arg(quotedId(entries.front().id))
                                             : tr("Move %n elements", nullptr, static_cast<int>(entries.size()));
    m_undo->push(new MoveElementsCommand(this, std::move(entries), text, true));
}

void RouteDocument::updateElement(const Element &element, const QString &description, const QString &mergeKey)
{
    const Element *current = m_route.find(element.id);
    if (!current || *current == element) {
        return;
    }
    m_undo->push(new ElementStateCommand(this, *current, element, description, mergeKey));
}

bool RouteDocument::renameElement(const std::string &from, const std::string &to)
{
    if (to.empty() || from == to || m_route.contains(to) || !m_route.contains(from)) {
        return false;
    }
    const QString text = tr("Rename %1 to %2").arg(quotedId(from), quotedId(to));
    if (countId(m_route, from) > 1) {
        // Renaming the first of two equal ids cannot be undone by renaming back: the other one holds the name.
        Route after = m_route;
        after.renameElement(from, to);
        Positions afterPositions = m_positions;
        if (const auto it = afterPositions.find(from); it != afterPositions.end()) {
            afterPositions[to] = it->second;
        }
        m_undo->push(new RouteSnapshotCommand(this, std::move(after), std::move(afterPositions), text));
        return true;
    }
    m_undo->push(new RenameElementCommand(this, from, to, text));
    return true;
}

bool RouteDocument::addBranch(const std::string &element, const std::string &share, const std::string &target)
{
    const Element *current = m_route.find(element);
    if (!current || current->type != ElementType::Percentage || share.empty() || current->output(share) ||
        (!target.empty() && !m_route.contains(target))) {
        return false;
    }
    Element after = *current;
    after.outputs.push_back(Output{share, target, {}});
    const QString text = tr("Add branch %1 to %2").arg(QString::fromStdString(share), quotedId(element));
    m_undo->push(new ElementStateCommand(this, *current, std::move(after), text));
    return true;
}

bool RouteDocument::removeBranch(const std::string &element, const std::string &share)
{
    const Element *current = m_route.find(element);
    if (!current || current->type != ElementType::Percentage || !current->output(share)) {
        return false;
    }
    Element after = *current;
    after.removeOutput(share);
    const QString text = tr("Remove branch %1 of %2").arg(QString::fromStdString(share), quotedId(element));
    m_undo->push(new ElementStateCommand(this, *current, std::move(after), text));
    return true;
}

bool RouteDocument::changeBranchShare(const std::string &element, const std::string &from, const std::string &to)
{
    const Element *current = m_route.find(element);
    if (!current || current->type != ElementType::Percentage || to.empty() || !current->output(from) ||
        current->output(to)) {
        return false;
    }
    Element after = *current;
    after.output(from)->name = to;
    const QString text = tr("Change share %1 of %2 to %3")
                             .arg(QString::fromStdString(from), quotedId(element), QString::fromStdString(to));
    m_undo->push(new ElementStateCommand(this, *current, std::move(after), text));
    return true;
}

std::vector<std::string> RouteDocument::paste(const std::vector<Element> &elements, const Positions &positions,
                                              QPointF offset)
{
    if (elements.empty()) {
        return {};
    }
    // New ids first: a pasted element keeps its id when that is free, else gets a fresh one with the same base.
    std::unordered_map<std::string, std::string> remap;
    std::unordered_set<std::string> taken;
    std::vector<std::string> newIds;
    newIds.reserve(elements.size());
    // Where each base's search for a free suffix goes on: 1,000 pasted copies of model_N would otherwise each
    // try model_2, model_3, ... from the start (half a million lookups in a route of 5,000).
    std::unordered_map<std::string, std::size_t> nextSuffix;
    for (const Element &e : elements) {
        const std::string wanted = e.id.empty() ? std::string(elementTypeName(e.type)) : e.id;
        std::string id = wanted;
        if (id.empty() || m_route.contains(id) || taken.count(id)) {
            const std::string base = baseName(wanted.empty() ? std::string("element") : wanted);
            std::size_t &n = nextSuffix.try_emplace(base, 2).first->second;
            id = base;
            while (id.empty() || m_route.contains(id) || taken.count(id)) {
                id = base + "_" + std::to_string(n++);
            }
        }
        taken.insert(id);
        remap.try_emplace(e.id, id); // the first of duplicate ids is the one references meant
        newIds.push_back(id);
    }

    std::vector<Element> inserted;
    inserted.reserve(elements.size());
    Positions newPositions;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        Element copy = elements[i];
        copy.id = newIds[i];
        std::vector<std::string> leaving;
        for (Output &o : copy.outputs) {
            if (o.target.empty()) {
                continue;
            }
            if (const auto it = remap.find(o.target); it != remap.end()) {
                o.target = it->second;
            } else {
                leaving.push_back(o.name);
            }
        }
        for (const std::string &name : leaving) {
            unwire(copy, name);
        }
        const auto pos = positions.find(elements[i].id);
        newPositions[copy.id] = (pos == positions.end() ? QPointF() : pos->second) + offset;
        inserted.push_back(std::move(copy));
    }
    const QString text = inserted.size() == 1 ? tr("Paste %1").arg(quotedId(newIds.front()))
                                              : tr("Paste %n elements", nullptr, static_cast<int>(inserted.size()));
    m_undo->push(new InsertElementsCommand(this, std::move(inserted), newPositions, std::nullopt, text));
    return newIds;
}

void RouteDocument::setPositions(const Positions &positions, const QString &description)
{
    std::vector<MoveElementsCommand::Entry> entries;
    entries.reserve(positions.size());
    for (const auto &[id, pos] : positions) {
        const std::optional<QPointF> before = position(id);
        if (m_route.contains(id) && (!before || *before != pos)) {
            entries.push_back({id, before, pos});
        }
    }
    if (entries.empty()) {
        return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    m_undo->push(new MoveElementsCommand(this, std::move(entries), description, false));
}

QString RouteDocument::clipboardMimeType()
{
    return QStringLiteral("application/x-route-designer-elements+json");
}

QByteArray RouteDocument::copy(const std::vector<std::string> &ids) const
{
    const std::unordered_set<std::string> wanted(ids.begin(), ids.end());
    std::vector<Element> elements;
    std::vector<std::string> order;
    for (const Element &e : m_route.elements()) {
        if (wanted.count(e.id)) {
            elements.push_back(e);
            order.push_back(e.id);
        }
    }
    Json payload = Json::object();
    payload["elements"] = RouteCodec::encodeElements(elements);
    payload["positions"] = positionsToJson(m_positions, order);
    return QByteArray::fromStdString(JsonText::compact(payload));
}

bool RouteDocument::parseClipboard(const QByteArray &data, std::vector<Element> &elements, Positions &positions)
{
    Decoded<Json> json = JsonText::parse(std::string_view(data.constData(), static_cast<std::size_t>(data.size())));
    if (!json || !json.value->is_object()) {
        return false;
    }
    const Json &payload = *json.value;
    const auto elementsIt = payload.find("elements");
    if (elementsIt == payload.end() || !elementsIt->is_array()) {
        return false;
    }
    Decoded<std::vector<Element>> decoded = RouteCodec::decodeElements(*elementsIt);
    if (!decoded) {
        return false;
    }
    Positions parsed;
    if (const auto positionsIt = payload.find("positions"); positionsIt != payload.end()) {
        if (!positionsIt->is_object()) {
            return false;
        }
        for (const auto &[id, value] : positionsIt->items()) {
            if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number()) {
                return false;
            }
            const double x = value[0].get<double>();
            const double y = value[1].get<double>();
            if (!std::isfinite(x) || !std::isfinite(y)) {
                return false;
            }
            parsed[id] = QPointF(x, y);
        }
    }
    elements = std::move(*decoded.value);
    positions = std::move(parsed);
    return true;
}

void RouteDocument::replaceElements(const Route &other, const Positions &positions, const QString &description)
{
    Route after(other.elements(), m_route.metadata());
    m_undo->push(new RouteSnapshotCommand(this, std::move(after), positions, description));
}

} // namespace rd
