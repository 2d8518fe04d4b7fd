#pragma once

#include "ui/gateway/GatewayFieldEditor.h"

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;

namespace rd {

// Stripe usage billing: on or off, the authorization (masked; the stored one never shown, left out of the body
// unless replaced) and the usage events' payloads, one a line.
class StripeEditor : public GatewayFieldEditor
{
    Q_OBJECT

public:
    explicit StripeEditor(const GatewaySetting &setting, QObject *parent = nullptr);

    QWidget *widget() const override { return m_widget; }
    QCheckBox *useCheck() const { return m_use; }
    QLineEdit *authorizationEdit() const { return m_authorization; }
    QPlainTextEdit *eventsEdit() const { return m_events; }

protected:
    void show(const Json &value) override;
    Json current() const override;
    Json checkable() const override;
    Json comparable(const Json &loadedValue) const override;

private:
    Json build(bool standIn) const;
    void updateEnabled();

    bool m_storedSecret = false;
    QWidget *m_widget = nullptr;
    QCheckBox *m_use = nullptr;
    QLineEdit *m_authorization = nullptr;
    QPlainTextEdit *m_events = nullptr;
};

} // namespace rd
