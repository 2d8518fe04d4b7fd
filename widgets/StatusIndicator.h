#pragma once

#include <QColor>
#include <QWidget>

namespace rd {

// A coloured dot and a short label, for a status bar: "● Local sandbox". The colour carries the state at a
// glance; the text says it for those who cannot tell colours apart.
class StatusIndicator : public QWidget
{
    Q_OBJECT

public:
    explicit StatusIndicator(QWidget *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    QColor color() const { return m_color; }
    void setColor(const QColor &color);

    QSize sizeHint() const override;
    // Narrower than the text: in a tight status bar the text is shortened with "…" rather than widen the window.
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int dotDiameter() const;

    QString m_text;
    QColor m_color = Qt::gray;
};

} // namespace rd
