#pragma once

#include "model/Json.h"

#include <QDialog>
#include <QPointer>

#include <vector>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace rd {

class ApiCall;
class ApiClient;
class GatewayFieldEditor;
class WriteCheck;
struct ApiError;

// Every field of a gateway (GatewaySettings::all()), grouped as the model groups them: a list of groups on the
// left, each group's fields on the right with their label, the right editor, and one line on what it does.
//
// It edits the JSON the server sent: Save sends that JSON back with only the edited fields changed (so fields
// this app does not know go back untouched), leaves out the secrets nobody retyped (the server keeps them),
// then reads the gateway again and shows what the server has. Problems found here are shown on the field and
// stop the save; the server's refusal is shown as it said it.
class GatewaySettingsDialog : public QDialog
{
    Q_OBJECT

public:
    GatewaySettingsDialog(ApiClient *client, const QString &gatewayId, QWidget *parent = nullptr);

    // Reads the gateway and fills the fields.
    void start();

    GatewayFieldEditor *editor(const QString &key) const;
    QListWidget *groupList() const { return m_groups; }
    QPushButton *saveButton() const { return m_save; }
    bool isLoaded() const { return m_server.is_object(); }
    // A call is on its way, or a lost save's outcome is being read.
    bool isBusy() const;
    bool hasChanges() const;
    // The PUT body Save would send now (the server's JSON, its kept secrets left out, the edits applied).
    Json pendingBody() const;
    // The fields whose values cannot be sent, with why.
    QStringList problems() const;
    QString errorText() const;
    QString statusText() const;

public slots:
    void save();
    // Asks before throwing away unsaved changes.
    void reject() override;

signals:
    void saved(const QString &gatewayId);

private:
    void buildPages();
    void load(const Json &gateway);
    void reread(const QString &message);
    void lostAnswer(const Json &sent, const ApiError &error);
    void setStatus(const QString &text);
    void showServerError(const QString &what, const ApiError &error);
    void updateButtons();

    QPointer<ApiClient> m_client;
    QPointer<ApiCall> m_call;
    QPointer<WriteCheck> m_check;
    QString m_gateway;
    Json m_server; // the gateway as the server last sent it
    std::vector<GatewayFieldEditor *> m_editors;
    QLabel *m_heading = nullptr;
    QListWidget *m_groups = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
};

} // namespace rd
