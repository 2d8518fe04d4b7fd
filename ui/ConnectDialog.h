#pragma once

#include "app/Connection.h"
#include "app/api/ApiClient.h"

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QToolButton;

namespace rd {

class ApiCall;
class ConnectionNetworkFields;
class ConnectionStore;

// Asks for a Cloudflare account's id and credentials, proves them with a real API call, and only then saves the
// connection (secret to the keychain) and makes it current. Also edits a saved connection, where an empty secret
// field keeps the stored secret.
//
// While the check runs, Cancel stops the call instead of closing the dialog.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectDialog(ConnectionStore *store, QWidget *parent = nullptr);
    ConnectDialog(ConnectionStore *store, const Connection &existing, QWidget *parent = nullptr);
    ~ConnectDialog() override;

    bool isEditing() const { return !m_existing.id.isEmpty(); }
    bool isBusy() const { return m_state != State::Idle; }
    // The connection as saved, once the dialog was accepted.
    Connection connection() const { return m_saved; }
    // Timeouts and retries for the check; the base URL always comes from the form.
    void setCheckOptions(const ApiClient::Options &options) { m_checkOptions = options; }

    // The inline message under the fields: the reason the last check failed, or "".
    QString errorText() const;

    // While busy, stops the check instead of closing (Cancel, Escape, the window's close button).
    void reject() override;

signals:
    void checkFinished(bool ok);

private:
    enum class State { Idle, ReadingSecret, Checking, Saving };

    void build();
    void fillFrom(const Connection &connection);
    void updateKind();
    void validate();
    void setState(State state);
    void showError(const QString &message);
    // Makes the dialog as tall as its content needs at its current width.
    void fitHeight();

    void startConnect();
    void check(const Connection &connection, const QString &secret);
    void onChecked(const Connection &connection, const QString &secret, const std::optional<ApiError> &error);

    Connection formConnection() const;
    QString formSecret() const;
    bool keepsStoredSecret() const;
    QUrl formBaseUrl() const;

    ConnectionStore *m_store;
    Connection m_existing;
    Connection m_saved;
    ApiClient *m_client;
    ApiClient::Options m_checkOptions;
    QPointer<ApiCall> m_call;
    State m_state = State::Idle;

    QWidget *m_fields = nullptr; // everything the user can change, frozen while busy
    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_accountId = nullptr;
    QLabel *m_accountIdHint = nullptr;
    QRadioButton *m_tokenKind = nullptr;
    QRadioButton *m_globalKeyKind = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_globalKey = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLabel *m_baseUrlHint = nullptr;
    ConnectionNetworkFields *m_network = nullptr;
    QLabel *m_keychainNote = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_connect = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace rd
