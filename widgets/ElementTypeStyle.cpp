#include "widgets/ElementTypeStyle.h"

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
    switch (type) {
    case ElementType::Start:
        return QColor(0x1E, 0x8E, 0x3E);
    case ElementType::Conditional:
        return QColor(0x8E, 0x44, 0xAD);
    case ElementType::Percentage:
        return QColor(0x1A, 0x73, 0xE8);
    case ElementType::Rate:
        return QColor(0x00, 0x89, 0x7B);
    case ElementType::Model:
        return QColor(0xF3, 0x80, 0x20);
    case ElementType::End:
        return QColor(0x5F, 0x63, 0x68);
    case ElementType::Unknown:
        break;
    }
    return QColor(0x9A, 0xA0, 0xA6);
}

QString ElementTypeStyle::displayName(ElementType type)
{
    switch (type) {
    case ElementType::Start:
        return QStringLiteral("Start");
    case ElementType::Conditional:
        return QStringLiteral("Conditional");
    case ElementType::Percentage:
        return QStringLiteral("Percentage split");
    case ElementType::Rate:
        return QStringLiteral("Rate limit");
    case ElementType::Model:
        return QStringLiteral("Model");
    case ElementType::End:
        return QStringLiteral("End");
    case ElementType::Unknown:
        break;
    }
    return QStringLiteral("Unknown");
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
