#include "widgets/inspector/NumberSpinBox.h"

#include <algorithm>
#include <cmath>

namespace rd {

NumberSpinBox::NumberSpinBox(QWidget *parent) : QDoubleSpinBox(parent)
{
    setDecimals(4);
    setSpecialValueText(QStringLiteral("\u2014"));
    setNumberRange(0, 1e12);
    setValue(minimum());
    // The range (up to 1e12 with decimals) would make the box ask for room for 17 digits and so the inspector
    // scroll sideways; eight characters show realistic values, and the box still grows with the inspector.
    setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00000000")) + 24);
}

void NumberSpinBox::setNumberRange(double lowest, double highest)
{
    m_lowest = lowest;
    setRange(lowest - 1, highest);
}

void NumberSpinBox::setNumberRange(const NumberRange &range)
{
    if (range.whole) {
        setDecimals(0);
    }
    setNumberRange(static_cast<double>(range.minimum), range.largestOffered);
}

std::optional<Number> NumberSpinBox::number() const
{
    if (!isSet()) {
        return std::nullopt;
    }
    const double v = value();
    if (std::floor(v) == v && std::fabs(v) < 9e15) {
        return Number::fromInteger(static_cast<std::int64_t>(v));
    }
    return Number::fromDouble(v);
}

void NumberSpinBox::setNumber(const std::optional<Number> &number)
{
    // A stored value below the valid range (a hand-edited file) still shows as a number, never as "not set".
    setValue(number ? std::max(number->toDouble(), m_lowest) : minimum());
}

QString NumberSpinBox::textFromValue(double value) const
{
    QLocale loc = locale();
    loc.setNumberOptions(loc.numberOptions() | QLocale::OmitGroupSeparator);
    QString text = loc.toString(value, 'f', decimals());
    if (text.contains(loc.decimalPoint())) {
        while (text.endsWith(QLatin1Char('0'))) {
            text.chop(1);
        }
        if (text.endsWith(loc.decimalPoint())) {
            text.chop(loc.decimalPoint().size());
        }
    }
    return text;
}

QString NumberSpinBox::numberText(const QString &text) const
{
    if (text == specialValueText()) {
        return {};
    }
    QString core = text;
    if (!prefix().isEmpty() && core.startsWith(prefix())) {
        core.remove(0, prefix().size());
    }
    if (!suffix().isEmpty() && core.endsWith(suffix())) {
        core.chop(suffix().size());
    }
    return core.trimmed();
}

double NumberSpinBox::valueFromText(const QString &text) const
{
    return numberText(text).isEmpty() ? minimum() : QDoubleSpinBox::valueFromText(text);
}

QValidator::State NumberSpinBox::validate(QString &text, int &pos) const
{
    if (numberText(text).isEmpty()) {
        return QValidator::Acceptable;
    }
    const QValidator::State state = QDoubleSpinBox::validate(text, pos);
    // Between "not set" and the lowest valid value lies nothing a user can mean.
    if (state == QValidator::Acceptable && QDoubleSpinBox::valueFromText(text) < m_lowest) {
        return QValidator::Intermediate;
    }
    return state;
}

void NumberSpinBox::stepBy(int steps)
{
    if (!isSet()) {
        if (steps > 0) {
            setValue(m_lowest);
            selectAll();
        }
        return;
    }
    const double target = value() + steps * singleStep();
    if (target < m_lowest) {
        // Stepping down lands on the lowest value first, and only from there on "not set".
        setValue(value() > m_lowest ? m_lowest : minimum());
        selectAll();
        return;
    }
    QDoubleSpinBox::stepBy(steps);
}

} // namespace rd
