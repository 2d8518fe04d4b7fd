#pragma once

#include "model/ElementTypeDescriptor.h"
#include "widgets/inspector/InspectorPage.h"

#include <vector>

class QLabel;
class QLineEdit;

namespace rd {

class ChoiceComboBox;
class NumberSpinBox;

// An editor built from an element type's descriptor alone: its description, then one field per property (a
// text field, a list of its choices, a number box within its range, or compact JSON). The inspector shows it
// for every known type without a page of its own, so a new type can be edited as soon as it is described.
class PropertyFormPage : public InspectorPage
{
    Q_OBJECT

public:
    explicit PropertyFormPage(ElementType type, QWidget *parent = nullptr);

    ElementType elementType() const { return m_type; }

protected:
    void populate(const Element &element) override;

private:
    struct Field
    {
        const PropertyDescriptor *property = nullptr;
        QLineEdit *text = nullptr; // text without choices, and JSON
        ChoiceComboBox *choices = nullptr;
        NumberSpinBox *number = nullptr;
        QLabel *message = nullptr; // JSON: says when the text is not JSON
    };

    void addField(const PropertyDescriptor &property, QFormLayout *form);
    // Hands the field's value to the document (a JSON field only once its text is JSON).
    void applyField(const Field &field);

    ElementType m_type;
    std::vector<Field> m_fields;
};

} // namespace rd
