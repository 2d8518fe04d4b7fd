#pragma once

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace rd {

class ApiCall;
class ApiClient;
class WriteCheck;
struct ApiError;

// Asks for a new gateway's id (checked as it is typed), creates it with the fields the API requires at the
// dashboard's defaults, and stays open with the server's reason when it refuses (an id taken, the account's
// limit). A create whose answer was lost is looked up before anything is said about it.
class NewGatewayDialog : public QDialog
{
    Q_OBJECT

public:
    NewGatewayDialog(ApiClient *client, QWidget *parent = nullptr);

    QLineEdit *idEdit() const { return m_id; }
    QPushButton *createButton() const { return m_create; }
    QString problemText() const;
    QString errorText() const;
    bool isBusy() const;

public slots:
    // While a create is on its way, cancels it (then asks the server what became of it) and stays open.
    void reject() override;

signals:
    // The server has the gateway (also when it was found after a lost answer).
    void created(const QString &id);

private:
    void check();
    void create();
    // The create's answer never came: is the gateway there?
    void lookUp(const QString &id, const ApiError &error);
    void setBusy(bool busy, const QString &status = QString());

    QPointer<ApiClient> m_client;
    QPointer<ApiCall> m_call;
    QPointer<WriteCheck> m_check;
    QLineEdit *m_id = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_create = nullptr;
};

} // namespace rd
