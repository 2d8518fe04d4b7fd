#pragma once

#include "ui/gateway/GatewayFieldEditor.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QRadioButton;
class QStackedWidget;
class QTableWidget;

namespace rd {

// The gateway's DLP object in either of seed 001's shapes: one action over a list of profiles, or a table of
// policies (id, action, what is checked, enabled, profiles). What the app does not know inside it is kept.
class DlpEditor : public GatewayFieldEditor
{
    Q_OBJECT

public:
    enum PolicyColumn { IdColumn, ActionColumn, CheckColumn, EnabledColumn, ProfilesColumn };

    explicit DlpEditor(const GatewaySetting &setting, QObject *parent = nullptr);

    QWidget *widget() const override { return m_widget; }
    QCheckBox *enabledCheck() const { return m_enabled; }
    QRadioButton *policiesChoice() const { return m_usePolicies; }
    QComboBox *actionCombo() const { return m_action; }
    QLineEdit *profilesEdit() const { return m_profiles; }
    QTableWidget *policyTable() const { return m_policies; }
    void addPolicy();

protected:
    void show(const Json &value) override;
    Json current() const override;

private:
    void addPolicyRow(const Json &policy);
    void updateShape();

    QWidget *m_widget = nullptr;
    QCheckBox *m_enabled = nullptr;
    QRadioButton *m_useSimple = nullptr;
    QRadioButton *m_usePolicies = nullptr;
    QStackedWidget *m_shapes = nullptr;
    QComboBox *m_action = nullptr;
    QLineEdit *m_profiles = nullptr;
    QTableWidget *m_policies = nullptr;
};

} // namespace rd
