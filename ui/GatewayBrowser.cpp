#include "ui/GatewayBrowser.h"

#include "app/RouteWriteProbes.h"
#include "app/StatusColors.h"
#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "ui/WriteAccessNotice.h"
#include "ui/gateway/GatewayAdmin.h"
#include "ui/gateway/RouteRows.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

// The API pages at 20 by default; a gateway rarely has more routes than this, and one request is enough.
constexpr int kRoutesPerPage = 100;

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

GatewayBrowser::GatewayBrowser(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("gatewayBrowser"));

    auto *heading = new QLabel(tr("Gateway"));
    QFont bold = heading->font();
    bold.setWeight(QFont::DemiBold);
    heading->setFont(bold);

    m_gateways = new QComboBox;
    m_gateways->setObjectName(QStringLiteral("gatewayCombo"));
    m_gateways->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_gateways->setMinimumContentsLength(12);
    m_gateways->setToolTip(tr("The gateway whose routes are listed"));
    m_refreshButton = new QToolButton;
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolTip(tr("Load gateways and routes again (F5)"));
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    m_refreshButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_refreshButton, &QToolButton::clicked, this, &GatewayBrowser::refresh);

    // Gateway-level actions (new, settings, provider keys, delete) in one menu, so the panel stays as narrow.
    m_admin = new GatewayAdmin(this);
    m_admin->offerContextMenu(m_gateways);
    connect(m_admin, &GatewayAdmin::gatewayCreated, this, [this](const QString &id) {
        const QSignalBlocker block(m_gateways);
        m_gateways->addItem(id, id); // listed and chosen at once; the refresh then keeps it
        m_gateways->setCurrentIndex(m_gateways->count() - 1);
        refresh();
    });
    connect(m_admin, &GatewayAdmin::gatewayDeleted, this, [this](const QString &id) {
        const QSignalBlocker block(m_gateways);
        m_gateways->removeItem(m_gateways->findData(id));
        m_routes->clear();
        refresh();
    });

    auto *gatewayRow = new QHBoxLayout;
    gatewayRow->setContentsMargins(0, 0, 0, 0);
    gatewayRow->addWidget(m_gateways, 1);
    gatewayRow->addWidget(m_refreshButton);
    gatewayRow->addWidget(m_admin->createButton());

    auto *routesHeading = new QLabel(tr("Routes"));
    routesHeading->setFont(bold);

    m_routes = new QTreeWidget;
    m_routes->setObjectName(QStringLiteral("routeList"));
    m_routes->setRootIsDecorated(false);
    m_routes->setUniformRowHeights(true);
    m_routes->setAlternatingRowColors(true);
    m_routes->setSortingEnabled(true);
    m_routes->setHeaderLabels({tr("Name"), tr("Deployed"), tr("Modified")});
    m_routes->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_routes->header()->setSectionResizeMode(DeployedColumn, QHeaderView::ResizeToContents);
    m_routes->header()->setSectionResizeMode(ModifiedColumn, QHeaderView::ResizeToContents);
    m_routes->header()->setStretchLastSection(false);
    m_routes->header()->setMinimumSectionSize(60);
    m_routes->setMinimumWidth(300);
    m_routes->sortByColumn(NameColumn, Qt::AscendingOrder);
    m_routes->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_routes, &QTreeWidget::itemActivated, this, [this] { openSelectedRoute(); });
    connect(m_routes, &QTreeWidget::itemSelectionChanged, this, &GatewayBrowser::updateActions);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("browserStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setVisible(false);
    connect(m_cancelButton, &QPushButton::clicked, this, &GatewayBrowser::cancel);
    auto *statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(0, 0, 0, 0);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_cancelButton);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("browserError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setVisible(false);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, StatusColors::text(StatusColors::Role::Error, errorPalette));
    m_error->setPalette(errorPalette);
    m_notice = new QLabel;
    m_notice->setObjectName(QStringLiteral("browserNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setVisible(false);

    m_newButton = new QPushButton(tr("&New…"));
    m_newButton->setObjectName(QStringLiteral("newRouteButton"));
    m_newButton->setToolTip(tr("Create a route in this gateway"));
    m_renameButton = new QPushButton(tr("Rena&me…"));
    m_renameButton->setObjectName(QStringLiteral("renameRouteButton"));
    m_deleteButton = new QPushButton(tr("&Delete…"));
    m_deleteButton->setObjectName(QStringLiteral("deleteRouteButton"));
    m_openButton = new QPushButton(tr("&Open"));
    m_openButton->setObjectName(QStringLiteral("openRouteButton"));
    m_openButton->setDefault(true);
    // The gateway's pages: each button asks the window for its page of the gateway shown.
    auto pageButton = [this](const QString &text, const char *name, const QString &tip,
                             void (GatewayBrowser::*request)(const QString &)) {
        auto *button = new QPushButton(text);
        button->setObjectName(QLatin1String(name));
        button->setToolTip(tip);
        connect(button, &QPushButton::clicked, this, [this, request] {
            if (!currentGatewayId().isEmpty()) {
                emit(this->*request)(currentGatewayId());
            }
        });
        return button;
    };
    m_logsButton =
        pageButton(tr("&Logs"), "logsButton", tr("Browse this gateway's logs"), &GatewayBrowser::logsRequested);
    m_analyticsButton = pageButton(tr("&Analytics"), "analyticsButton",
                                   tr("This gateway's traffic over time, with a route's deployments marked"),
                                   &GatewayBrowser::analyticsRequested);
    m_evaluationsButton =
        pageButton(tr("E&valuations"), "evaluationsButton", tr("This gateway's datasets and evaluations"),
                   &GatewayBrowser::evaluationsRequested);
    connect(m_newButton, &QPushButton::clicked, this, &GatewayBrowser::createRoute);
    connect(m_renameButton, &QPushButton::clicked, this, &GatewayBrowser::renameSelectedRoute);
    connect(m_deleteButton, &QPushButton::clicked, this, &GatewayBrowser::deleteSelectedRoute);
    connect(m_openButton, &QPushButton::clicked, this, &GatewayBrowser::openSelectedRoute);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_newButton);
    buttons->addWidget(m_renameButton);
    buttons->addWidget(m_deleteButton);
    buttons->addStretch(1);
    auto *buttons2 = new QHBoxLayout;
    buttons2->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *page : {m_logsButton, m_analyticsButton, m_evaluationsButton}) {
        // As narrow as their words when the panel is: the style's minimum button width would set the window's.
        page->setMinimumWidth(page->fontMetrics().horizontalAdvance(page->text().remove(QLatin1Char('&'))) + 16);
        buttons2->addWidget(page);
    }
    buttons2->addStretch(1);
    buttons2->addWidget(m_openButton);

    connect(m_routes, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        const bool selected = !selectedRouteId().isEmpty();
        menu.addAction(tr("Open"), this, &GatewayBrowser::openSelectedRoute)->setEnabled(selected);
        menu.addAction(tr("Rename…"), this, &GatewayBrowser::renameSelectedRoute)->setEnabled(selected);
        menu.addAction(tr("Delete…"), this, &GatewayBrowser::deleteSelectedRoute)->setEnabled(selected);
        menu.addSeparator();
        menu.addAction(tr("New Route…"), this, &GatewayBrowser::createRoute)->setEnabled(m_gateways->count() > 0);
        menu.exec(m_routes->viewport()->mapToGlobal(pos));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(heading);
    layout->addLayout(gatewayRow);
    layout->addSpacing(4);
    layout->addWidget(routesHeading);
    layout->addWidget(m_routes, 1);
    layout->addLayout(buttons);
    layout->addLayout(buttons2);
    layout->addLayout(statusRow);
    layout->addWidget(m_error);
    layout->addWidget(m_notice);
    m_writeAccess = new WriteAccessNotice(tr("creating, renaming or deleting routes and changing gateways"), false);
    layout->addWidget(m_writeAccess);

    connect(m_gateways, &QComboBox::currentIndexChanged, this, [this] {
        emit gatewayChanged(currentGatewayId());
        refreshRoutes();
    });
    updateActions();
}

void GatewayBrowser::setClient(ApiClient *client, const QString &preferredGateway)
{
    cancel();
    m_client = client;
    m_admin->setClient(client);
    m_writeAccess->setClient(client);
    m_preferredGateway = preferredGateway;
    {
        const QSignalBlocker block(m_gateways);
        m_gateways->clear();
    }
    m_routes->clear();
    clearError();
    refresh();
}

QString GatewayBrowser::currentGatewayId() const
{
    return m_gateways->currentData().toString();
}

QString GatewayBrowser::selectedRouteId() const
{
    const QTreeWidgetItem *item = m_routes->currentItem();
    return item && item->isSelected() ? item->data(NameColumn, RouteRows::kIdRole).toString() : QString();
}

QString GatewayBrowser::selectedRouteName() const
{
    const QTreeWidgetItem *item = m_routes->currentItem();
    return item && item->isSelected() ? item->data(NameColumn, RouteRows::kNameRole).toString() : QString();
}

QString GatewayBrowser::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString GatewayBrowser::noticeText() const
{
    return m_notice->isVisible() ? m_notice->text() : QString();
}

void GatewayBrowser::checkWrite(WriteCheck *check, const ApiError &error, const WriteOutcomeNotice::Words &words,
                                std::function<void(const QString &observed)> onApplied)
{
    clearError();
    WriteOutcomeNotice::follow(check, m_notice, error, words);
    connect(check, &WriteCheck::applied, this, std::move(onApplied));
    connect(check, &WriteCheck::settled, this, &GatewayBrowser::refreshRoutes);
    check->start();
}

void GatewayBrowser::refresh()
{
    if (m_writing) {
        return; // see refreshRoutes()
    }
    if (!m_client) {
        m_status->setText(tr("Not connected"));
        updateActions();
        return;
    }
    const QString keep = currentGatewayId().isEmpty() ? m_preferredGateway : currentGatewayId();
    const int generation = ++m_generation;
    PageQuery query;
    query.perPage = 50;
    startCall(m_client->listGateways(query, this,
                                     [this, keep, generation](const ApiResult<ListPage<Gateway>> &result) {
                                         if (generation != m_generation) {
                                             return;
                                         }
                                         finishCall();
                                         if (!result) {
                                             showError(tr("Loading gateways"), *result.error);
                                             emit gatewaysFailed(*result.error);
                                             return;
                                         }
                                         clearError();
                                         const QSignalBlocker block(m_gateways);
                                         m_gateways->clear();
                                         for (const Gateway &gateway : result.value->items) {
                                             m_gateways->addItem(qs(gateway.id()), qs(gateway.id()));
                                         }
                                         const int index = std::max(0, m_gateways->findData(keep));
                                         m_gateways->setCurrentIndex(m_gateways->count() > 0 ? index : -1);
                                         emit gatewaysLoaded(m_gateways->count());
                                         if (m_gateways->count() == 0) {
                                             m_routes->clear();
                                             m_status->setText(tr("This account has no gateways yet."));
                                             updateActions();
                                             return;
                                         }
                                         emit gatewayChanged(currentGatewayId());
                                         refreshRoutes();
                                     }),
              tr("Loading gateways…"));
}

void GatewayBrowser::refreshRoutes()
{
    if (m_writing) {
        return; // the write lists the routes when it is done; starting a call now would cancel it
    }
    const QString gateway = currentGatewayId();
    if (!m_client || gateway.isEmpty()) {
        m_routes->clear();
        updateActions();
        return;
    }
    const int generation = ++m_generation;
    PageQuery query;
    query.perPage = kRoutesPerPage;
    startCall(m_client->listRoutes(
                  gateway, query, this,
                  [this, generation, gateway](const ApiResult<ListPage<Route>> &result) {
                      if (generation != m_generation) {
                          return;
                      }
                      finishCall();
                      if (!result) {
                          showError(tr("Loading the routes of “%1”").arg(gateway), *result.error);
                          return;
                      }
                      clearError();
                      fillRoutes(result.value->items);
                      const auto total = result.value->info.totalCount;
                      if (total && *total > static_cast<std::int64_t>(result.value->items.size())) {
                          m_status->setText(tr("Showing %1 of %n route(s)", nullptr, static_cast<int>(*total))
                                                .arg(result.value->items.size()));
                      } else if (result.value->items.empty()) {
                          m_status->setText(tr("No routes yet: create one with New…"));
                      } else {
                          m_status->setText(tr("%n route(s)", nullptr, static_cast<int>(result.value->items.size())));
                      }
                  }),
              tr("Loading routes…"));
}

void GatewayBrowser::fillRoutes(const std::vector<Route> &routes)
{
    const QString keep = m_selectAfterLoad.isEmpty() ? selectedRouteId() : m_selectAfterLoad;
    m_selectAfterLoad.clear();
    RouteRows::fill(m_routes, routes, keep);
    updateActions();
}

void GatewayBrowser::createRoute()
{
    const QString gateway = currentGatewayId();
    if (!m_client || gateway.isEmpty()) {
        return;
    }
    QString name;
    for (QString problem;;) {
        bool ok = false;
        const QString label = problem.isEmpty() ? tr("Name of the new route in “%1”:").arg(gateway)
                                                : problem + QStringLiteral("\n\n") + tr("Name:");
        name = QInputDialog::getText(this, tr("New Route"), label, QLineEdit::Normal, name, &ok).trimmed();
        if (!ok) {
            return;
        }
        problem = RouteRows::nameProblem(name);
        if (problem.isEmpty()) {
            break;
        }
    }
    QSet<QString> known;
    for (int i = 0; i < m_routes->topLevelItemCount(); ++i) {
        known.insert(m_routes->topLevelItem(i)->data(NameColumn, RouteRows::kIdRole).toString());
    }
    const int generation = ++m_generation;
    m_notice->hide();
    m_writing = true;
    startCall(m_client->createRoute(
                  gateway, RouteRows::starterRoute(name), this,
                  [this, generation, gateway, name, known](const ApiResult<Route> &result) {
                      m_writing = false;
                      if (generation == m_generation) {
                          finishCall();
                      }
                      if (!result &&
                          (result.error->kind == ApiError::Kind::Cancelled || result.error->mayHaveBeenApplied)) {
                          const auto words = WriteOutcomeNotice::routeCreated(name);
                          checkWrite(new WriteCheck(RouteWriteProbes::created(m_client, gateway, name, known),
                                                    result.error->mayHaveBeenApplied, this),
                                     *result.error, words, [this](const QString &id) { m_selectAfterLoad = id; });
                          return;
                      }
                      if (!result) {
                          showError(tr("Creating route “%1”").arg(name), *result.error);
                          return;
                      }
                      clearError();
                      const QString id = qs(result.value->id());
                      m_selectAfterLoad = id;
                      refreshRoutes();
                      emit openRouteRequested(gateway, id, name);
                  }),
              tr("Creating route “%1”…").arg(name));
}

void GatewayBrowser::renameSelectedRoute()
{
    const QString gateway = currentGatewayId();
    const QString id = selectedRouteId();
    const QString oldName = selectedRouteName();
    if (!m_client || id.isEmpty()) {
        return;
    }
    QString name = oldName;
    for (QString problem;;) {
        bool ok = false;
        const QString label =
            problem.isEmpty()
                ? tr("New name for “%1”.\nClients calling dynamic/%1 must then use the new name.").arg(oldName)
                : problem + QStringLiteral("\n\n") + tr("Name:");
        name = QInputDialog::getText(this, tr("Rename Route"), label, QLineEdit::Normal, name, &ok).trimmed();
        if (!ok || name == oldName) {
            return;
        }
        problem = RouteRows::nameProblem(name);
        if (problem.isEmpty()) {
            break;
        }
    }
    const int generation = ++m_generation;
    m_notice->hide();
    m_writing = true;
    startCall(m_client->renameRoute(gateway, id, name, this,
                                    [this, generation, gateway, id, name, oldName](const ApiResult<Route> &result) {
                                        m_writing = false;
                                        if (generation == m_generation) {
                                            finishCall();
                                        }
                                        if (!result && (result.error->kind == ApiError::Kind::Cancelled ||
                                                        result.error->mayHaveBeenApplied)) {
                                            const auto words = WriteOutcomeNotice::routeRenamed(oldName, name);
                                            checkWrite(
                                                new WriteCheck(RouteWriteProbes::renamed(m_client, gateway, id, name),
                                                               result.error->mayHaveBeenApplied, this),
                                                *result.error, words, [this, gateway, id, name](const QString &) {
                                                    m_selectAfterLoad = id;
                                                    emit routeRenamed(gateway, id, name);
                                                });
                                            return;
                                        }
                                        if (!result) {
                                            showError(tr("Renaming route “%1”").arg(oldName), *result.error);
                                            return;
                                        }
                                        clearError();
                                        m_selectAfterLoad = id;
                                        refreshRoutes();
                                        emit routeRenamed(gateway, id, name);
                                    }),
              tr("Renaming “%1”…").arg(oldName));
}

void GatewayBrowser::deleteSelectedRoute()
{
    const QString gateway = currentGatewayId();
    const QString id = selectedRouteId();
    const QString name = selectedRouteName();
    if (!m_client || id.isEmpty()) {
        return;
    }
    QMessageBox confirm(QMessageBox::Warning, tr("Delete Route"), tr("Delete the route “%1”?").arg(name),
                        QMessageBox::Cancel, this);
    confirm.setObjectName(QStringLiteral("confirmDeleteRoute"));
    confirm.setInformativeText(tr("All its versions and deployments go with it, and requests to dynamic/%1 on "
                                  "gateway “%2” will fail. This cannot be undone.")
                                   .arg(name, gateway));
    QPushButton *remove = confirm.addButton(tr("Delete “%1”").arg(name), QMessageBox::DestructiveRole);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.exec();
    if (confirm.clickedButton() != remove) {
        return;
    }
    const int generation = ++m_generation;
    m_notice->hide();
    m_writing = true;
    startCall(m_client->deleteRoute(gateway, id, this,
                                    [this, generation, gateway, id, name](const ApiResult<Route> &result) {
                                        m_writing = false;
                                        if (generation == m_generation) {
                                            finishCall();
                                        }
                                        if (!result && (result.error->kind == ApiError::Kind::Cancelled ||
                                                        result.error->mayHaveBeenApplied)) {
                                            const auto words = WriteOutcomeNotice::routeDeleted(name);
                                            checkWrite(new WriteCheck(RouteWriteProbes::deleted(m_client, gateway, id),
                                                                      result.error->mayHaveBeenApplied, this),
                                                       *result.error, words, [this, gateway, id](const QString &) {
                                                           emit routeDeleted(gateway, id);
                                                       });
                                            return;
                                        }
                                        if (!result) {
                                            showError(tr("Deleting route “%1”").arg(name), *result.error);
                                            return;
                                        }
                                        clearError();
                                        delete RouteRows::find(m_routes, id);
                                        emit routeDeleted(gateway, id);
                                        refreshRoutes();
                                    }),
              tr("Deleting “%1”…").arg(name));
}

void GatewayBrowser::openSelectedRoute()
{
    const QString id = selectedRouteId();
    if (!id.isEmpty()) {
        emit openRouteRequested(currentGatewayId(), id, selectedRouteName());
    }
}

void GatewayBrowser::cancel()
{
    if (m_call) {
        ++m_generation;
        m_call->cancel(); // a write's callback then asks the server what became of it (checkWrite)
        m_writing = false;
        finishCall();
        m_status->setText(tr("Cancelled"));
    }
}

void GatewayBrowser::startCall(ApiCall *call, const QString &what)
{
    if (m_call && m_call != call) {
        m_call->cancel();
    }
    m_call = call;
    m_status->setText(what);
    m_cancelButton->setVisible(true);
    if (call) {
        connect(call, &ApiCall::retrying, this, [this](int, int delayMs, const QString &reason) {
            m_status->setText(ApiCall::describeRetry(reason, delayMs));
        });
    }
    updateActions();
    emit busyChanged(true);
}

void GatewayBrowser::finishCall()
{
    m_call.clear();
    m_cancelButton->setVisible(false);
    m_status->clear();
    updateActions();
    emit busyChanged(false);
}

void GatewayBrowser::showError(const QString &where, const ApiError &error)
{
    m_error->setText(QStringLiteral("%1: %2").arg(where, error.toString()));
    m_error->setVisible(true);
}

void GatewayBrowser::clearError()
{
    m_error->clear();
    m_error->setVisible(false);
}

void GatewayBrowser::updateActions()
{
    const bool connected = m_client && !currentGatewayId().isEmpty();
    const bool selected = connected && !selectedRouteId().isEmpty();
    const bool busy = isBusy();
    m_newButton->setEnabled(connected && !busy);
    m_renameButton->setEnabled(selected && !busy);
    m_deleteButton->setEnabled(selected && !busy);
    m_openButton->setEnabled(selected);
    m_logsButton->setEnabled(connected);
    m_analyticsButton->setEnabled(connected);
    m_evaluationsButton->setEnabled(connected);
    m_refreshButton->setEnabled(m_client != nullptr);
    m_admin->setGatewayId(connected ? currentGatewayId() : QString());
    m_admin->setEnabled(!m_writing);
}

} // namespace rd
