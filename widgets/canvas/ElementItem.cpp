#include "widgets/canvas/ElementItem.h"

#include "app/RouteDocument.h"
#include "app/StatusColors.h"
#include "model/ElementTypes.h"
#include "widgets/ElementTypeStyle.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/CardPaths.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/RouteScene.h"

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace rd {

using namespace canvas;

namespace {

// Fonts, pens and brushes shared by every card: built once, never per paint.
struct CardStyle
{
    QFont typeFont = font(13, true);
    QFont idFont = font(12, false);
    QFont summaryFont = font(canvas::kSmallTextPixels, false);
    QFont portFont = font(canvas::kSmallTextPixels, false);
    QFont badgeFont = font(canvas::kSmallTextPixels, true);
    // The compact face's, in screen pixels: it paints them with the zoom undone.
    QFont compactTitleFont = font(canvas::kCompactTitlePixels, true);
    QFont compactSummaryFont = font(canvas::kCompactSummaryPixels, false);
    QFont compactBadgeFont = font(canvas::kCompactSummaryPixels, true);
    QPen borderPen{kCardBorder, 1};
    QPen compactBorderPen{kCardBorder, 1}; // cosmetic: a pixel wide, not a third of one
    QPen selectedPen{StatusColors::mark(StatusColors::Role::Selection), 2.5};
    QPen farSelectedPen{kFarSelection, 3};
    QPen separatorPen{kCardSeparator, 1};
    QPen summaryPen{kCardSummaryInk};
    QPen portLabelPen{kCardInk};
    QPen fallbackLabelPen{kFallback};
    QPen headerTextPen{Qt::white};
    QPen headerIdPen{kHeaderIdInk};
    QPen portRingPen{Qt::white, 1.5};
    QPen badgeRingPen{Qt::white, 1.5};
    QBrush cardBrush{Qt::white};
    QBrush shadowNear{kCardShadowNear};
    QBrush shadowFar{kCardShadowFar};
    QBrush inputBrush{kNeutralInk};
    QBrush fallbackPortBrush{kFallbackPort};
    QBrush errorBrush{StatusColors::mark(StatusColors::Role::Error)};
    QFontMetricsF typeMetrics{typeFont};
    QFontMetricsF idMetrics{idFont};
    QFontMetricsF summaryMetrics{summaryFont};
    QFontMetricsF portMetrics{portFont};
    QFontMetricsF badgeMetrics{badgeFont};
    QFontMetricsF compactTitleMetrics{compactTitleFont};
    QFontMetricsF compactSummaryMetrics{compactSummaryFont};
    QFontMetricsF compactBadgeMetrics{compactBadgeFont};
    QBrush warningBrush{StatusColors::mark(StatusColors::Role::Warning)};
    // The warning amber, dark enough to read on a white card.
    QColor compactWarningText = StatusColors::text(StatusColors::Role::Warning, StatusColors::Scheme::Light);

    static QFont font(qreal pixels, bool bold)
    {
        QFont f;
        f.setPixelSize(qRound(pixels));
        f.setBold(bold);
        return f;
    }

    CardStyle()
    {
        farSelectedPen.setCosmetic(true); // visible however far out
        compactBorderPen.setCosmetic(true);
    }
};

const CardStyle &cardStyle()
{
    static const CardStyle style;
    return style;
}

// The x of the id in the header, after the type's name: one measurement per type, not per card.
qreal idOffset(const QString &typeName)
{
    static std::unordered_map<QString, qreal> offsets;
    const auto it = offsets.find(typeName);
    if (it != offsets.end()) {
        return it->second;
    }
    const qreal x = 12 + cardStyle().typeMetrics.horizontalAdvance(typeName) + 8;
    offsets.emplace(typeName, x);
    return x;
}

// Laid out lazily, on first paint: building 5,000 cards then costs nothing for the ones off screen.
QStaticText staticText(const QString &text)
{
    QStaticText s(text);
    s.setTextFormat(Qt::PlainText);
    s.setPerformanceHint(QStaticText::AggressiveCaching);
    return s;
}

// The ports a card shows: the fixed outputs of its type in their canonical order (wired or not, so a wire
// can be dragged from them), then whatever else the element has in file order.
std::vector<std::string> portNames(const Element &element)
{
    std::vector<std::string> names;
    for (std::string_view required : requiredOutputs(element.type)) {
        names.emplace_back(required);
    }
    for (const Output &out : element.outputs) {
        if (std::find(names.begin(), names.end(), out.name) == names.end()) {
            names.push_back(out.name);
        }
    }
    return names;
}

} // namespace

ElementItem::ElementItem(const Element &element)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(false);
    // A card's antialiased shadow, outline and texts are painted once per zoom level into a pixmap, then
    // copied: scrolling and dragging repaint cards far more often than they change.
    setCacheMode(DeviceCoordinateCache);
    setElement(element);
}

ElementItem::~ElementItem() = default;

qreal ElementItem::canvasWidth()
{
    return kNodeWidth;
}

bool ElementItem::hasInput() const
{
    return ElementTypes::of(m_type).hasInput;
}

QPointF ElementItem::inputPortOffset()
{
    return {0, kPortsTop + kPortRowHeight / 2};
}

void ElementItem::setElement(const Element &element)
{
    m_id = element.id;
    m_type = element.type;
    m_color = ElementTypeStyle::color(m_type);

    m_typeName = m_type == ElementType::Unknown && !element.unknownTypeName.empty()
                     ? QString::fromStdString(element.unknownTypeName)
                     : ElementTypeStyle::displayName(m_type);
    m_fullSummary = QString::fromStdString(element.summary());
    m_title = QString::fromStdString(m_id);
    m_summary = m_fullSummary;
    if (m_type == ElementType::Model && element.model.model && !element.model.model->empty()) {
        // Zoomed out a model card has room for a dozen characters: the model's own name, without its provider
        // or catalogue path (@cf/meta/), is what tells it apart. The tooltip keeps the whole summary.
        const QString model = QString::fromStdString(*element.model.model);
        m_summary = model.section(QLatin1Char('/'), -1);
    }
    m_compactWidth = -1;
    m_titleAdvance = -1;
    m_summaryAdvance = -1;
    m_full.reset();
    m_compactTexts.reset();

    m_ports.clear();
    for (std::string &name : portNames(element)) {
        Port port;
        const Output *out = element.output(name);
        port.wired = out != nullptr && !out->target.empty();
        port.fallback = isFallbackOutput(m_type, name);
        port.y = kPortsTop + kPortRowHeight * (static_cast<qreal>(m_ports.size()) + 0.5);
        port.name = std::move(name);
        m_ports.push_back(std::move(port));
    }

    setToolTip(m_title + QStringLiteral(" — ") + m_typeName + QLatin1Char('\n') + m_fullSummary);
    rebuildGeometry();
    update();
}

void ElementItem::prepareTexts()
{
    if (m_full) {
        return;
    }
    m_full = std::make_unique<FullTexts>();
    const CardStyle &st = cardStyle();
    m_full->type = staticText(m_typeName);
    m_idX = idOffset(m_typeName);
    const qreal idRoom = kNodeWidth - m_idX - 14;
    m_full->id = staticText(st.idMetrics.elidedText(m_title, Qt::ElideMiddle, idRoom));
    m_full->summary = staticText(st.summaryMetrics.elidedText(m_fullSummary, Qt::ElideRight, kNodeWidth - 24));
    if (m_errors + m_warnings > 0) {
        const QString count = QString::number(m_errors + m_warnings);
        m_full->badge = staticText(count);
        m_badgeWidth = st.badgeMetrics.horizontalAdvance(count);
    }
    m_full->ports.reserve(m_ports.size());
    for (const Port &port : m_ports) {
        const QString label =
            st.portMetrics.elidedText(QString::fromStdString(port.name), Qt::ElideMiddle, kNodeWidth - 40);
        m_full->ports.emplace_back(staticText(label), st.portMetrics.horizontalAdvance(label));
    }
}

void ElementItem::rebuildGeometry()
{
    prepareGeometryChange();
    // A card without outputs (end) stops just below its input port instead of showing an empty row.
    m_height = m_ports.empty() ? kPortsTop + kPortRowHeight
                               : kPortsTop + kPortRowHeight * static_cast<qreal>(m_ports.size()) + 8;
    m_paths = CardPaths::forHeight(m_height);
}

void ElementItem::setFindings(const std::vector<const Finding *> &findings)
{
    int errors = 0;
    int warnings = 0;
    QString tip;
    for (const Finding *f : findings) {
        (f->severity == Severity::Error ? errors : warnings) += 1;
        tip += QStringLiteral("\n• ") + QString::fromStdString(f->message);
    }
    if (errors == m_errors && warnings == m_warnings && findings.empty()) {
        return;
    }
    m_errors = errors;
    m_warnings = warnings;
    m_full.reset();      // the badge's count is laid out with the rest on the next paint
    m_compactWidth = -1; // the title's room depends on the badge
    const QString base = toolTip().section(QLatin1Char('\n'), 0, 1);
    setToolTip(tip.isEmpty() ? base : base + QLatin1Char('\n') + tip);
    update();
}

QRectF ElementItem::boundingRect() const
{
    // Shadow below, badge above the top-right corner, ports and the selection outline on the sides.
    return QRectF(-kPortRadius - 4, -kBadgeRadius - 3, kNodeWidth + 2 * kPortRadius + 8 + kBadgeRadius,
                  m_height + kBadgeRadius + 10);
}

QPainterPath ElementItem::shape() const
{
    return m_paths->shape;
}

QPointF ElementItem::inputPortPos() const
{
    return inputPortOffset();
}

std::optional<int> ElementItem::outputIndex(std::string_view name) const
{
    for (std::size_t i = 0; i < m_ports.size(); ++i) {
        if (m_ports[i].name == name) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

QPointF ElementItem::outputPortPos(int index) const
{
    return {kNodeWidth, m_ports.at(static_cast<std::size_t>(index)).y};
}

std::optional<int> ElementItem::outputAt(QPointF p) const
{
    // The port and the right end of its row: a port alone is a 10 px target, too small to hit reliably.
    if (p.x() < kNodeWidth - 18 || p.x() > kNodeWidth + kPortRadius + 5) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < m_ports.size(); ++i) {
        if (std::abs(p.y() - m_ports[i].y) <= kPortRowHeight / 2) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

void ElementItem::updateEdges()
{
    for (EdgeItem *edge : m_outgoing) {
        edge->adjust();
    }
    for (EdgeItem *edge : m_incoming) {
        edge->adjust();
    }
}

void ElementItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const CardStyle &st = cardStyle();
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF card = cardRect();
    const bool selected = isSelected();
    paintFocusRing(painter);

    if (lod < kLodShape) {
        // Far out a card is a few pixels: a flat block in its colour, no antialiasing, is all that reads.
        m_shown = {};
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(selected ? st.farSelectedPen : QPen(Qt::NoPen));
        painter->setBrush(m_color);
        painter->drawRect(card);
        if (m_errors + m_warnings > 0) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(m_errors > 0 ? st.errorBrush : st.warningBrush);
            const qreal r = kBadgeRadius * 2;
            painter->drawRect(QRectF(kNodeWidth - r, -r / 2, r * 1.5, r * 1.5));
        }
        return;
    }

    painter->setRenderHint(QPainter::Antialiasing, true);
    // Soft shadow, painted rather than a QGraphicsDropShadowEffect: two offset translucent shapes.
    painter->setPen(Qt::NoPen);
    painter->setBrush(st.shadowFar);
    painter->drawRoundedRect(card.adjusted(-1, 1, 1, 5), kCornerRadius + 2, kCornerRadius + 2);
    painter->setBrush(st.shadowNear);
    painter->drawRoundedRect(card.adjusted(0, 1, 0, 2), kCornerRadius, kCornerRadius);

    painter->setBrush(st.cardBrush);
    painter->setPen(lod < kLodFull ? st.compactBorderPen : st.borderPen);
    painter->drawPath(m_paths->card);

    if (lod < kLodFull) {
        paintCompact(painter, lod);
        paintPorts(painter);
        paintSelection(painter, lod);
        return;
    }

    prepareTexts();
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_color);
    painter->drawPath(m_paths->header);

    painter->setFont(st.typeFont);
    painter->setPen(st.headerTextPen);
    const qreal titleY = (kHeaderHeight - 16) / 2;
    painter->drawStaticText(QPointF(12, titleY), m_full->type);
    painter->setFont(st.idFont);
    painter->setPen(st.headerIdPen);
    painter->drawStaticText(QPointF(m_idX, titleY + 1), m_full->id);

    painter->setFont(st.summaryFont);
    painter->setPen(st.summaryPen);
    painter->drawStaticText(QPointF(12, kHeaderHeight + 5), m_full->summary);
    m_shown = {st.idFont.pixelSize() * lod, m_summary.isEmpty() ? 0 : st.summaryFont.pixelSize() * lod,
               QRectF(QPointF(12, 0), QPointF(kNodeWidth - 12, kHeaderHeight)),
               QRectF(12, kHeaderHeight + 5, m_full->summary.size().width(), st.summaryMetrics.height())};
    if (!m_ports.empty()) {
        painter->setPen(st.separatorPen);
        painter->drawLine(QPointF(10, kPortsTop - 2), QPointF(kNodeWidth - 10, kPortsTop - 2));
    }
    painter->setFont(st.portFont);
    for (std::size_t i = 0; i < m_ports.size(); ++i) {
        const Port &port = m_ports[i];
        const auto &[label, labelWidth] = m_full->ports[i];
        painter->setPen(port.fallback ? st.fallbackLabelPen : st.portLabelPen);
        painter->drawStaticText(QPointF(kNodeWidth - 14 - labelWidth, port.y - st.portMetrics.height() / 2), label);
    }

    paintPorts(painter);
    paintSelection(painter, lod);

    if (m_errors + m_warnings > 0) {
        const QPointF center(kNodeWidth - 2, 2);
        painter->setPen(st.badgeRingPen);
        painter->setBrush(m_errors > 0 ? st.errorBrush : st.warningBrush);
        painter->drawEllipse(center, kBadgeRadius, kBadgeRadius);
        painter->setFont(st.badgeFont);
        painter->setPen(st.headerTextPen);
        painter->drawStaticText(center - QPointF(m_badgeWidth / 2, st.badgeMetrics.height() / 2), m_full->badge);
    }
}

void ElementItem::paintPorts(QPainter *painter) const
{
    const CardStyle &st = cardStyle();
    // Filled when wired, hollow when not, so missing wires stand out.
    for (const Port &port : m_ports) {
        const QColor color = port.fallback ? st.fallbackPortBrush.color() : m_color;
        if (port.wired) {
            painter->setPen(st.portRingPen);
            painter->setBrush(color);
        } else {
            painter->setPen(QPen(color, 2));
            painter->setBrush(st.cardBrush);
        }
        painter->drawEllipse(QPointF(kNodeWidth, port.y), kPortRadius, kPortRadius);
    }
    if (hasInput()) {
        painter->setPen(st.portRingPen);
        painter->setBrush(st.inputBrush);
        painter->drawEllipse(inputPortPos(), kPortRadius, kPortRadius);
    }
}

void ElementItem::paintSelection(QPainter *painter, qreal lod) const
{
    if (!isSelected()) {
        return;
    }
    // Two screen pixels at least, so the ring still shows zoomed out; it grows inwards to stay in bounds.
    QPen pen = cardStyle().selectedPen;
    const qreal width = std::max(pen.widthF(), 2 / lod);
    pen.setWidthF(width);
    const qreal out = std::max<qreal>(0, 3.75 - width / 2);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(cardRect().adjusted(-out, -out, out, out), kCornerRadius + out, kCornerRadius + out);
}

void ElementItem::layoutCompact(qreal width)
{
    const int key = qFloor(width); // whole pixels: a smooth zoom does not re-elide at every step
    if (key == m_compactWidth) {
        return;
    }
    m_compactWidth = key;
    if (!m_compactTexts) {
        m_compactTexts = std::make_unique<CompactTexts>();
    }
    const CardStyle &st = cardStyle();
    const qreal room = width - 2 * kCompactPadPixels;
    qreal titleRoom = room;
    if (m_errors + m_warnings > 0) {
        const QString count = QString::number(m_errors + m_warnings);
        m_compactTexts->badge = staticText(count);
        m_compactBadgeWidth = st.compactBadgeMetrics.horizontalAdvance(count);
        titleRoom -= std::max(kCompactBandPixels - 1, m_compactBadgeWidth + 6) + 3;
    }
    // Elided at the end: ids and summaries are told apart by how they begin (llama_8b, gpt4o_mini). A text
    // that fits keeps its laid-out QStaticText, so zooming re-shapes only the texts that are cut.
    const auto elide = [](const QFontMetricsF &metrics, const QString &text, qreal space, qreal &advance,
                          QStaticText &shown) {
        if (advance < 0) {
            advance = metrics.horizontalAdvance(text);
        }
        const QString cut = advance <= space ? text : metrics.elidedText(text, Qt::ElideRight, space);
        if (cut != shown.text()) {
            shown = staticText(cut);
        }
    };
    elide(st.compactTitleMetrics, m_title, titleRoom, m_titleAdvance, m_compactTexts->title);
    elide(st.compactSummaryMetrics, m_summary, room, m_summaryAdvance, m_compactTexts->summary);
}

void ElementItem::paintCompact(QPainter *painter, qreal lod)
{
    const CardStyle &st = cardStyle();
    // Undo the zoom: from here on a unit is a logical pixel on screen, so the text keeps its size and stays
    // crisp whatever the zoom. The face is drawn into the card's device-coordinate cache like the full one.
    painter->save();
    // Exactly a translation (the view only scales): laid-out texts that still fit are reused at the next zoom
    // instead of being laid out again for a transform a rounding error away from the last.
    const QTransform world = painter->worldTransform();
    painter->setWorldTransform(QTransform::fromTranslate(world.dx(), world.dy()));
    const qreal width = kNodeWidth * lod;
    const qreal band = std::max(kHeaderHeight * lod, kCompactBandPixels);
    const qreal radius = kCornerRadius * lod;
    layoutCompact(width);

    painter->setPen(Qt::NoPen);
    painter->setBrush(m_color);
    painter->drawRoundedRect(QRectF(0, 0, width, band), radius, radius);
    painter->drawRect(QRectF(0, band - radius, width, radius));

    painter->setFont(st.compactTitleFont);
    painter->setPen(st.headerTextPen);
    const qreal titleY = (band - st.compactTitleMetrics.height()) / 2;
    painter->drawStaticText(QPointF(kCompactPadPixels, titleY), m_compactTexts->title);

    painter->setFont(st.compactSummaryFont);
    painter->setPen(st.summaryPen);
    // Two pixels below the band where the card has them; the end card at the least zoom has barely one.
    const qreal summaryY =
        band + std::clamp(m_height * lod - band - st.compactSummaryMetrics.height(), qreal(0.5), qreal(2));
    painter->drawStaticText(QPointF(kCompactPadPixels, summaryY), m_compactTexts->summary);
    const QRectF title(kCompactPadPixels, titleY, m_compactTexts->title.size().width(),
                       st.compactTitleMetrics.height());
    const QRectF summary(kCompactPadPixels, summaryY, m_compactTexts->summary.size().width(),
                         st.compactSummaryMetrics.height());
    m_shown = {kCompactTitlePixels, m_summary.isEmpty() ? 0 : kCompactSummaryPixels,
               QRectF(title.topLeft() / lod, title.size() / lod),
               QRectF(summary.topLeft() / lod, summary.size() / lod)};

    if (m_errors + m_warnings > 0) {
        // A pill at the band's right end, inside the card: the far badge above the corner would be a dot. White
        // with the count in the severity's colour, as a red or amber pill would vanish on an orange band.
        const qreal h = band - 3;
        const qreal w = std::max(h + 2, m_compactBadgeWidth + 6);
        const QRectF pill(width - kCompactPadPixels + 1 - w, 1.5, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(st.cardBrush);
        painter->drawRoundedRect(pill, h / 2, h / 2);
        painter->setFont(st.compactBadgeFont);
        painter->setPen(m_errors > 0 ? st.errorBrush.color() : st.compactWarningText);
        const QFontMetricsF &m = st.compactBadgeMetrics;
        // Centred on the digits' own height, not the line's, which has room for accents and descenders.
        painter->drawStaticText(
            QPointF(pill.center().x() - m_compactBadgeWidth / 2, pill.center().y() - m.ascent() + m.capHeight() / 2),
            m_compactTexts->badge);
    }
    painter->restore();
}

void ElementItem::setFocusRing(bool on)
{
    if (on != m_focusRing) {
        m_focusRing = on;
        update();
    }
}

QColor ElementItem::focusRingColor()
{
    return StatusColors::mark(StatusColors::Role::Focus);
}

void ElementItem::paintFocusRing(QPainter *painter) const
{
    if (!m_focusRing) {
        return;
    }
    // Dashed and a gap outside the selection ring, so a focused card that is also selected shows both. Zoomed
    // out the pen keeps 2.5 screen pixels and grows inwards, staying inside boundingRect() (7 units out).
    const qreal lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    const qreal width = std::max(2.5, 2.5 / std::max(lod, 0.01));
    const qreal out = 7 - width / 2;
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(QPen(focusRingColor(), width, Qt::DashLine, Qt::FlatCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(cardRect().adjusted(-out, -out, out, out), std::max<qreal>(2, kCornerRadius + out),
                             std::max<qreal>(2, kCornerRadius + out));
}

RouteScene *ElementItem::routeScene() const
{
    return qobject_cast<RouteScene *>(scene());
}

void ElementItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsItem::mousePressEvent(event); // selection rules (Ctrl toggles) stay Qt's
    m_dragging = event->button() == Qt::LeftButton && routeScene() != nullptr;
    if (!m_dragging) {
        return;
    }
    event->accept();
    m_pressScenePos = event->scenePos();
    m_lastDelta = QPointF();
    m_dragStart.clear();
    m_dragStart.emplace_back(m_id, pos());
    for (QGraphicsItem *item : scene()->selectedItems()) {
        if (item != this && item->type() == Type) {
            auto *card = static_cast<ElementItem *>(item);
            m_dragStart.emplace_back(card->elementId(), card->pos());
        }
    }
}

void ElementItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    const RouteScene *rs = routeScene();
    RouteDocument *document = rs != nullptr ? rs->document() : nullptr;
    if (!m_dragging || document == nullptr || !(event->buttons() & Qt::LeftButton)) {
        return;
    }
    // Snap this card to the grid and move the others by the same amount, keeping their arrangement.
    const QPointF start = m_dragStart.front().second;
    const QPointF delta = snapToGrid(start + event->scenePos() - m_pressScenePos) - start;
    if (delta == m_lastDelta) {
        return;
    }
    m_lastDelta = delta;
    RouteDocument::Positions positions;
    positions.reserve(m_dragStart.size());
    for (const auto &[id, p] : m_dragStart) {
        positions.emplace(id, p + delta);
    }
    document->moveElements(positions);
}

void ElementItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    m_dragging = false;
    m_dragStart.clear();
    QGraphicsItem::mouseReleaseEvent(event);
}

} // namespace rd
