#pragma once

#include "model/Element.h"
#include "model/Finding.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QStaticText>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rd {

class EdgeItem;
class RouteScene;
struct CardPaths;

// One route element drawn as a card: header in the type's colour with the type and id, a summary line,
// the input port on the left and one labelled output port per row on the right. Everything is painted in
// paint() from cached text and paths; nothing is a child item, so thousands of cards stay cheap.
//
// Zoomed out (canvas::kLodShape to canvas::kLodFull) the card paints a compact face instead: same size and
// colour, but only the id and the summary, in text sized in screen pixels so it stays readable.
//
// The card never moves itself: a drag asks the document to move the selection, and the scene sets the
// position back from the document's elementMoved signal.
class ElementItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    struct Port
    {
        std::string name;
        qreal y = 0;
        bool wired = false;
        bool fallback = false;
    };

    explicit ElementItem(const Element &element);
    ~ElementItem() override;

    int type() const override { return Type; }
    const std::string &elementId() const { return m_id; }
    ElementType elementType() const { return m_type; }

    // Takes a new state of the element (outputs, properties, id) and rebuilds texts and geometry.
    void setElement(const Element &element);
    // Findings concerning this element: drives the badge and the tooltip.
    void setFindings(const std::vector<const Finding *> &findings);
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }
    QColor color() const { return m_color; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // The text sizes, in logical pixels on screen, of the title and the summary line as last painted (0 when
    // the face painted had none), and where they went in item coordinates: what a person can read, for tests.
    struct ShownText
    {
        qreal titlePixels = 0;
        qreal summaryPixels = 0;
        QRectF titleArea;
        QRectF summaryArea;
    };
    ShownText shownText() const { return m_shown; }

    // Ports, in item coordinates.
    bool hasInput() const; // whether a wire can lead into it: not into a start
    QPointF inputPortPos() const;
    const std::vector<Port> &ports() const { return m_ports; }
    std::optional<int> outputIndex(std::string_view name) const;
    QPointF outputPortPos(int index) const;
    // The output whose port (or label) is under `itemPos`.
    std::optional<int> outputAt(QPointF itemPos) const;
    QRectF cardRect() const { return QRectF(0, 0, canvasWidth(), m_height); }
    static qreal canvasWidth();
    // Where the input port sits relative to the card's top-left, for placing a new card under the cursor.
    static QPointF inputPortOffset();

    // The keyboard focus ring: which card the arrow keys and the connect picker act on, drawn apart from (and
    // outside) the selection ring. The view decides which card has it; paint() reads the flag.
    void setFocusRing(bool on);
    bool hasFocusRing() const { return m_focusRing; }
    static QColor focusRingColor();

    // Edges touching this card; the scene keeps these lists so a move only updates its own edges.
    std::vector<EdgeItem *> &outgoing() { return m_outgoing; }
    std::vector<EdgeItem *> &incoming() { return m_incoming; }
    void updateEdges();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    RouteScene *routeScene() const;
    void rebuildGeometry();
    void paintFocusRing(QPainter *painter) const;
    void paintCompact(QPainter *painter, qreal lod);
    void paintPorts(QPainter *painter) const;
    void paintSelection(QPainter *painter, qreal lod) const;
    // Elides the compact face's texts for a card `width` logical pixels wide, when that width changed.
    void layoutCompact(qreal width);

    std::string m_id;
    ElementType m_type = ElementType::Unknown;
    QColor m_color;
    QString m_title;
    QString m_summary; // the compact face's: for a model, its name alone
    qreal m_compactBadgeWidth = 0;
    qreal m_titleAdvance = -1; // the compact texts' whole widths, measured on first need
    qreal m_summaryAdvance = -1;
    int m_compactWidth = -1; // whole pixels the compact texts were elided for; -1: not laid out
    ShownText m_shown;
    qreal m_idX = 0;
    qreal m_badgeWidth = 0;
    std::vector<Port> m_ports;
    qreal m_height = 0;
    // Outline, header and hit shape, shared by every card of the same height (see cardPaths in the .cpp).
    const CardPaths *m_paths = nullptr;
    // The full face's texts are elided and laid out on its first paint, not when the card is made: a route of
    // 5,000 cards opens without measuring 25,000 strings it may never show.
    // Each face's laid-out texts, made the first time that face is painted: a QStaticText allocates even empty,
    // and 5,000 cards held 50,000 of them before one was shown.
    struct FullTexts
    {
        QStaticText type;
        QStaticText id;
        QStaticText summary;
        QStaticText badge;
        std::vector<std::pair<QStaticText, qreal>> ports; // label and its width, by port
    };
    struct CompactTexts
    {
        QStaticText title;
        QStaticText summary;
        QStaticText badge;
    };
    std::unique_ptr<FullTexts> m_full;
    std::unique_ptr<CompactTexts> m_compactTexts;
    QString m_typeName;
    QString m_fullSummary;
    void prepareTexts();
    int m_errors = 0;
    int m_warnings = 0;
    bool m_focusRing = false;

    std::vector<EdgeItem *> m_outgoing;
    std::vector<EdgeItem *> m_incoming;

    // Drag state: where each selected card started, so every step sends absolute positions.
    bool m_dragging = false;
    QPointF m_pressScenePos;
    QPointF m_lastDelta;
    std::vector<std::pair<std::string, QPointF>> m_dragStart;
};

} // namespace rd
