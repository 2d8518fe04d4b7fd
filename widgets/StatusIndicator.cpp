#include "widgets/StatusIndicator.h"

#include <QPainter>

namespace rd {

namespace {
constexpr int kHorizontalPadding = 6;
constexpr int kGap = 6;
} // namespace

StatusIndicator::StatusIndicator(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void StatusIndicator::setText(const QString &text)
{
    if (text == m_text) {
        return;
    }
    m_text = text;
    setAccessibleName(text);
    updateGeometry();
    update();
}

void StatusIndicator::setColor(const QColor &color)
{
    m_color = color;
    update();
}

int StatusIndicator::dotDiameter() const
{
    // Follows the font so the dot matches the text at any UI scale.
    return qMax(6, fontMetrics().height() / 2);
}

QSize StatusIndicator::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {2 * kHorizontalPadding + dotDiameter() + kGap + fm.horizontalAdvance(m_text), fm.height() + 4};
}

QSize StatusIndicator::minimumSizeHint() const
{
    const QSize full = sizeHint();
    const int shortest = 2 * kHorizontalPadding + dotDiameter() + kGap + fontMetrics().averageCharWidth() * 10;
    return {qMin(full.width(), shortest), full.height()};
}

void StatusIndicator::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);

    const int d = dotDiameter();
    const QRectF dot(kHorizontalPadding, (height() - d) / 2.0, d, d);
    painter.setPen(QPen(m_color.darker(130), 1));
    painter.setBrush(m_color);
    painter.drawEllipse(dot.adjusted(0.5, 0.5, -0.5, -0.5));

    painter.setPen(palette().color(QPalette::WindowText));
    const QRect textRect(kHorizontalPadding + d + kGap, 0, width() - (kHorizontalPadding + d + kGap), height());
    painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(m_text, Qt::ElideRight, textRect.width()));
}

} // namespace rd
