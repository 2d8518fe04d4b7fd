#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QMenu;
class QToolButton;
class QWidget;

namespace rd {

class ApiClient;
class DeleteGatewayDialog;
class GatewaySettingsDialog;
class NewGatewayDialog;
class ProviderKeysDialog;

// The gateway browser's gateway-level actions, as one menu (the panel's Manage button and the gateway
// list's context menu): New Gateway…, Gateway Settings…, Provider Keys…, Delete Gateway…. Each opens its
// dialog window-modal over the panel; the dialogs talk to the server themselves and this says what changed.
class GatewayAdmin : public QObject
{
    Q_OBJECT

public:
    explicit GatewayAdmin(QWidget *owner);

    void setClient(ApiClient *client);
    void setGatewayId(const QString &gatewayId);
    // False while the panel is busy with a write of its own.
    void setEnabled(bool enabled);
    QMenu *menu() const { return m_menu; }
    // A "Manage" button that opens the menu.
    QToolButton *createButton();
    // The menu on a right click in `widget` (the gateway list).
    void offerContextMenu(QWidget *widget);

    // The dialog of each action while it is open (tests drive them).
    NewGatewayDialog *newDialog() const;
    GatewaySettingsDialog *settingsDialog() const;
    ProviderKeysDialog *keysDialog() const;
    DeleteGatewayDialog *deleteDialog() const;

public slots:
    void newGateway();
    void editSettings();
    void providerKeys();
    void deleteGateway();

signals:
    void gatewayCreated(const QString &gatewayId);
    void gatewayDeleted(const QString &gatewayId);
    void providerKeyAdded(rd::ApiClient *client, const QString &gatewayId);

private:
    void updateActions();

    QWidget *m_owner;
    QPointer<ApiClient> m_client;
    QString m_gateway;
    bool m_enabled = true;
    QMenu *m_menu = nullptr;
    QAction *m_new = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_keys = nullptr;
    QAction *m_delete = nullptr;
    QPointer<NewGatewayDialog> m_newDialog;
    QPointer<GatewaySettingsDialog> m_settingsDialog;
    QPointer<ProviderKeysDialog> m_keysDialog;
    QPointer<DeleteGatewayDialog> m_deleteDialog;
};

} // namespace rd
