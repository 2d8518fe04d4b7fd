#pragma once

#include "model/ElementTypeDescriptor.h"
#include "model/Number.h"

#include <QDoubleSpinBox>

#include <optional>

namespace rd {

// A spin box for optional JSON numbers: shows `60`, not `60.000`, and hands back an integer Number when the
// value is whole so that a file's `"limit": 60` is never rewritten as `60.0`.
//
// A property the element leaves out shows as "—", not as 0: a 0 on screen would look like a value the route
// has, and the first keystroke elsewhere would write it. Emptying the field (or stepping below the lowest
// value) means "not set" again. Internally "not set" is the spin box's minimum(), one below the lowest valid
// value, so that QAbstractSpinBox's special value text does the showing.
class NumberSpinBox : public QDoubleSpinBox
{
    Q_OBJECT

public:
    explicit NumberSpinBox(QWidget *parent = nullptr);

    // The valid values; use instead of setRange(), which would move the "not set" value.
    void setNumberRange(double lowest, double highest);
    // A property's range (its descriptor's): from its minimum to the most an editor offers; whole numbers
    // without decimals.
    void setNumberRange(const NumberRange &range);
    double lowest() const { return m_lowest; }

    bool isSet() const { return value() >= m_lowest; }
    // nullopt when not set.
    std::optional<Number> number() const;
    void setNumber(const std::optional<Number> &number);
    void clearNumber() { setValue(minimum()); }

    QString textFromValue(double value) const override;
    double valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &pos) const override;
    void stepBy(int steps) override;

private:
    // The typed number without prefix, suffix and surrounding spaces; empty when the field was cleared.
    QString numberText(const QString &text) const;

    double m_lowest = 0;
};

} // namespace rd
