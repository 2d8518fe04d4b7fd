#include "ui/RouteUseFlow.h"

#include "app/ConnectionManager.h"
#include "app/GatewayKeyCheck.h"
#include "app/RemoteRoute.h"
#include "ui/RouteEditorPage.h"
#include "ui/UseRouteDialog.h"

#include <QAction>
#include <QSignalBlocker>

namespace rd {

RouteUseFlow::RouteUseFlow(ConnectionManager *connections, QObject *parent)
    : QObject(parent), m_connections(connections)
{}

GatewayKeyCheck *RouteUseFlow::checkFor(ApiClient *client, const QString &connectionId)
{
    if (!client) {
        return nullptr;
    }
    if (GatewayKeyCheck *check = m_checks.value(client)) {
        return check;
    }
    // Parented to the client: a connection that goes takes its gateways' facts with it.
    auto *check = new GatewayKeyCheck(client, connectionId, client);
    connect(check, &GatewayKeyCheck::changed, this, &RouteUseFlow::keysChanged);
    m_checks.insert(client, check);
    return check;
}

void RouteUseFlow::refreshKeys(ApiClient *client, const QString &gatewayId)
{
    if (GatewayKeyCheck *check = m_checks.value(client)) {
        check->refresh(gatewayId);
    }
}

GatewayKeyCheck *RouteUseFlow::checkOf(RouteEditorPage *editor)
{
    RemoteRoute *remote = editor ? editor->remote() : nullptr;
    return remote ? checkFor(remote->client(), remote->connectionId()) : nullptr;
}

void RouteUseFlow::attach(RouteEditorPage *editor)
{
    GatewayKeyCheck *check = checkOf(editor);
    if (!check) {
        return;
    }
    const QString gateway = editor->remote()->gatewayId();
    QPointer<GatewayKeyCheck> guarded(check);
    RouteDocument *document = editor->document();
    document->setExtraCheck([guarded, gateway](const Route &route) {
        return guarded ? guarded->findings(gateway, route) : std::vector<Finding>();
    });
    connect(check, &GatewayKeyCheck::changed, document, [document, gateway](const QString &changed) {
        if (changed == gateway) {
            document->recheck();
        }
    });
    check->ensure(gateway);
}

QString RouteUseFlow::unavailableReason(RouteEditorPage *editor)
{
    if (!editor) {
        return tr("Open a route of a gateway to see how to call it.");
    }
    if (!editor->isRemote()) {
        return tr("This route is a file: applications call routes on a gateway. Create it on a gateway (Gateways "
                  "panel) to use it.");
    }
    if (!editor->remote()->client()) {
        return tr("The route's connection is gone: reconnect to use it.");
    }
    return {};
}

UseRouteDialog *RouteUseFlow::open(RouteEditorPage *editor, QWidget *parent)
{
    if (!unavailableReason(editor).isEmpty()) {
        return nullptr;
    }
    RemoteRoute *remote = editor->remote();
    UseRouteDialog::Target target;
    target.client = remote->client();
    target.gatewayId = remote->gatewayId();
    target.routeName = remote->name().isEmpty() ? QString::fromStdString(editor->route().name()) : remote->name();
    target.deployedVersionId = remote->deployedVersionId();
    target.showsDeployed = !remote->deployedVersionId().isEmpty() &&
                           remote->shownVersionId() == remote->deployedVersionId() && editor->document()->isClean();
    target.route = editor->route();
    target.keys = checkOf(editor);
    if (target.keys) {
        target.keys->refresh(target.gatewayId); // on demand: keys may have been added since the tab opened
    }
    auto *dialog = new UseRouteDialog(std::move(target), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

bool RouteUseFlow::callersPassKeys(RouteEditorPage *editor)
{
    GatewayKeyCheck *check = checkOf(editor);
    return check && check->isSilenced(editor->remote()->gatewayId());
}

void RouteUseFlow::setCallersPassKeys(RouteEditorPage *editor, bool on)
{
    if (GatewayKeyCheck *check = checkOf(editor)) {
        check->setSilenced(editor->remote()->gatewayId(), on);
    }
}

void RouteUseFlow::updateActions(RouteEditorPage *editor, QAction *useRoute, QAction *callersPassKeys)
{
    const QString reason = unavailableReason(editor);
    useRoute->setEnabled(reason.isEmpty());
    useRoute->setToolTip(reason.isEmpty() ? tr("How an application calls this route: the gateway's URLs, the "
                                               "metadata it reads, and code to copy")
                                          : reason);
    useRoute->setStatusTip(reason);
    const QSignalBlocker quiet(callersPassKeys); // showing the state is no request to change it
    callersPassKeys->setEnabled(editor && editor->isRemote());
    callersPassKeys->setChecked(this->callersPassKeys(editor));
}

} // namespace rd
