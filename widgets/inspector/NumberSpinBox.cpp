#include "widgets/inspector/NumberSpinBox.h"

#include <cmath>

namespace rd {

NumberSpinBox::NumberSpinBox(QWidget *parent) : QDoubleSpinBox(parent)
{
    setDecimals(4);
    setRange(0, 1e12);
}

Number NumberSpinBox::number() const
{
    const double v = value();
    if (std::floor(v) == v && std::fabs(v) < 9e15) {
        return Number::fromInteger(static_cast<std::int64_t>(v));
    }
    return Number::fromDouble(v);
}

void NumberSpinBox::setNumber(const Number &number)
{
    setValue(number.toDouble());
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

} // namespace rd
