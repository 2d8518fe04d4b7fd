#include "ui/RouteHistoryPanel.h"

#include "app/RouteHistoryLoader.h"
#include "app/StatusColors.h"
#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "ui/DeployDialog.h"
#include "ui/VersionText.h"
#include "widgets/ApiActivityBar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

namespace rd {

namespace {

constexpr int kIdRole = Qt::UserRole;

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QTreeWidget *makeList(const QStringList &columns, const QString &name)
{
    auto *list = new QTreeWidget;
    list->setObjectName(name);
    list->setHeaderLabels(columns);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->setAlternatingRowColors(true);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->header()->setStretchLastSection(true);
    return list;
}

} // namespace

RouteHistoryPanel::RouteHistoryPanel(ApiClient *client, QString gatewayId, QString routeId, QWidget *parent)
    : QWidget(parent), m_client(client), m_gatewayId(std::move(gatewayId)), m_routeId(std::move(routeId)),
      m_loader(new RouteHistoryLoader(m_client, m_gatewayId, m_routeId, this)),
      m_refreshButton(new QPushButton(tr("&Refresh"))),
      m_versionList(makeList({tr("Version"), tr("Created"), tr("Status")}, QStringLiteral("versionList"))),
      m_deploymentList(makeList({tr("Deployed"), tr("Version")}, QStringLiteral("deploymentList"))),
      m_openButton(new QPushButton(tr("&Open Read-Only"))),
      m_restoreButton(new QPushButton(tr("Re&store into Editor"))), m_deployButton(new QPushButton(tr("&Deploy…"))),
      m_activity(new ApiActivityBar), m_error(new QLabel)
{
    setObjectName(QStringLiteral("routeHistoryPanel"));
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_openButton->setObjectName(QStringLiteral("openReadOnlyButton"));
    m_restoreButton->setObjectName(QStringLiteral("restoreButton"));
    m_deployButton->setObjectName(QStringLiteral("deployButton"));
    m_error->setObjectName(QStringLiteral("errorLine"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto *header = new QHBoxLayout;
    header->addWidget(heading(tr("History")));
    header->addStretch(1);
    header->addWidget(m_refreshButton);

    auto *versionsColumn = new QWidget;
    auto *versionsLayout = new QVBoxLayout(versionsColumn);
    versionsLayout->setContentsMargins(0, 0, 0, 0);
    versionsLayout->addWidget(heading(tr("Versions")));
    versionsLayout->addWidget(m_versionList, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_openButton);
    actions->addWidget(m_restoreButton);
    actions->addWidget(m_deployButton);
    actions->addStretch(1);
    versionsLayout->addLayout(actions);

    auto *deploymentsColumn = new QWidget;
    auto *deploymentsLayout = new QVBoxLayout(deploymentsColumn);
    deploymentsLayout->setContentsMargins(0, 0, 0, 0);
    deploymentsLayout->addWidget(heading(tr("Deployments")));
    deploymentsLayout->addWidget(m_deploymentList, 1);

    // Side by side: the panel sits under the canvas, wide and short.
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(versionsColumn);
    split->addWidget(deploymentsColumn);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0); // it sits in the editor's bottom panel, which has its own
    layout->addLayout(header);
    layout->addWidget(split, 1);
    layout->addWidget(m_activity);
    layout->addWidget(m_error);

    m_versionList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_versionList, &QWidget::customContextMenuRequested, this, [this](QPoint pos) {
        if (m_versionList->itemAt(pos) == nullptr) {
            return;
        }
        QMenu menu(this);
        menu.addAction(m_openButton->text(), this, &RouteHistoryPanel::openSelectedReadOnly);
        menu.addAction(m_restoreButton->text(), this, &RouteHistoryPanel::restoreSelected);
        menu.addAction(m_deployButton->text(), this, &RouteHistoryPanel::deploySelected)
            ->setEnabled(m_deployButton->isEnabled());
        menu.exec(m_versionList->viewport()->mapToGlobal(pos));
    });
    connect(m_versionList, &QTreeWidget::itemSelectionChanged, this, &RouteHistoryPanel::updateActions);
    connect(m_versionList, &QTreeWidget::itemActivated, this, &RouteHistoryPanel::openSelectedReadOnly);
    // Picking a deployment picks its version, so a roll back to it is one click away.
    connect(m_deploymentList, &QTreeWidget::itemClicked, this,
            [this](QTreeWidgetItem *item) { selectVersion(item->data(1, kIdRole).toString()); });
    connect(m_refreshButton, &QPushButton::clicked, this, &RouteHistoryPanel::refresh);
    connect(m_openButton, &QPushButton::clicked, this, &RouteHistoryPanel::openSelectedReadOnly);
    connect(m_restoreButton, &QPushButton::clicked, this, &RouteHistoryPanel::restoreSelected);
    connect(m_deployButton, &QPushButton::clicked, this, &RouteHistoryPanel::deploySelected);
    connect(m_activity, &ApiActivityBar::activeChanged, this, &RouteHistoryPanel::updateActions);

    m_error->setStyleSheet(
        QStringLiteral("color: %1;").arg(StatusColors::text(StatusColors::Role::Error, palette()).name()));
    updateActions();
    QTimer::singleShot(0, this, &RouteHistoryPanel::refresh);
}

RouteHistoryPanel::~RouteHistoryPanel()
{
    // Closing cancels this panel's requests (they were started for it), and a cancelled request tells the
    // activity bar, which would call back into a panel already past its destructor.
    disconnect(m_activity, nullptr, this, nullptr);
}

void RouteHistoryPanel::setExpectedState(const QString &deployedVersionId, const QString &latestVersionId)
{
    m_expected = std::make_pair(deployedVersionId, latestVersionId);
}

QString RouteHistoryPanel::deployedVersionId() const
{
    return m_history.deployedVersionId();
}

QString RouteHistoryPanel::latestVersionId() const
{
    return m_history.latestVersionId();
}

QString RouteHistoryPanel::selectedVersionId() const
{
    const QList<QTreeWidgetItem *> selected = m_versionList->selectedItems();
    return selected.isEmpty() ? QString() : selected.front()->data(0, kIdRole).toString();
}

void RouteHistoryPanel::selectVersion(const QString &versionId)
{
    for (int i = 0; i < m_versionList->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_versionList->topLevelItem(i);
        if (item->data(0, kIdRole).toString() == versionId) {
            m_versionList->setCurrentItem(item);
            m_versionList->scrollToItem(item);
            return;
        }
    }
}

DeployDialog *RouteHistoryPanel::deployDialog() const
{
    return m_dialog;
}

bool RouteHistoryPanel::isBusy() const
{
    return m_activity->isActive();
}

QString RouteHistoryPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RouteHistoryPanel::cancel()
{
    m_activity->cancel();
}

void RouteHistoryPanel::refresh()
{
    m_error->hide();
    // A newer refresh replaces an older one still out (the loader drops it): only the newest answer is shown.
    const QList<ApiCall *> calls = m_loader->load(
        false,
        [this](const RouteHistory &history) {
            m_history = history;
            populate();
            emit refreshed();
        },
        [this](RouteHistoryLoader::Part part, const ApiError &error) {
            showError(part == RouteHistoryLoader::Part::Versions ? tr("Loading versions") : tr("Loading deployments"),
                      error);
        });
    for (ApiCall *call : calls) {
        m_activity->track(call, tr("Loading versions and deployments…"));
    }
}

void RouteHistoryPanel::populate()
{
    const QString previous = selectedVersionId();
    const QString deployed = deployedVersionId();
    QFont bold = m_versionList->font();
    bold.setBold(true);

    m_versionList->clear();
    for (std::size_t i = 0; i < m_history.versions.size(); ++i) {
        const RouteVersion &v = m_history.versions[i];
        const QString id = QString::fromStdString(v.versionId());
        auto *item = new QTreeWidgetItem(m_versionList);
        item->setText(0, VersionText::shortId(id));
        item->setData(0, kIdRole, id);
        item->setToolTip(0, tr("Version %1").arg(id));
        item->setText(1, VersionText::localTime(v.createdAt()));
        item->setToolTip(1, VersionText::fullTime(v.createdAt()));
        QStringList status;
        // The server's `active` flag and the newest deployment agree; either one marks the live version.
        const bool live = v.isActive() || id == deployed;
        if (live) {
            status << tr("● Active");
        }
        if (i == 0) {
            status << tr("Newest");
        }
        item->setText(2, status.join(QStringLiteral(" · ")));
        if (live) {
            for (int column = 0; column < 3; ++column) {
                item->setFont(column, bold);
            }
            item->setToolTip(2, tr("This version is deployed: it is what the route runs."));
        }
    }

    m_deploymentList->clear();
    for (std::size_t i = 0; i < m_history.deployments.size(); ++i) {
        const RouteDeployment &d = m_history.deployments[i];
        const QString versionId = QString::fromStdString(d.versionId());
        auto *item = new QTreeWidgetItem(m_deploymentList);
        item->setText(0, VersionText::localTime(d.createdAt()));
        item->setToolTip(0, tr("%1\nDeployment %2")
                                .arg(VersionText::fullTime(d.createdAt()), QString::fromStdString(d.deploymentId())));
        item->setText(1, i == 0 ? tr("%1 (current)").arg(VersionText::shortId(versionId))
                                : VersionText::shortId(versionId));
        item->setData(1, kIdRole, versionId);
        item->setToolTip(1, tr("Version %1").arg(versionId));
        if (i == 0) {
            item->setFont(0, bold);
            item->setFont(1, bold);
        }
    }
    for (QTreeWidget *list : {m_versionList, m_deploymentList}) {
        for (int column = 0; column + 1 < list->columnCount(); ++column) {
            list->resizeColumnToContents(column);
        }
    }
    if (m_versionList->topLevelItemCount() == 0) {
        auto *empty = new QTreeWidgetItem(m_versionList);
        empty->setText(0, tr("No versions"));
        empty->setFlags(Qt::NoItemFlags);
    } else {
        selectVersion(previous.isEmpty() ? deployed : previous);
    }
    updateActions();
}

void RouteHistoryPanel::openSelectedReadOnly()
{
    fetchSelected(Use::Open);
}

void RouteHistoryPanel::restoreSelected()
{
    fetchSelected(Use::Restore);
}

void RouteHistoryPanel::fetchSelected(Use use)
{
    const QString versionId = selectedVersionId();
    if (versionId.isEmpty()) {
        return;
    }
    m_error->hide();
    const QString shortId = VersionText::shortId(versionId);
    m_activity->track(m_client->getVersionGraph(m_gatewayId, m_routeId, versionId, this,
                                                [this, versionId, shortId, use](const ApiResult<Route> &r) {
                                                    const QString where = tr("Fetching version %1").arg(shortId);
                                                    if (!r) {
                                                        if (r.error->kind != ApiError::Kind::Cancelled) {
                                                            showError(where, *r.error);
                                                        }
                                                        return;
                                                    }
                                                    if (use == Use::Open) {
                                                        emit openVersionRequested(*r.value, versionId);
                                                    } else {
                                                        emit restoreVersionRequested(*r.value, versionId);
                                                    }
                                                }),
                      use == Use::Open ? tr("Opening version %1…").arg(shortId)
                                       : tr("Fetching version %1 to restore…").arg(shortId));
}

void RouteHistoryPanel::deploySelected()
{
    const QString versionId = selectedVersionId();
    if (versionId.isEmpty() || m_dialog || (m_deployGuard && !m_deployGuard())) {
        return;
    }
    auto *dialog = new DeployDialog(m_client, m_gatewayId, m_routeId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInitialVersion(versionId);
    const auto [expectedDeployed, expectedLatest] =
        m_expected.value_or(std::make_pair(deployedVersionId(), latestVersionId()));
    dialog->setExpectedState(expectedDeployed, expectedLatest);
    connect(dialog, &DeployDialog::deployed, this, [this](const QString &id) {
        emit deployed(id);
        refresh();
    });
    // A roll back cancelled after it was sent: the check outlives the dialog; whatever it finds, the lists show
    // the server's state afterwards, and a deployment found applied counts as one made here.
    connect(dialog, &DeployDialog::outcomeCheckStarted, this, [this](WriteCheck *check, const QString &id) {
        connect(check, &WriteCheck::applied, this, [this, id] { emit deployed(id); });
        connect(check, &WriteCheck::settled, this, &RouteHistoryPanel::refresh);
    });
    m_dialog = dialog;
    dialog->open();
}

void RouteHistoryPanel::showError(const QString &where, const ApiError &error)
{
    const QString message = tr("%1 failed: %2").arg(where, error.toString());
    m_error->setText(message);
    m_error->show();
    emit failed(message);
}

void RouteHistoryPanel::updateActions()
{
    const QString selected = selectedVersionId();
    const bool any = !selected.isEmpty();
    m_openButton->setEnabled(any);
    m_restoreButton->setEnabled(any);
    const QString deployed = deployedVersionId();
    m_deployButton->setEnabled(any && selected != deployed);
    bool older = false;
    if (any && !deployed.isEmpty()) {
        // Newest first: a version listed below the deployed one is older.
        int selectedRow = -1;
        int deployedRow = -1;
        for (std::size_t i = 0; i < m_history.versions.size(); ++i) {
            const QString id = QString::fromStdString(m_history.versions[i].versionId());
            selectedRow = id == selected ? int(i) : selectedRow;
            deployedRow = id == deployed ? int(i) : deployedRow;
        }
        older = selectedRow > deployedRow && deployedRow >= 0;
    }
    m_deployButton->setText(older ? tr("Roll &Back to This Version…") : tr("&Deploy…"));
    m_refreshButton->setEnabled(!isBusy());
}

} // namespace rd
