#pragma once

#include <QWidget>

namespace rd {

// One line of text that shortens itself with "…" when there is not enough room, instead of asking for more:
// a status bar label must never widen the window. The whole text is in the tooltip while it is cut.
class ElidedLabel : public QWidget
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    // True when the text does not fit and is shown shortened.
    bool isElided() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateToolTip();

    QString m_text;
};

} // namespace rd
