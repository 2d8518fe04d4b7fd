#pragma once

#include "widgets/inspector/InspectorPage.h"

class QComboBox;
class QLabel;

namespace rd {

class ChoiceComboBox;
class NumberSpinBox;

// key, limit, limit type and window of a rate element. The window is stored in seconds and shown in the
// largest unit that divides it ("1 hours" for 3600).
class RatePage : public InspectorPage
{
    Q_OBJECT

public:
    explicit RatePage(QWidget *parent = nullptr);

protected:
    void populate(const Element &element) override;

private:
    void applyKey(const QString &text);
    void applyLimit();
    void applyLimitType();
    void applyWindow();
    void updateLimitDecoration();

    QComboBox *m_key;
    NumberSpinBox *m_limit;
    ChoiceComboBox *m_limitType;
    NumberSpinBox *m_windowAmount;
    QComboBox *m_windowUnit;
};

} // namespace rd
