#include "ui/gateway/AdminLabels.h"

#include "app/StatusColors.h"

#include <QLabel>
#include <QLayout>

namespace rd {

QLabel *AdminLabels::problem(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, StatusColors::text(StatusColors::Role::Error, palette));
    label->setPalette(palette);
    label->setVisible(false);
    return label;
}

QLabel *AdminLabels::hint(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    return label;
}

void AdminLabels::setProblem(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
    fitHeight(label->window());
}

void AdminLabels::fitHeight(QWidget *window)
{
    QLayout *layout = window ? window->layout() : nullptr;
    if (!layout) {
        return;
    }
    layout->activate();
    const int needed =
        layout->hasHeightForWidth() ? layout->totalHeightForWidth(window->width()) : layout->totalSizeHint().height();
    if (needed > window->height()) {
        window->resize(window->width(), needed);
    }
}

} // namespace rd
