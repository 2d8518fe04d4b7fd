#pragma once

#include "model/ElementTypeDescriptor.h"

#include <QComboBox>

#include <optional>
#include <span>
#include <string>

namespace rd {

// A property's choices (its descriptor's), each shown with its unit: "count (requests)". A value that is none
// of them, from a hand-edited file, stays visible (and untouched) until the user picks a real one.
class ChoiceComboBox : public QComboBox
{
    Q_OBJECT

public:
    explicit ChoiceComboBox(std::span<const PropertyChoice> choices, QWidget *parent = nullptr);

    // Selects `value`; nothing is selected while it is unset.
    void setValue(const std::optional<std::string> &value);
    // The value selected; empty when none is.
    QString value() const { return currentData().toString(); }

private:
    int m_choiceCount;
};

} // namespace rd
