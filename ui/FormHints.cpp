#include "ui/FormHints.h"

#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace rd {

QLabel *FormHints::label(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    // Its line is always reserved, shown or hidden: a hint that comes and goes while the user types must not push
    // the fields below it around. Unwrapped on purpose (a wrapped label inside a form row gets its height for the
    // wrong width and is clipped), and it never widens the dialog: a hint longer than the field is cut at the
    // field's edge and shown whole in the tooltip.
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    policy.setRetainSizeWhenHidden(true);
    label->setSizePolicy(policy);
    label->setFixedHeight(label->fontMetrics().height());
    label->setVisible(false);
    return label;
}

QWidget *FormHints::withHint(QWidget *field, QLabel *hint)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(hint);
    return box;
}

void FormHints::set(QLabel *hint, const QString &text, const char *level)
{
    hint->setText(text);
    hint->setToolTip(text);
    hint->setVisible(!text.isEmpty());
    if (hint->property("level").toString() != QLatin1String(level)) {
        hint->setProperty("level", QString::fromLatin1(level));
        // Property selectors are only re-evaluated on a repolish.
        hint->style()->unpolish(hint);
        hint->style()->polish(hint);
    }
}

} // namespace rd
