#include "widgets/inspector/UnknownTypePage.h"

#include "model/JsonText.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace rd {

UnknownTypePage::UnknownTypePage(QWidget *parent)
    : InspectorPage(parent), m_text(new QLabel(this)), m_properties(new QPlainTextEdit(this))
{
    m_text->setWordWrap(true);
    m_properties->setObjectName(QStringLiteral("rawProperties"));
    m_properties->setReadOnly(true);
    m_properties->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_properties->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_properties, 1);
}

void UnknownTypePage::populate(const Element &element)
{
    m_text->setText(tr("This version does not know elements of type \"%1\". Their properties are kept exactly "
                       "as they are:")
                        .arg(QString::fromStdString(std::string(element.typeName()))));
    // For an unknown type every property is an extra one.
    const Json properties = element.extraProperties.is_null() ? Json::object() : element.extraProperties;
    m_properties->setPlainText(QString::fromStdString(JsonText::format(properties)));
}

} // namespace rd
