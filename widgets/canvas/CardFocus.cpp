#include "widgets/canvas/CardFocus.h"

#include "app/RouteDocument.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/FreeSpot.h"
#include "widgets/canvas/QuickAddPopup.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QMenu>
#include <QScrollBar>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_set>

namespace rd {

using namespace canvas;

CardFocus::CardFocus(RouteView *view) : QObject(view), m_view(view)
{
    QuickAddPopup *popup = m_view->quickAddPopup();
    connect(popup, &QuickAddPopup::elementChosen, this, &CardFocus::onElementChosen);
    connect(popup, &QuickAddPopup::typeChosen, this, &CardFocus::onTypeChosen);
    connect(popup, &QuickAddPopup::cancelled, this, [this] { m_connecting.reset(); });
    RouteDocument *document = view->document();
    if (document == nullptr) {
        return;
    }
    // The scene connected to these first, so its cards are already added, removed or rebuilt here.
    connect(document, &RouteDocument::elementRemoved, this, [this](const std::string &id) {
        if (id == m_id) {
            m_id.clear();
        }
        if (id == m_cameFrom) {
            m_cameFrom.clear();
        }
    });
    connect(document, &RouteDocument::elementRenamed, this, [this](const std::string &from, const std::string &to) {
        m_id = m_id == from ? to : m_id;
        m_cameFrom = m_cameFrom == from ? to : m_cameFrom;
    });
    connect(document, &RouteDocument::documentReset, this, [this] {
        if (ElementItem *card = item(m_id)) {
            card->setFocusRing(true);
        } else {
            m_id.clear();
        }
        m_cameFrom.clear();
    });
    // The scene has dropped its cards by now: nothing is left to focus or to connect.
    connect(document, &QObject::destroyed, this, [this] {
        m_id.clear();
        m_cameFrom.clear();
        m_connecting.reset();
    });
}

RouteScene *CardFocus::scene() const
{
    return m_view->routeScene();
}

RouteDocument *CardFocus::document() const
{
    return m_view->document();
}

ElementItem *CardFocus::item(const std::string &id) const
{
    const RouteScene *routeScene = scene();
    return id.empty() || routeScene == nullptr ? nullptr : routeScene->elementItem(id);
}

void CardFocus::focus(std::string id, std::string cameFrom)
{
    ElementItem *card = item(id);
    if (card == nullptr) {
        return;
    }
    if (ElementItem *old = item(m_id); old != nullptr && old != card) {
        old->setFocusRing(false);
    }
    m_id = std::move(id);
    m_cameFrom = std::move(cameFrom);
    card->setFocusRing(true);
    scene()->selectElements({m_id}); // a card was found: the scene is there
    m_view->ensureVisible(card->sceneBoundingRect(), 40, 40);
}

void CardFocus::clear()
{
    if (ElementItem *old = item(m_id)) {
        old->setFocusRing(false);
    }
    m_id.clear();
    m_cameFrom.clear();
}

std::vector<std::string> CardFocus::tabOrder() const
{
    struct Entry
    {
        QPointF pos;
        std::string id;
    };
    const RouteDocument *doc = document();
    if (doc == nullptr) {
        return {};
    }
    std::vector<Entry> entries;
    std::unordered_set<std::string> seen;
    for (const Element &element : doc->route().elements()) {
        if (const ElementItem *card = item(element.id); card != nullptr && seen.insert(element.id).second) {
            entries.push_back({card->pos(), element.id});
        }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return a.pos.x() != b.pos.x() ? a.pos.x() < b.pos.x() : a.pos.y() < b.pos.y();
    });
    std::vector<std::string> ids;
    ids.reserve(entries.size());
    for (Entry &entry : entries) {
        ids.push_back(std::move(entry.id));
    }
    return ids;
}

bool CardFocus::tab(bool forward)
{
    const std::vector<std::string> order = tabOrder();
    if (order.empty()) {
        return false;
    }
    if (!isActive()) {
        const std::vector<std::string> selected = scene()->selectedElementIds(); // the order came from it
        focus(selected.size() == 1 ? selected.front() : (forward ? order.front() : order.back()));
        return true;
    }
    const auto it = std::find(order.begin(), order.end(), m_id);
    if (it == order.end()) {
        focus(forward ? order.front() : order.back());
        return true;
    }
    if (forward ? it + 1 == order.end() : it == order.begin()) {
        return false;
    }
    focus(forward ? *(it + 1) : *(it - 1));
    return true;
}

std::vector<std::string> CardFocus::sources(const std::string &id) const
{
    std::vector<std::string> ids;
    const RouteDocument *doc = document();
    if (doc == nullptr) {
        return ids;
    }
    for (const IncomingRef &ref : doc->route().incoming(id)) {
        if (item(ref.source) != nullptr && std::find(ids.begin(), ids.end(), ref.source) == ids.end()) {
            ids.push_back(ref.source);
        }
    }
    return ids;
}

std::string CardFocus::topmost(const std::vector<std::string> &ids) const
{
    std::string best;
    QPointF bestPos;
    for (const std::string &id : ids) {
        const QPointF pos = item(id)->pos();
        if (best.empty() || pos.y() < bestPos.y() || (pos.y() == bestPos.y() && pos.x() < bestPos.x())) {
            best = id;
            bestPos = pos;
        }
    }
    return best;
}

std::string CardFocus::nearestVertically(bool up) const
{
    const ElementItem *from = item(m_id);
    const QPointF origin = from->sceneBoundingRect().center();
    std::string best;
    qreal bestScore = 0;
    for (QGraphicsItem *candidate : from->scene()->items()) {
        if (candidate->type() != ElementItem::Type || candidate == from) {
            continue;
        }
        const QPointF d = candidate->sceneBoundingRect().center() - origin;
        // Within a cone above (below): sideways steps count double, so the card straight above wins.
        if ((up ? d.y() >= 0 : d.y() <= 0) || std::abs(d.x()) > 2 * std::abs(d.y())) {
            continue;
        }
        const qreal score = std::abs(d.y()) + 2 * std::abs(d.x());
        if (best.empty() || score < bestScore) {
            best = static_cast<ElementItem *>(candidate)->elementId();
            bestScore = score;
        }
    }
    return best;
}

bool CardFocus::arrow(int key)
{
    const ElementItem *card = item(m_id);
    const RouteDocument *doc = document();
    if (card == nullptr || doc == nullptr) {
        return false;
    }
    const Route &route = doc->route();
    const Element *element = route.find(m_id);
    switch (key) {
    case Qt::Key_Right:
        for (const ElementItem::Port &port : card->ports()) {
            const Output *out = element != nullptr ? element->output(port.name) : nullptr;
            if (out != nullptr && item(out->target) != nullptr) {
                focus(out->target, m_id);
                return true;
            }
        }
        return false;
    case Qt::Key_Left: {
        const std::vector<std::string> from = sources(m_id);
        if (from.empty()) {
            return false;
        }
        const bool back = std::find(from.begin(), from.end(), m_cameFrom) != from.end();
        focus(back ? m_cameFrom : topmost(from));
        return true;
    }
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const bool up = key == Qt::Key_Up;
        // Arrived along a wire: its parent's other outputs come first. Arrived by Tab or by position: there is
        // no one parent to speak of (an end has many), so Up and Down go by position.
        const std::vector<std::string> from = sources(m_id);
        const bool known = std::find(from.begin(), from.end(), m_cameFrom) != from.end();
        const std::string parent = known ? m_cameFrom : std::string();
        if (const ElementItem *parentCard = item(parent)) {
            // The parent's targets in port order, each once: Up and Down walk its outputs like a list.
            std::vector<std::string> siblings;
            const Element *parentElement = route.find(parent);
            for (const ElementItem::Port &port : parentCard->ports()) {
                const Output *out = parentElement != nullptr ? parentElement->output(port.name) : nullptr;
                if (out != nullptr && item(out->target) != nullptr &&
                    std::find(siblings.begin(), siblings.end(), out->target) == siblings.end()) {
                    siblings.push_back(out->target);
                }
            }
            const auto it = std::find(siblings.begin(), siblings.end(), m_id);
            if (it != siblings.end()) {
                if (up && it != siblings.begin()) {
                    focus(*(it - 1), parent);
                    return true;
                }
                if (!up && it + 1 != siblings.end()) {
                    focus(*(it + 1), parent);
                    return true;
                }
            }
        }
        const std::string next = nearestVertically(up);
        if (next.empty()) {
            return false;
        }
        focus(next);
        return true;
    }
    default:
        return false;
    }
}

std::string CardFocus::actionTarget() const
{
    const RouteScene *routeScene = scene();
    if (routeScene == nullptr) {
        return {};
    }
    if (isActive()) {
        return m_id;
    }
    const std::vector<std::string> selected = routeScene->selectedElementIds();
    return selected.size() == 1 ? selected.front() : std::string();
}

void CardFocus::openConnectPicker(const std::string &id, const std::string &output)
{
    const ElementItem *card = item(id);
    const RouteDocument *doc = document();
    if (m_view->isReadOnly() || card == nullptr || doc == nullptr || card->ports().empty()) {
        return;
    }
    std::vector<std::string> outputs;
    int current = -1;
    for (const ElementItem::Port &port : card->ports()) {
        const bool wanted = output.empty() ? !port.wired : port.name == output;
        if (current < 0 && wanted) {
            current = static_cast<int>(outputs.size());
        }
        outputs.push_back(port.name);
    }
    current = std::max(current, 0);

    const Route &route = doc->route();
    bool hasStart = false;
    for (const Element &element : route.elements()) {
        hasStart = hasStart || element.type == ElementType::Start;
    }
    const std::vector<ElementType> types =
        QuickAddPopup::offeredTypes(hasStart, card->elementType(), outputs[static_cast<std::size_t>(current)]);

    // Existing elements that can take a wire: the likeliest type first (a model's success: the end), then the
    // nearest, the ones to the right (where routes flow) before the ones behind.
    const QPointF port = card->mapToScene(card->outputPortPos(current));
    const auto typeRank = [&types](ElementType type) {
        return static_cast<std::size_t>(std::find(types.begin(), types.end(), type) - types.begin());
    };
    std::vector<std::tuple<std::size_t, qreal, QuickAddPopup::Existing>> ranked;
    std::unordered_set<std::string> seen;
    for (const Element &element : route.elements()) {
        const ElementItem *target = item(element.id);
        if (target == nullptr || element.id == id || !target->hasInput() || !seen.insert(element.id).second) {
            continue;
        }
        const QPointF input = target->mapToScene(target->inputPortPos());
        const qreal distance = QLineF(port, input).length() + (input.x() < port.x() ? 1e6 : 0);
        ranked.emplace_back(typeRank(element.type), distance, QuickAddPopup::Existing{element.id, element.type});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    std::vector<QuickAddPopup::Existing> existing;
    existing.reserve(ranked.size());
    for (auto &entry : ranked) {
        existing.push_back(std::move(std::get<2>(entry)));
    }

    const QPoint at = m_view->viewport()->mapToGlobal(m_view->mapFromScene(port) + QPoint(14, -14));
    m_connecting = id;
    m_view->quickAddPopup()->popupConnect(at, id, std::move(outputs), current, existing, types);
}

void CardFocus::onElementChosen(const std::string &target)
{
    if (!m_connecting) {
        return;
    }
    const std::string source = *m_connecting;
    m_connecting.reset();
    RouteDocument *doc = document();
    if (doc == nullptr) {
        return;
    }
    const std::string output = m_view->quickAddPopup()->currentOutput();
    doc->connectOutput(source, output, target);
    // The focus stays on the source, so its next output can be connected straight away.
    focus(source, m_cameFrom);
}

void CardFocus::onTypeChosen(ElementType type)
{
    if (!m_connecting) {
        return;
    }
    const std::string source = *m_connecting;
    m_connecting.reset();
    const ElementItem *card = item(source);
    RouteDocument *doc = document();
    const std::string output = m_view->quickAddPopup()->currentOutput();
    const std::optional<int> index = card != nullptr ? card->outputIndex(output) : std::nullopt;
    if (!index || doc == nullptr) {
        return;
    }
    // Right of the source, its input level with the output, or the nearest free spot to that.
    const QPointF port = card->mapToScene(card->outputPortPos(*index));
    const QPointF wanted = port + QPointF(4 * kGrid, 0) - ElementItem::inputPortOffset();
    const ElementItem shape(RouteDocument::makeElement(type, "new"));
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    const QPointF pos = FreeSpot::forScene(*scene()).nearest({shape.cardRect()}, wanted, visible);
    const std::string id = doc->addElement(type, pos, RouteDocument::OutputRef{source, output});
    focus(id, source);
}

QMenu *CardFocus::showContextMenu(const std::string &id, QPoint globalPos)
{
    const ElementItem *card = item(id);
    const RouteDocument *doc = document();
    if (card == nullptr || doc == nullptr) {
        return nullptr;
    }
    // One menu at a time, replaced when the next opens: deleting it as it closes (WA_DeleteOnClose) would also
    // close the connect picker it has just asked for.
    delete m_menu;
    auto *menu = new QMenu(m_view);
    m_menu = menu;
    menu->setObjectName(QStringLiteral("cardContextMenu"));
    QMenu *connectMenu = menu->addMenu(tr("Co&nnect Output"));
    connectMenu->setObjectName(QStringLiteral("connectOutputMenu"));
    const Element *element = doc->route().find(id);
    for (const ElementItem::Port &port : card->ports()) {
        const Output *out = element != nullptr ? element->output(port.name) : nullptr;
        const QString name = QString::fromStdString(port.name);
        const QString text = out != nullptr && !out->target.empty()
                                 ? tr("%1 → %2…").arg(name, QString::fromStdString(out->target))
                                 : tr("%1 (not connected)…").arg(name);
        QAction *action = connectMenu->addAction(text);
        // After the menu has closed: the picker is a popup of its own.
        connect(action, &QAction::triggered, this, [this, id, output = port.name] {
            QMetaObject::invokeMethod(
                this, [this, id, output] { openConnectPicker(id, output); }, Qt::QueuedConnection);
        });
    }
    connectMenu->setEnabled(!card->ports().empty() && !m_view->isReadOnly());
    menu->addSeparator();
    menu->addAction(m_view->duplicateAction());
    menu->addAction(m_view->deleteAction());
    menu->popup(globalPos);
    return menu;
}

} // namespace rd
