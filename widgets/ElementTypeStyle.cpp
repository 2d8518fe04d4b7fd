#include "widgets/ElementTypeStyle.h"

#include "model/ElementTypes.h"

#include <QCoreApplication>
#include <QIconEngine>
#include <QPainter>

#include <array>

namespace rd {

namespace {

// Draws at whatever size is asked instead of scaling one bitmap, so the swatch stays sharp on HiDPI screens.
class SwatchIconEngine : public QIconEngine
{
public:
    explicit SwatchIconEngine(QColor color) : m_color(color) {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        QColor fill = m_color;
        if (mode == QIcon::Disabled) {
            fill.setAlphaF(0.35F);
        }
        const qreal side = qMin(rect.width(), rect.height()) * 0.72;
        const QRectF swatch(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(fill.darker(125), 1));
        painter->setBrush(fill);
        painter->drawRoundedRect(swatch.adjusted(0.5, 0.5, -0.5, -0.5), side * 0.28, side * 0.28);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter painter(&pm);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }

    QIconEngine *clone() const override { return new SwatchIconEngine(m_color); }

private:
    QColor m_color;
};

constexpr std::size_t indexOf(ElementType type)
{
    return static_cast<std::size_t>(type);
}

} // namespace

QColor ElementTypeStyle::color(ElementType type)
{
    return QColor::fromRgb(ElementTypes::of(type).colour);
}

QString ElementTypeStyle::displayName(ElementType type)
{
    return forPeople(ElementTypes::of(type).displayName);
}

QString ElementTypeStyle::description(ElementType type)
{
    return forPeople(ElementTypes::of(type).description);
}

QString ElementTypeStyle::forPeople(std::string_view text)
{
    if (text.empty()) {
        return {};
    }
    // The model keeps its texts in English without Qt; they are translated here, under one context.
    const std::string source(text);
    return QCoreApplication::translate("rd::ElementTypes", source.c_str());
}

QIcon ElementTypeStyle::icon(ElementType type)
{
    // Icons are implicitly shared: building each once keeps long lists cheap.
    static std::array<QIcon, indexOf(ElementType::Unknown) + 1> cache;
    QIcon &icon = cache.at(indexOf(type));
    if (icon.isNull()) {
        icon = QIcon(new SwatchIconEngine(color(type)));
    }
    return icon;
}

} // namespace rd
