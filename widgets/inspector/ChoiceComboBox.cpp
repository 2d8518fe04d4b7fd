#include "widgets/inspector/ChoiceComboBox.h"

#include "widgets/ElementTypeStyle.h"

#include <QSignalBlocker>

namespace rd {

ChoiceComboBox::ChoiceComboBox(std::span<const PropertyChoice> choices, QWidget *parent)
    : QComboBox(parent), m_choiceCount(static_cast<int>(choices.size()))
{
    for (const PropertyChoice &choice : choices) {
        const QString value = QString::fromUtf8(choice.value.data(), static_cast<qsizetype>(choice.value.size()));
        const QString unit = ElementTypeStyle::forPeople(choice.unit);
        addItem(unit.isEmpty() ? value : QStringLiteral("%1 (%2)").arg(value, unit), value);
    }
}

void ChoiceComboBox::setValue(const std::optional<std::string> &value)
{
    {
        // Removing the odd value shown before selects a real one on the way: that is not a choice anyone made.
        const QSignalBlocker quiet(this);
        while (count() > m_choiceCount) {
            removeItem(m_choiceCount);
        }
    }
    const QString text = QString::fromStdString(value.value_or(std::string()));
    int index = findData(text);
    if (index < 0 && value) {
        addItem(tr("%1 (not valid)").arg(text), text);
        index = m_choiceCount;
    }
    setCurrentIndex(index);
}

} // namespace rd
