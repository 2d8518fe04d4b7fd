#pragma once

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace rd {

class ApiCall;
class ApiClient;
class WriteCheck;
class ProviderConfig;
struct ApiError;

// Stores a provider key in a gateway. The secret goes to the server once, in the create's body, and the field
// is emptied as soon as it is sent, whatever the answer: afterwards only the server's preview is ever shown.
// A create whose answer was lost is looked for by its alias before anything is said.
class AddProviderKeyDialog : public QDialog
{
    Q_OBJECT

public:
    AddProviderKeyDialog(ApiClient *client, const QString &gatewayId, QWidget *parent = nullptr);

    // The common provider slugs the provider field offers (it takes any other too).
    static QStringList commonProviders();

    QLineEdit *aliasEdit() const { return m_alias; }
    QComboBox *providerCombo() const { return m_provider; }
    QLineEdit *secretEdit() const { return m_secret; }
    QCheckBox *defaultCheck() const { return m_default; }
    QCheckBox *limitCheck() const { return m_limit; }
    QSpinBox *limitSpin() const { return m_limitCount; }
    QSpinBox *periodSpin() const { return m_limitPeriod; }
    QPushButton *addButton() const { return m_add; }
    QString errorText() const;
    bool isBusy() const;

public slots:
    void reject() override;

signals:
    // The server has a config under `alias` (its answer, or found after a lost one).
    void added(const QString &alias);

private:
    void updateButton();
    void send();
    void lookFor(const QString &alias, const ApiError &error);
    void setStatus(const QString &text);

    QPointer<ApiClient> m_client;
    QPointer<ApiCall> m_call;
    QPointer<WriteCheck> m_check;
    QString m_gateway;
    QLineEdit *m_alias = nullptr;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_default = nullptr;
    QCheckBox *m_limit = nullptr;
    QSpinBox *m_limitCount = nullptr;
    QSpinBox *m_limitPeriod = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_add = nullptr;
};

} // namespace rd
