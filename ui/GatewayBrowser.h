#pragma once

#include "model/Gateway.h"
#include "model/Route.h"
#include "ui/WriteOutcomeNotice.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace rd {

class WriteAccessNotice;

class ApiCall;
class ApiClient;
class GatewayAdmin;
class WriteCheck;
struct ApiError;

// The account's gateways and the routes of the chosen one: what an operator browses before opening a
// route. Creates, renames and deletes routes (gateways: GatewayAdmin, behind Manage); opening one is left to the window
// (a signal), which owns tabs.
class GatewayBrowser : public QWidget
{
    Q_OBJECT

public:
    enum RouteColumn { NameColumn, DeployedColumn, ModifiedColumn };

    explicit GatewayBrowser(QWidget *parent = nullptr);

    // Lists the gateways behind `client` (null: nothing to browse). `preferredGateway` is selected when present.
    void setClient(ApiClient *client, const QString &preferredGateway = QString());
    ApiClient *client() const { return m_client; }
    QString currentGatewayId() const;
    QComboBox *gatewayCombo() const { return m_gateways; }
    // New Gateway…, Gateway Settings…, Provider Keys…, Delete Gateway… (the Manage button's menu).
    GatewayAdmin *admin() const { return m_admin; }
    QTreeWidget *routeList() const { return m_routes; }
    QString selectedRouteId() const;
    QString selectedRouteName() const;
    // True while a request of this panel is on its way.
    bool isBusy() const { return !m_call.isNull(); }
    QString errorText() const;
    // What a create, rename or delete cancelled after it was sent (or whose answer was lost) came to on the
    // server, as the panel says it.
    QString noticeText() const;

public slots:
    void refresh();
    void refreshRoutes();
    // Asks for a name, creates a route with a starter graph (start → model → end), then opens it.
    void createRoute();
    void renameSelectedRoute();
    // Confirms naming the route (and what breaks: clients calling dynamic/<name>), then deletes it.
    void deleteSelectedRoute();
    void openSelectedRoute();
    void cancel();

signals:
    void openRouteRequested(const QString &gatewayId, const QString &routeId, const QString &name);
    void logsRequested(const QString &gatewayId);
    void analyticsRequested(const QString &gatewayId);
    void evaluationsRequested(const QString &gatewayId);
    void gatewayChanged(const QString &gatewayId);
    void routeRenamed(const QString &gatewayId, const QString &routeId, const QString &name);
    void routeDeleted(const QString &gatewayId, const QString &routeId);
    void busyChanged(bool busy);
    // The account answered the gateway list (also after Refresh), or could not be reached.
    void gatewaysLoaded(int count);
    void gatewaysFailed(const rd::ApiError &error);

private:
    void startCall(ApiCall *call, const QString &what);
    void finishCall();
    void showError(const QString &where, const ApiError &error);
    void clearError();
    void fillRoutes(const std::vector<Route> &routes);
    // After a write whose answer never came: reads the server until it knows, says so, then lists the routes.
    void checkWrite(WriteCheck *check, const ApiError &error, const WriteOutcomeNotice::Words &words,
                    std::function<void(const QString &observed)> onApplied);
    void updateActions();

    QPointer<ApiClient> m_client;
    QPointer<ApiCall> m_call;
    QString m_preferredGateway;
    QString m_selectAfterLoad;
    int m_generation = 0;

    QComboBox *m_gateways = nullptr;
    QToolButton *m_refreshButton = nullptr;
    QTreeWidget *m_routes = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_notice = nullptr;
    WriteAccessNotice *m_writeAccess = nullptr;
    bool m_writing = false; // a create, rename or delete is on its way: a refresh must not cancel it
    QPushButton *m_newButton = nullptr;
    QPushButton *m_renameButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_logsButton = nullptr;
    QPushButton *m_analyticsButton = nullptr;
    QPushButton *m_evaluationsButton = nullptr;
    GatewayAdmin *m_admin = nullptr;
};

} // namespace rd
