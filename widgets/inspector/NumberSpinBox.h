#pragma once

#include "model/Number.h"

#include <QDoubleSpinBox>

namespace rd {

// A spin box for JSON numbers: shows `60`, not `60.000`, and hands back an integer Number when the value
// is whole so that a file's `"limit": 60` is never rewritten as `60.0`.
class NumberSpinBox : public QDoubleSpinBox
{
    Q_OBJECT

public:
    explicit NumberSpinBox(QWidget *parent = nullptr);

    Number number() const;
    void setNumber(const Number &number);

    QString textFromValue(double value) const override;
};

} // namespace rd
