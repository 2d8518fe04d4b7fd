#include "ui/ServerRoutes.h"

#include "app/AutoLayout.h"
#include "app/ConnectionManager.h"
#include "app/ContentCleanTracker.h"
#include "app/LayoutStore.h"
#include "app/RemoteRoute.h"
#include "app/RouteSource.h"
#include "app/SessionStore.h"
#include "ui/RemoteTabLook.h"
#include "ui/RouteEditorPage.h"
#include "ui/RouteHistoryPanel.h"
#include "ui/RouteSaveFlow.h"
#include "ui/RouteTabs.h"
#include "ui/VersionText.h"
#include "widgets/ApiActivityBar.h"

#include <QMessageBox>

namespace rd {

namespace {

QString routeKey(const QString &gatewayId, const QString &routeId)
{
    return gatewayId + QLatin1Char('|') + routeId;
}

// The cards of elements `from` shows keep where the person put them.
RouteDocument::Positions positionsFrom(const RouteEditorPage *from, const Route &route)
{
    RouteDocument::Positions positions;
    for (const Element &element : route.elements()) {
        if (auto at = from->document()->position(element.id)) {
            positions[element.id] = *at;
        }
    }
    return positions;
}

} // namespace

ServerRoutes::ServerRoutes(const AppServices &services, RouteTabs *tabs, RouteSaveFlow *saveFlow,
                           ApiActivityBar *activity, QWidget *window)
    : QObject(window), m_services(services), m_tabs(tabs), m_saveFlow(saveFlow), m_activity(activity), m_window(window)
{}

RouteEditorPage *ServerRoutes::find(const QString &gatewayId, const QString &routeId) const
{
    return m_tabs->findServerRoute(m_services.connections->client(), gatewayId, routeId);
}

void ServerRoutes::open(const QString &gatewayId, const QString &routeId, const QString &name, bool behind)
{
    ApiClient *client = m_services.connections->client();
    if (RouteEditorPage *open = find(gatewayId, routeId)) {
        if (!behind) {
            m_tabs->setCurrentWidget(open);
        }
        return;
    }
    if (!client) {
        return;
    }
    if (behind) {
        m_behind.insert(routeKey(gatewayId, routeId));
    }
    // Already loading (asked twice, e.g. by session restore and a restored draft): one tab, not two. Routes
    // being opened are this object's direct RemoteRoute children until their tab takes them.
    for (const RemoteRoute *loading : findChildren<RemoteRoute *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (loading->isBusy() && loading->client() == client && loading->gatewayId() == gatewayId &&
            loading->routeId() == routeId) {
            return;
        }
    }
    auto *remote = new RemoteRoute(client, gatewayId, routeId, this);
    remote->rename(name);
    remote->setConnection(m_services.connections->currentId(), m_services.connections->name());
    connect(remote, &RemoteRoute::callStarted, m_activity,
            [this](ApiCall *call, const QString &what) { m_activity->track(call, what + QStringLiteral("…")); });
    remote->open([this, remote](const std::optional<ApiError> &error, const QString &step) {
        const bool toFront = !m_behind.remove(routeKey(remote->gatewayId(), remote->routeId()));
        if (error) {
            remote->deleteLater();
            if (error->kind != ApiError::Kind::Cancelled) {
                auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Open Route"), step + tr(" failed."),
                                            QMessageBox::Ok, m_window);
                box->setObjectName(QStringLiteral("remoteOpenErrorBox"));
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->setInformativeText(error->toString());
                box->open();
            }
            return;
        }
        RouteDocument::Positions positions =
            LayoutStore().load(LayoutStore::keyForRoute(remote->gatewayId(), remote->routeId()));
        auto *editor = new RouteEditorPage(remote->route(), std::move(positions), QString(), {});
        editor->setRemote(remote);
        // The window's connection now: if it changed while the route loaded, the header says whose the tab is.
        editor->setWindowConnection(m_services.connections->currentId(), m_services.connections->name());
        // A route reopened from the last session stays behind the tab in front (a file from the command line,
        // say); one the person asked for now comes to the front.
        emit editorCreated(editor, RemoteTabLook::toolTip(editor), toFront || !m_tabs->currentEditor());
        wire(editor);
        if (std::optional<RouteEntry> entry = editor->source()->entry()) {
            m_services.session->addRecent(*entry);
        }
        emit message(tr("Opened %1 from %2").arg(remote->name(), remote->gatewayId()), 5000);
    });
}

void ServerRoutes::wire(RouteEditorPage *editor)
{
    RouteHistoryPanel *history = editor->historyPanel();
    if (!history) {
        return;
    }
    // Unsaved means other elements than the saved version's: moving cards is layout, not a change of the route.
    new ContentCleanTracker(editor->document(), editor->remote(), editor);
    // A roll back from the history deploys to the tab's account, which after a switch may not be the window's.
    history->setDeployGuard([this, editor] { return m_saveFlow->confirmTabAccount(editor, tr("Deploy")); });
    // What the history reads from the server is what the header shows (a deployment made elsewhere included);
    // with unsaved changes, a newest version that has them (a save whose answer was lost) makes the tab clean.
    const auto recognise = [this, editor] {
        editor->remote()->recognise(editor->route(), [this, editor](bool matched, const std::optional<ApiError> &) {
            if (matched) {
                const QString text = tr("Version %1 on the server already has these changes: nothing left to save.")
                                         .arg(VersionText::shortId(editor->remote()->shownVersionId()));
                editor->showNotice(text);
                emit message(text, 8000);
            }
        });
    };
    connect(history, &RouteHistoryPanel::refreshed, editor, [editor, history, recognise] {
        RemoteRoute *remote = editor->remote();
        remote->noteServerState(history->deployedVersionId(), history->latestVersionId());
        if (editor->document()->isClean()) {
            return;
        }
        if (!remote->isBusy()) {
            recognise();
            return;
        }
        // The route is reading or writing right now: look once it is done, not never.
        auto *once = new QObject(editor);
        connect(remote, &RemoteRoute::busyChanged, once, [editor, once, recognise](bool busy) {
            if (busy) {
                return;
            }
            once->deleteLater();
            if (!editor->document()->isClean()) {
                recognise();
            }
        });
    });
    connect(history, &RouteHistoryPanel::openVersionRequested, this,
            [this, editor](const Route &route, const QString &versionId) { openVersion(editor, route, versionId); });
    connect(history, &RouteHistoryPanel::restoreVersionRequested, this,
            [this, editor](const Route &route, const QString &versionId) {
                // Keep the cards of elements that survive where the person put them; lay out the rest.
                RouteDocument::Positions positions = positionsFrom(editor, route);
                if (!LayoutStore::unplaced(route, positions).empty()) {
                    for (const auto &[id, point] : AutoLayout::layout(route, {})) {
                        positions.try_emplace(id, point);
                    }
                }
                editor->document()->replaceElements(route, positions,
                                                    tr("Restore version %1").arg(VersionText::shortId(versionId)));
                m_tabs->setCurrentWidget(editor);
                emit message(tr("Version %1 restored into the editor: save a version to keep it, or undo (Ctrl+Z)")
                                 .arg(VersionText::shortId(versionId)),
                             10000);
            });
    connect(history, &RouteHistoryPanel::deployed, editor, [this, editor](const QString &versionId) {
        editor->remote()->noteDeployed(versionId);
        editor->remote()->refreshState([](const std::optional<ApiError> &, const QString &) {});
        emit message(tr("Deployed version %1").arg(VersionText::shortId(versionId)), 8000);
        emit routesChanged();
    });
}

RouteEditorPage *ServerRoutes::openVersion(RouteEditorPage *from, const Route &route, const QString &versionId)
{
    if (RouteEditorPage *open = m_tabs->findVersion(versionId)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    Route shown = route;
    shown.setName(from->route().name());
    auto *viewer = new RouteEditorPage(std::move(shown), positionsFrom(from, route), QString(), {});
    const RemoteRoute *of = from->remote();
    auto *remote = new RemoteRoute(of->client(), of->gatewayId(), of->routeId());
    remote->rename(of->name());
    remote->setConnection(of->connectionId(), of->connectionName());
    remote->noteDeployed(of->deployedVersionId());
    viewer->setReadOnlyVersion(versionId);
    viewer->setRemote(remote);
    emit editorCreated(viewer, tr("Version %1 of %2, read-only").arg(versionId, from->title()), true);
    return viewer;
}

} // namespace rd
