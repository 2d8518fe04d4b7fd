#include "widgets/inspector/PropertyFormPage.h"

#include "model/ElementTypes.h"
#include "model/JsonText.h"
#include "widgets/ElementTypeStyle.h"
#include "widgets/inspector/ChoiceComboBox.h"
#include "widgets/inspector/NumberSpinBox.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace rd {

PropertyFormPage::PropertyFormPage(ElementType type, QWidget *parent) : InspectorPage(parent), m_type(type)
{
    const ElementTypeDescriptor &descriptor = ElementTypes::of(type);
    auto *description = new QLabel(ElementTypeStyle::description(type), this);
    description->setObjectName(QStringLiteral("description"));
    description->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_fields.reserve(descriptor.properties.size());
    for (const PropertyDescriptor &property : descriptor.properties) {
        addField(property, form);
    }
    alignLabels(form);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(description);
    layout->addLayout(form);
    if (descriptor.properties.empty()) {
        layout->addWidget(new QLabel(tr("It has no properties."), this));
    }
}

void PropertyFormPage::addField(const PropertyDescriptor &property, QFormLayout *form)
{
    Field field;
    field.property = &property;
    const QString name = QString::fromUtf8(property.name.data(), static_cast<qsizetype>(property.name.size()));
    QString label = ElementTypeStyle::forPeople(property.label);
    label = label.left(1).toUpper() + label.mid(1) + QLatin1Char(':');

    QWidget *editor = nullptr;
    switch (property.kind()) {
    case PropertyKind::Text:
        if (!property.choices.empty()) {
            field.choices = new ChoiceComboBox(property.choices, this);
            letShrink(field.choices);
            editor = field.choices;
        } else {
            field.text = new QLineEdit(this);
            editor = field.text;
        }
        break;
    case PropertyKind::Number:
        field.number = new NumberSpinBox(this);
        field.number->setNumberRange(property.range);
        letShrink(field.number);
        editor = field.number;
        break;
    case PropertyKind::Json:
        field.text = new QLineEdit(this);
        field.text->setPlaceholderText(tr("JSON, e.g. {}"));
        field.message = new QLabel(this);
        field.message->setWordWrap(true);
        field.message->hide();
        editor = field.text;
        break;
    }
    editor->setObjectName(name);
    form->addRow(label, editor);
    if (field.message) {
        form->addRow(QString(), field.message);
    }

    // Each edit applies at once (the canvas follows along); one field's typing is one undo step.
    const std::size_t index = m_fields.size();
    const auto apply = [this, index] {
        applyField(m_fields[index]);
    };
    if (field.choices) {
        connect(field.choices, &QComboBox::currentIndexChanged, this, [this, apply] {
            apply();
            endEditSession();
        });
    } else if (field.number) {
        connect(field.number, &NumberSpinBox::valueChanged, this, apply);
        connect(field.number, &NumberSpinBox::editingFinished, this, &PropertyFormPage::endEditSession);
    } else {
        connect(field.text, &QLineEdit::textEdited, this, apply);
        connect(field.text, &QLineEdit::editingFinished, this, &PropertyFormPage::endEditSession);
    }
    m_fields.push_back(field);
}

void PropertyFormPage::populate(const Element &element)
{
    for (const Field &field : m_fields) {
        const PropertyDescriptor &property = *field.property;
        switch (property.kind()) {
        case PropertyKind::Text:
            if (field.choices) {
                const QSignalBlocker block(field.choices);
                field.choices->setValue(*property.text(element));
            } else {
                const QSignalBlocker block(field.text);
                field.text->setText(QString::fromStdString(property.text(element)->value_or(std::string())));
            }
            break;
        case PropertyKind::Number: {
            const QSignalBlocker block(field.number);
            field.number->setNumber(*property.number(element));
            break;
        }
        case PropertyKind::Json: {
            const QSignalBlocker block(field.text);
            const auto &value = *property.json(element);
            field.text->setText(
                value ? QString::fromStdString(value->dump(-1, ' ', false, Json::error_handler_t::replace))
                      : QString());
            field.message->hide();
            break;
        }
        }
    }
}

void PropertyFormPage::applyField(const Field &field)
{
    const Element *current = currentElement();
    if (!current) {
        return;
    }
    const PropertyDescriptor &property = *field.property;
    Element e = *current;
    switch (property.kind()) {
    case PropertyKind::Text:
        if (field.choices) {
            if (field.choices->value().isEmpty()) {
                return;
            }
            *property.text(e) = field.choices->value().toStdString();
        } else {
            *property.text(e) = field.text->text().toStdString();
        }
        break;
    case PropertyKind::Number:
        *property.number(e) = field.number->number();
        break;
    case PropertyKind::Json: {
        const QString text = field.text->text().trimmed();
        if (text.isEmpty()) {
            property.json(e)->reset();
        } else if (auto parsed = JsonText::parse(text.toStdString())) {
            *property.json(e) = std::move(*parsed.value);
        } else {
            // Half-typed JSON is not applied: the element keeps its last valid value meanwhile.
            setStatusText(field.message, tr("Not JSON yet: %1").arg(QString::fromStdString(parsed.error->toString())),
                          StatusColors::Role::Error);
            field.message->show();
            return;
        }
        field.message->hide();
        break;
    }
    }
    apply(e, ElementTypeStyle::forPeople(property.label),
          QString::fromUtf8(property.name.data(), static_cast<qsizetype>(property.name.size())));
}

} // namespace rd
