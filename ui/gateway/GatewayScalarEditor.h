#pragma once

#include "ui/gateway/GatewayFieldEditor.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace rd {

// A gateway field of one value: a check box (true/false), a spin box within the field's range, a combo of its
// choices, or a line edit with its length checked. Optional numbers and choices can be "not set".
class GatewayScalarEditor : public GatewayFieldEditor
{
    Q_OBJECT

public:
    explicit GatewayScalarEditor(const GatewaySetting &setting, QObject *parent = nullptr);
    ~GatewayScalarEditor() override;

    QWidget *widget() const override { return m_widget; }
    // Null for the kinds it is not.
    QCheckBox *checkBox() const { return m_check; }
    QSpinBox *spinBox() const { return m_spin; }
    QComboBox *comboBox() const { return m_combo; }
    QLineEdit *lineEdit() const { return m_line; }

protected:
    void show(const Json &value) override;
    Json current() const override;
    QString widgetProblem() const override;

private:
    int unsetValue() const;

    QWidget *m_widget = nullptr;
    QCheckBox *m_check = nullptr;
    QSpinBox *m_spin = nullptr;
    QComboBox *m_combo = nullptr;
    QLineEdit *m_line = nullptr;
};

} // namespace rd
