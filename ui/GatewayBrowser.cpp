#include "ui/GatewayBrowser.h"

#include "app/RouteWriteProbes.h"
#include "app/StatusColors.h"
#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "model/RouteDeployment.h"
#include "ui/VersionText.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kRouteIdRole = Qt::UserRole + 1;
constexpr int kRouteNameRole = Qt::UserRole + 2;
// The API pages at 20 by default; a gateway rarely has more routes than this, and one request is enough.
constexpr int kRoutesPerPage = 100;

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

// Clients call a route as `dynamic/<name>`: a name with spaces or slashes could not be called.
QString nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty()) {
        return GatewayBrowser::tr("A route needs a name.");
    }
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._-]+$"));
    if (!allowed.match(name).hasMatch()) {
        return GatewayBrowser::tr("Use letters, digits, dots, dashes and underscores only: clients call the route "
                                  "as dynamic/<name>.");
    }
    return {};
}

// What a new route starts as: the smallest graph the API accepts, ready to edit.
Route starterRoute(const QString &name)
{
    Route route;
    route.setName(name.toStdString());
    route.addElement(Element::make(ElementType::Start, "start"));
    Element model = Element::make(ElementType::Model, "model");
    model.model.provider = "openai";
    model.model.model = "gpt-4o-mini";
    model.model.timeout = Number::fromInteger(30000);
    model.model.retries = Number::fromInteger(1);
    route.addElement(model);
    route.addElement(Element::make(ElementType::End, "end"));
    route.connect("start", "next", "model");
    route.connect("model", "success", "end");
    route.connect("model", "fallback", "end");
    return route;
}

// Sorts the Modified column by the timestamp behind the localised text.
class RouteItem : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override
    {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        if (column == GatewayBrowser::ModifiedColumn) {
            return data(column, Qt::UserRole).toString() < other.data(column, Qt::UserRole).toString();
        }
        return QTreeWidgetItem::operator<(other);
    }
};

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

    auto *gatewayRow = new QHBoxLayout;
    gatewayRow->setContentsMargins(0, 0, 0, 0);
    gatewayRow->addWidget(m_gateways, 1);
    gatewayRow->addWidget(m_refreshButton);

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
    m_logsButton = new QPushButton(tr("&Logs"));
    m_logsButton->setObjectName(QStringLiteral("logsButton"));
    m_logsButton->setToolTip(tr("Browse this gateway's logs"));
    m_analyticsButton = new QPushButton(tr("&Analytics"));
    m_analyticsButton->setObjectName(QStringLiteral("analyticsButton"));
    m_analyticsButton->setToolTip(tr("This gateway's traffic over time, with a route's deployments marked"));
    connect(m_analyticsButton, &QPushButton::clicked, this, [this] {
        if (!currentGatewayId().isEmpty()) {
            emit analyticsRequested(currentGatewayId());
        }
    });
    m_evaluationsButton = new QPushButton(tr("E&valuations"));
    m_evaluationsButton->setObjectName(QStringLiteral("evaluationsButton"));
    m_evaluationsButton->setToolTip(tr("This gateway's datasets and evaluations"));
    connect(m_evaluationsButton, &QPushButton::clicked, this, [this] {
        if (!currentGatewayId().isEmpty()) {
            emit evaluationsRequested(currentGatewayId());
        }
    });
    connect(m_newButton, &QPushButton::clicked, this, &GatewayBrowser::createRoute);
    connect(m_renameButton, &QPushButton::clicked, this, &GatewayBrowser::renameSelectedRoute);
    connect(m_deleteButton, &QPushButton::clicked, this, &GatewayBrowser::deleteSelectedRoute);
    connect(m_openButton, &QPushButton::clicked, this, &GatewayBrowser::openSelectedRoute);
    connect(m_logsButton, &QPushButton::clicked, this, [this] {
        if (!currentGatewayId().isEmpty()) {
            emit logsRequested(currentGatewayId());
        }
    });

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
    return item && item->isSelected() ? item->data(NameColumn, kRouteIdRole).toString() : QString();
}

QString GatewayBrowser::selectedRouteName() const
{
    const QTreeWidgetItem *item = m_routes->currentItem();
    return item && item->isSelected() ? item->data(NameColumn, kRouteNameRole).toString() : QString();
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
    m_routes->setSortingEnabled(false);
    m_routes->clear();
    for (const Route &route : routes) {
        auto *item = new RouteItem(m_routes);
        const QString name = qs(route.name());
        item->setText(NameColumn, name);
        item->setData(NameColumn, kRouteIdRole, qs(route.id()));
        item->setData(NameColumn, kRouteNameRole, name);
        item->setToolTip(NameColumn, tr("%1\nid %2\nClients call it as dynamic/%1").arg(name, qs(route.id())));
        const auto &deployment = route.metadata().deployment;
        if (deployment && deployment->is_object()) {
            const auto decoded = RouteDeployment::fromJson(*deployment);
            if (decoded) {
                item->setText(DeployedColumn, VersionText::shortId(decoded.value->versionId()));
                item->setToolTip(DeployedColumn, tr("Version %1\ndeployed %2")
                                                     .arg(qs(decoded.value->versionId()),
                                                          VersionText::fullTime(decoded.value->createdAt())));
            }
        } else {
            item->setText(DeployedColumn, tr("—"));
            item->setToolTip(DeployedColumn, tr("Not deployed"));
        }
        const std::string modified = route.metadata().modifiedAt.value_or(route.metadata().createdAt.value_or(""));
        // Minutes are enough in a list this narrow; the tooltip has the full time.
        const QDateTime at = QDateTime::fromString(qs(modified), Qt::ISODateWithMs);
        item->setText(ModifiedColumn,
                      at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : qs(modified));
        item->setToolTip(ModifiedColumn, VersionText::fullTime(modified));
        // Sort by the timestamp, not by its localised text.
        item->setData(ModifiedColumn, Qt::UserRole, qs(modified));
        if (item->data(NameColumn, kRouteIdRole).toString() == keep) {
            m_routes->setCurrentItem(item);
        }
    }
    m_routes->setSortingEnabled(true);
    updateActions();
}

QTreeWidgetItem *GatewayBrowser::itemForRoute(const QString &routeId) const
{
    for (int i = 0; i < m_routes->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_routes->topLevelItem(i);
        if (item->data(NameColumn, kRouteIdRole).toString() == routeId) {
            return item;
        }
    }
    return nullptr;
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
        problem = nameProblem(name);
        if (problem.isEmpty()) {
            break;
        }
    }
    QSet<QString> known;
    for (int i = 0; i < m_routes->topLevelItemCount(); ++i) {
        known.insert(m_routes->topLevelItem(i)->data(NameColumn, kRouteIdRole).toString());
    }
    const int generation = ++m_generation;
    m_notice->hide();
    m_writing = true;
    startCall(m_client->createRoute(
                  gateway, starterRoute(name), this,
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
        problem = nameProblem(name);
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
                                        delete itemForRoute(id);
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
}

} // namespace rd
