#include "ui/RouteTabs.h"

#include "app/LayoutStore.h"
#include "app/RemoteRoute.h"
#include "app/RouteSource.h"
#include "ui/LogsPage.h"
#include "ui/RemoteTabLook.h"
#include "ui/RouteEditorPage.h"
#include "ui/analytics/AnalyticsPage.h"
#include "ui/evaluations/EvaluationsPage.h"

#include <QDir>
#include <QUndoGroup>
#include <QUndoStack>

namespace rd {

namespace {

const char *const kGatewayProperty = "gatewayId";
const char *const kClientProperty = "client";

} // namespace

RouteTabs::RouteTabs(QWidget *parent) : QTabWidget(parent), m_undoGroup(new QUndoGroup(this))
{
    setObjectName(QStringLiteral("routeTabs"));
    setDocumentMode(true);
    setTabsClosable(true);
    setMovable(true);
    setElideMode(Qt::ElideRight);
    // The styles' stock close buttons range from a red box to nothing visible; one quiet cross fits all.
    setStyleSheet(QStringLiteral(
        "QTabBar::close-button { image: url(:/icons/close.svg); subcontrol-position: right; border-radius: 3px; }"
        "QTabBar::close-button:hover { background: palette(midlight); }"));
    connect(this, &QTabWidget::currentChanged, this, [this] {
        RouteEditorPage *editor = currentEditor();
        m_undoGroup->setActiveStack(editor ? editor->document()->undoStack() : nullptr);
    });
}

RouteEditorPage *RouteTabs::currentEditor() const
{
    return qobject_cast<RouteEditorPage *>(currentWidget());
}

RouteEditorPage *RouteTabs::editorAt(int index) const
{
    return qobject_cast<RouteEditorPage *>(widget(index));
}

QList<RouteEditorPage *> RouteTabs::editors() const
{
    QList<RouteEditorPage *> list;
    for (int i = 0; i < count(); ++i) {
        if (RouteEditorPage *editor = editorAt(i)) {
            list << editor;
        }
    }
    return list;
}

void RouteTabs::addEditor(RouteEditorPage *editor, const QString &toolTip)
{
    // In the group before the tab exists: the first tab becomes current inside addTab().
    m_undoGroup->addStack(editor->document()->undoStack());
    const int index = addTab(editor, RemoteTabLook::icon(editor), editor->title());
    setTabToolTip(index, editor->isRemote() ? RemoteTabLook::toolTip(editor) : toolTip);
    connect(editor, &RouteEditorPage::statusChanged, this, [this, editor] { updateTab(editor); });
    connect(editor->source(), &RouteSource::changed, this, [this, editor] {
        if (editor->source()->kind() == RouteSource::Kind::File) {
            setTabToolTip(indexOf(editor), QDir::toNativeSeparators(editor->sourcePath()));
        }
    });
}

LogsPage *RouteTabs::showLogs(ApiClient *client, const QString &gatewayId)
{
    LogsPage *page = findLogs(client, gatewayId);
    if (!page && client) {
        page = new LogsPage;
        page->setGateway(client, gatewayId);
        page->setProperty(kGatewayProperty, gatewayId);
        page->setProperty(kClientProperty, QVariant::fromValue<QObject *>(client));
        const int index = addTab(page, QIcon(QStringLiteral(":/icons/logs.svg")), tr("Logs · %1").arg(gatewayId));
        setTabToolTip(index, tr("Logs of gateway %1").arg(gatewayId));
    }
    if (page) {
        setCurrentWidget(page);
    }
    return page;
}

AnalyticsPage *RouteTabs::showAnalytics(ApiClient *client, const QString &gatewayId)
{
    AnalyticsPage *page = findAnalytics(client, gatewayId);
    if (!page && client) {
        page = new AnalyticsPage;
        page->setProperty(kGatewayProperty, gatewayId);
        page->setProperty(kClientProperty, QVariant::fromValue<QObject *>(client));
        const int index =
            addTab(page, QIcon(QStringLiteral(":/icons/analytics.svg")), tr("Analytics · %1").arg(gatewayId));
        setTabToolTip(index, tr("Traffic of gateway %1 over time, from its logs").arg(gatewayId));
        page->setGateway(client, gatewayId);
    }
    if (page) {
        setCurrentWidget(page);
    }
    return page;
}

EvaluationsPage *RouteTabs::showEvaluations(ApiClient *client, const QString &gatewayId)
{
    EvaluationsPage *page = findEvaluations(client, gatewayId);
    if (!page && client) {
        page = new EvaluationsPage;
        page->setGateway(client, gatewayId);
        const int index =
            addTab(page, QIcon(QStringLiteral(":/icons/logs.svg")), tr("Evaluations · %1").arg(gatewayId));
        setTabToolTip(index, tr("Datasets and evaluations of gateway %1").arg(gatewayId));
    }
    if (page) {
        setCurrentWidget(page);
    }
    return page;
}

void RouteTabs::removePage(int index)
{
    QWidget *page = widget(index);
    if (!page) {
        return;
    }
    if (RouteEditorPage *editor = editorAt(index)) {
        // Positions are kept on this computer, never on the server nor in a version.
        if (const QString key = editor->source()->layoutKey(); !key.isEmpty()) {
            LayoutStore().save(key, editor->document()->positions());
        }
        m_undoGroup->removeStack(editor->document()->undoStack());
    }
    removeTab(index);
    delete page;
}

RouteEditorPage *RouteTabs::findFile(const QString &path) const
{
    for (RouteEditorPage *editor : editors()) {
        if (editor->source()->kind() == RouteSource::Kind::File && editor->sourcePath() == path) {
            return editor;
        }
    }
    return nullptr;
}

RouteEditorPage *RouteTabs::findServerRoute(const ApiClient *client, const QString &gatewayId,
                                            const QString &routeId) const
{
    for (RouteEditorPage *editor : editors()) {
        if (editor->source()->kind() == RouteSource::Kind::ServerRoute && editor->remote()->client() == client &&
            editor->remote()->gatewayId() == gatewayId && editor->remote()->routeId() == routeId) {
            return editor;
        }
    }
    return nullptr;
}

RouteEditorPage *RouteTabs::findVersion(const QString &versionId) const
{
    for (RouteEditorPage *editor : editors()) {
        if (editor->isReadOnly() && editor->readOnlyVersion() == versionId) {
            return editor;
        }
    }
    return nullptr;
}

LogsPage *RouteTabs::findLogs(const ApiClient *client, const QString &gatewayId) const
{
    for (int i = 0; i < count(); ++i) {
        auto *logs = qobject_cast<LogsPage *>(widget(i));
        if (logs && logs->property(kGatewayProperty).toString() == gatewayId &&
            logs->property(kClientProperty).value<QObject *>() == client) {
            return logs;
        }
    }
    return nullptr;
}

AnalyticsPage *RouteTabs::findAnalytics(const ApiClient *client, const QString &gatewayId) const
{
    for (int i = 0; i < count(); ++i) {
        auto *page = qobject_cast<AnalyticsPage *>(widget(i));
        if (page && page->property(kGatewayProperty).toString() == gatewayId &&
            page->property(kClientProperty).value<QObject *>() == client) {
            return page;
        }
    }
    return nullptr;
}

EvaluationsPage *RouteTabs::findEvaluations(const ApiClient *client, const QString &gatewayId) const
{
    for (int i = 0; i < count(); ++i) {
        auto *page = qobject_cast<EvaluationsPage *>(widget(i));
        if (page && page->gatewayId() == gatewayId && page->client() == client) {
            return page;
        }
    }
    return nullptr;
}

QList<RouteEntry> RouteTabs::sessionEntries() const
{
    QList<RouteEntry> entries;
    for (RouteEditorPage *editor : editors()) {
        if (std::optional<RouteEntry> entry = editor->source()->entry()) {
            entries << *entry;
        }
    }
    return entries;
}

void RouteTabs::updateTab(RouteEditorPage *editor)
{
    const int index = indexOf(editor);
    if (index < 0) {
        return;
    }
    // A bullet marks unsaved changes, as editors commonly do.
    const bool dirty = !editor->document()->isClean();
    setTabText(index, dirty ? editor->title() + QStringLiteral(" \u2022") : editor->title());
    setTabIcon(index, RemoteTabLook::icon(editor));
    if (editor->isRemote()) {
        setTabToolTip(index, RemoteTabLook::toolTip(editor)); // a rename changes it
    }
    emit editorChanged(editor);
}

} // namespace rd
