#include "widgets/inspector/PassThroughPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace rd {

PassThroughPage::PassThroughPage(QWidget *parent) : InspectorPage(parent), m_text(new QLabel(this))
{
    m_text->setObjectName(QStringLiteral("explanation"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
}

void PassThroughPage::populate(const Element &element)
{
    if (element.type == ElementType::Start) {
        m_text->setText(tr("Every request enters the route here and is passed on unchanged to <b>next</b>. "
                           "A route has exactly one start.<br><br>It has no properties."));
    } else {
        m_text->setText(tr("The route ends here: the caller gets the last successful model response, or an "
                           "error if no model answered.<br><br>It has no properties."));
    }
}

} // namespace rd
