#include "ui/DeployDialog.h"

#include "app/RouteHistoryLoader.h"
#include "app/RouteWriteProbes.h"
#include "app/StatusColors.h"
#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "ui/DeployPreview.h"
#include "ui/VersionText.h"
#include "widgets/ApiActivityBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

namespace {

QString errorStyle(const QPalette &palette)
{
    return QStringLiteral("color: %1;").arg(StatusColors::text(StatusColors::Role::Error, palette).name());
}

} // namespace

DeployDialog::DeployDialog(ApiClient *client, QString gatewayId, QString routeId, QWidget *parent)
    : QDialog(parent), m_client(client), m_gatewayId(std::move(gatewayId)), m_routeId(std::move(routeId)),
      m_loader(new RouteHistoryLoader(client, m_gatewayId, m_routeId, this)),
      m_checker(new RouteHistoryLoader(client, m_gatewayId, m_routeId, this)), m_picker(new QComboBox),
      m_preview(new DeployPreview), m_warning(new QFrame), m_warningText(new QLabel),
      m_acknowledge(new QCheckBox(tr("Deploy anyway: I have looked at the changes made on the server"))),
      m_activity(new ApiActivityBar), m_error(new QLabel), m_outcome(new QLabel),
      m_deployButton(new QPushButton(tr("Deploy")))
{
    setObjectName(QStringLiteral("deployDialog"));
    setWindowTitle(tr("Deploy Version"));
    resize(1180, 780);

    m_picker->setObjectName(QStringLiteral("versionPicker"));
    m_picker->setMinimumWidth(340);
    auto *pickerLabel = new QLabel(tr("&Version:"));
    pickerLabel->setBuddy(m_picker);
    auto *top = new QHBoxLayout;
    top->addWidget(pickerLabel);
    top->addWidget(m_picker);
    top->addSpacing(12);
    top->addWidget(m_preview->statusLine(), 1);

    m_warning->setObjectName(QStringLiteral("serverChangeWarning"));
    m_warning->setFrameShape(QFrame::StyledPanel);
    m_warningText->setObjectName(QStringLiteral("serverChangeText"));
    m_warningText->setWordWrap(true);
    m_warningText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_acknowledge->setObjectName(QStringLiteral("acknowledgeServerChange"));
    auto *warningIcon = new QLabel;
    warningIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    warningIcon->setAlignment(Qt::AlignTop);
    auto *warningBody = new QVBoxLayout;
    warningBody->addWidget(m_warningText);
    warningBody->addWidget(m_acknowledge);
    auto *warningLayout = new QHBoxLayout(m_warning);
    warningLayout->addWidget(warningIcon);
    warningLayout->addLayout(warningBody, 1);
    m_warning->hide();

    m_error->setObjectName(QStringLiteral("errorLine"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_outcome->setObjectName(QStringLiteral("outcomeLine"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->hide();

    auto *buttons = new QDialogButtonBox;
    m_deployButton->setObjectName(QStringLiteral("deployButton"));
    m_deployButton->setDefault(true);
    buttons->addButton(m_deployButton, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_warning);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_activity);
    layout->addWidget(m_error);
    layout->addWidget(m_outcome);
    layout->addWidget(buttons);

    connect(m_picker, &QComboBox::currentIndexChanged, this, [this] {
        compareSelected();
        updateButtons();
    });
    connect(m_preview, &DeployPreview::diffShown, this, [this] {
        updateButtons();
        emit diffShown();
    });
    connect(m_preview, &DeployPreview::comparisonFailed, this, &DeployDialog::updateButtons);
    connect(m_acknowledge, &QCheckBox::toggled, this, &DeployDialog::updateButtons);
    connect(m_activity, &ApiActivityBar::activeChanged, this, &DeployDialog::updateButtons);
    // A cancelled deployment reports through its callback (checkOutcome): the server is asked what it did.
    connect(m_activity, &ApiActivityBar::cancelled, this, &DeployDialog::updateButtons);
    connect(m_deployButton, &QPushButton::clicked, this, &DeployDialog::deploy);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    changeEvent(nullptr); // palette-dependent colours
    updateButtons();
    // Loading waits for the event loop so that the caller can set the initial version and expected state.
    QTimer::singleShot(0, this, &DeployDialog::reload);
}

DeployDialog::~DeployDialog()
{
    // Requests started for this dialog are cancelled as it goes, and the activity bar hears of it: it must not
    // call back into a dialog already past its destructor.
    disconnect(m_activity, nullptr, this, nullptr);
}

void DeployDialog::setInitialVersion(const QString &versionId)
{
    m_initialVersion = versionId;
    if (m_loaded) {
        selectVersion(versionId);
    }
}

void DeployDialog::setExpectedState(const QString &deployedVersionId, const QString &latestVersionId)
{
    m_expected = std::make_pair(deployedVersionId, latestVersionId);
}

QString DeployDialog::selectedVersionId() const
{
    return m_picker->currentData().toString();
}

void DeployDialog::selectVersion(const QString &versionId)
{
    const int index = m_picker->findData(versionId);
    if (index >= 0) {
        m_picker->setCurrentIndex(index);
    }
}

QString DeployDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString DeployDialog::outcomeText() const
{
    return m_outcome->isHidden() ? QString() : m_outcome->text();
}

bool DeployDialog::isBusy() const
{
    return m_activity->isActive();
}

bool DeployDialog::isServerChangeWarningShown() const
{
    return !m_warning->isHidden();
}

const std::optional<RouteDiff> &DeployDialog::diff() const
{
    return m_preview->diff();
}

bool DeployDialog::isComparing() const
{
    return m_preview->isComparing();
}

RouteView *DeployDialog::view() const
{
    return m_preview->view();
}

RouteScene *DeployDialog::scene() const
{
    return m_preview->scene();
}

QString DeployDialog::diffText() const
{
    return m_preview->diffText();
}

const RouteVersion *DeployDialog::version(const QString &versionId) const
{
    const std::string id = versionId.toStdString();
    const std::vector<RouteVersion> &versions = m_history.versions;
    const auto it =
        std::find_if(versions.begin(), versions.end(), [&id](const RouteVersion &v) { return v.versionId() == id; });
    return it == versions.end() ? nullptr : &*it;
}

bool DeployDialog::isOlderThanDeployed(const QString &versionId) const
{
    const RouteVersion *target = version(versionId);
    const RouteVersion *deployed = version(m_deployedVersionId);
    if (target == nullptr || deployed == nullptr || target == deployed) {
        return false;
    }
    return target > deployed; // newest first
}

// --- loading

void DeployDialog::reload()
{
    startLoad(false);
}

void DeployDialog::startLoad(bool thenDeploy)
{
    clearError();
    const QString where = thenDeploy ? tr("Checking the route on the server before deploying")
                                     : tr("Loading the versions and deployments of the route");
    // The check before deploying reads the route's own deployment too, and has a loader of its own: a reload that
    // comes meanwhile (a cancelled deployment's outcome found) must not replace it.
    RouteHistoryLoader *loader = thenDeploy ? m_checker : m_loader;
    const QList<ApiCall *> calls = loader->load(
        thenDeploy,
        [this, thenDeploy](const RouteHistory &history) {
            if (thenDeploy) {
                checkThenDeploy(history);
            } else {
                applyState(history);
            }
        },
        [this, where](RouteHistoryLoader::Part, const ApiError &error) {
            m_deploying = false;
            showError(where, error);
        });
    for (ApiCall *call : calls) {
        m_activity->track(call, thenDeploy ? tr("Checking the route on the server…") : tr("Loading versions…"));
    }
    updateButtons();
}

void DeployDialog::applyState(const RouteHistory &state)
{
    m_history = state;
    m_deployedVersionId = state.deployedVersionId();
    if (!m_expected) {
        m_expected = std::make_pair(m_deployedVersionId, state.latestVersionId());
    }
    const bool first = !m_loaded;
    m_loaded = true;
    populatePicker();
    if (first && !m_initialVersion.isEmpty()) {
        const QSignalBlocker blocker(m_picker); // compared just below, once
        selectVersion(m_initialVersion);
    }
    compareSelected();
    updateButtons();
}

void DeployDialog::populatePicker()
{
    const QString previous = selectedVersionId();
    const QSignalBlocker blocker(m_picker);
    m_picker->clear();
    for (std::size_t i = 0; i < m_history.versions.size(); ++i) {
        const RouteVersion &v = m_history.versions[i];
        const QString id = QString::fromStdString(v.versionId());
        QString text = QStringLiteral("%1 · %2").arg(VersionText::shortId(id), VersionText::localTime(v.createdAt()));
        QStringList notes;
        if (id == m_deployedVersionId) {
            notes << tr("deployed");
        }
        if (i == 0) {
            notes << tr("newest");
        }
        if (!notes.isEmpty()) {
            text += QStringLiteral(" (%1)").arg(notes.join(QStringLiteral(", ")));
        }
        m_picker->addItem(text, id);
        m_picker->setItemData(m_picker->count() - 1,
                              tr("Version %1\nCreated %2").arg(id, VersionText::fullTime(v.createdAt())),
                              Qt::ToolTipRole);
    }
    const int index = m_picker->findData(previous);
    m_picker->setCurrentIndex(index >= 0 ? index : 0);
}

void DeployDialog::compareSelected()
{
    ++m_generation;
    m_preview->stop(); // for what was selected before
    const QString target = selectedVersionId();
    if (target.isEmpty()) {
        return;
    }
    bool missing = false;
    for (const QString &id : {target, m_deployedVersionId}) {
        if (!id.isEmpty() && !m_routes.contains(id)) {
            missing = true;
            fetchVersion(id, m_generation);
        }
    }
    if (!missing) { // else not deployable until the comparison for it is on screen
        showComparison();
    }
}

void DeployDialog::fetchVersion(const QString &versionId, int generation)
{
    m_activity->track(m_client->getVersionGraph(
                          m_gatewayId, m_routeId, versionId, this,
                          [this, versionId, generation](const ApiResult<Route> &r) {
                              const QString where = tr("Fetching version %1").arg(VersionText::shortId(versionId));
                              if (!r) {
                                  if (r.error->kind != ApiError::Kind::Cancelled) {
                                      showError(where, *r.error);
                                  }
                                  return;
                              }
                              m_routes[versionId] = *r.value;
                              if (generation != m_generation) {
                                  return;
                              }
                              const QString target = selectedVersionId();
                              if (m_routes.contains(target) &&
                                  (m_deployedVersionId.isEmpty() || m_routes.contains(m_deployedVersionId))) {
                                  showComparison();
                              }
                          }),
                      tr("Fetching version %1…").arg(VersionText::shortId(versionId)));
}

void DeployDialog::showComparison()
{
    const QString target = selectedVersionId();
    m_preview->compare(m_deployedVersionId, m_deployedVersionId.isEmpty() ? Route() : m_routes.at(m_deployedVersionId),
                       target, m_routes.at(target));
    updateButtons();
}

// --- deploying

void DeployDialog::cancel()
{
    m_activity->cancel();
}

void DeployDialog::deploy()
{
    if (selectedVersionId().isEmpty() || isBusy()) {
        return;
    }
    if (m_serverChanged) {
        if (!m_acknowledge->isChecked()) {
            return;
        }
        createDeployment();
        return;
    }
    startLoad(true);
}

void DeployDialog::checkThenDeploy(const RouteHistory &state)
{
    const QString deployedNow = state.deployedVersionId();
    const QString latestNow = state.latestVersionId();
    const auto [deployedThen, latestThen] = m_expected.value_or(std::make_pair(deployedNow, latestNow));
    QStringList changes;
    if (deployedNow != deployedThen) {
        changes << tr("version %1 is deployed now, not %2")
                       .arg(VersionText::shortId(deployedNow), VersionText::shortId(deployedThen));
    }
    if (latestNow != latestThen) {
        changes << tr("the newest version is %1 now, not %2")
                       .arg(VersionText::shortId(latestNow), VersionText::shortId(latestThen));
    }
    if (changes.isEmpty()) {
        createDeployment();
        return;
    }
    // What is on screen must be the comparison with what is deployed now, or the warning would be moot.
    applyState(state);
    const QString message = tr("This route changed on the server since you opened it: %1. The comparison now shows "
                               "the changes against what is deployed now. Review them before deploying.")
                                .arg(changes.join(tr("; ")));
    m_serverChanged = true;
    m_warningText->setText(message);
    m_acknowledge->setChecked(false);
    m_warning->show();
    updateButtons();
    emit serverChangeDetected(message);
}

void DeployDialog::createDeployment()
{
    const QString target = selectedVersionId();
    clearError();
    m_outcome->hide();
    m_deploying = true;
    const QString verb = isOlderThanDeployed(target) ? tr("Rolling back to version %1…") : tr("Deploying version %1…");
    m_activity->track(m_client->createDeployment(
                          m_gatewayId, m_routeId, target, this,
                          [this, target](const ApiResult<Route> &r) {
                              m_deploying = false;
                              if (!r) {
                                  if (r.error->kind == ApiError::Kind::Cancelled || r.error->mayHaveBeenApplied) {
                                      checkOutcome(target, *r.error);
                                  } else {
                                      showError(tr("Deploying version %1").arg(VersionText::shortId(target)), *r.error);
                                  }
                                  updateButtons();
                                  return;
                              }
                              emit deployed(target);
                              accept();
                          }),
                      verb.arg(VersionText::shortId(target)));
    updateButtons();
}

// --- state shown

void DeployDialog::showError(const QString &where, const ApiError &error)
{
    QString message = tr("%1 failed: %2").arg(where, error.toString());
    if (error.mayHaveBeenApplied) {
        message += QLatin1Char(' ') + tr("It may have reached the server all the same: refresh the history first.");
    }
    m_error->setText(message);
    m_error->show();
    updateButtons();
    emit failed(message);
}

void DeployDialog::clearError()
{
    m_error->clear();
    m_error->hide();
}

void DeployDialog::checkOutcome(const QString &versionId, const ApiError &error)
{
    // A request that was sent cannot be taken back: say nothing about the outcome until the server has shown it.
    const bool cancelled = error.kind == ApiError::Kind::Cancelled;
    const QString shortId = VersionText::shortId(versionId);
    const QString before = m_deployedVersionId;
    const bool rollBack = isOlderThanDeployed(versionId);
    const QString what = rollBack ? tr("roll back") : tr("deployment");
    auto *check =
        new WriteCheck(RouteWriteProbes::deployed(m_client, m_gatewayId, m_routeId, versionId),
                       error.mayHaveBeenApplied, parentWidget() ? static_cast<QObject *>(parentWidget()) : this);
    if (cancelled && error.mayHaveBeenApplied) {
        showOutcome(tr("Cancelled, but the request had already been sent: asking the server whether version %1 was "
                       "deployed…")
                        .arg(shortId),
                    false);
    } else if (cancelled) {
        showOutcome(tr("Cancelled before the request was sent: checking the server…"), false);
    } else {
        showOutcome(tr("%1 The answer to the %2 was lost: asking the server whether version %3 was deployed…")
                        .arg(error.summary, what, shortId),
                    true);
    }
    connect(check, &WriteCheck::checked, this,
            [this, check, cancelled, what, shortId, before](WriteCheck::State state, bool final) {
                const QString observed = check->lastReading().observed;
                const QString runs = observed.isEmpty()
                                         ? tr("nothing is deployed")
                                         : tr("version %1 is still deployed").arg(VersionText::shortId(observed));
                switch (state) {
                case WriteCheck::State::Applied:
                    showOutcome(cancelled ? tr("The %1 was applied before the cancel reached the server: version %2 "
                                               "is deployed now.")
                                                .arg(what, shortId)
                                          : tr("The server applied the %1 although its answer was lost: version %2 "
                                               "is deployed now.")
                                                .arg(what, shortId),
                                false);
                    // This dialog's own deployment: what it expects on the server moves with it.
                    if (m_expected) {
                        m_expected->first = check->lastReading().observed;
                    }
                    reload();
                    break;
                case WriteCheck::State::NotApplied:
                    if (!final) {
                        showOutcome(tr("Not deployed so far: %1. The request had already been sent, so the server "
                                       "may still apply it: checking again for up to %2 s.")
                                        .arg(runs)
                                        .arg(check->watchSeconds()),
                                    false);
                    } else if (cancelled && check->mayStillApply()) {
                        showOutcome(tr("The cancel reached the server in time: nothing was deployed, %1.").arg(runs),
                                    false);
                    } else if (cancelled) {
                        showOutcome(tr("Cancelled before the request was sent: nothing was deployed, %1.").arg(runs),
                                    false);
                    } else {
                        showOutcome(tr("The %1 was not applied: %2. You can deploy again.").arg(what, runs), true);
                    }
                    if (final && observed != before) {
                        reload();
                    }
                    break;
                case WriteCheck::State::Unknown:
                    showOutcome(
                        tr("Could not find out whether version %1 was deployed: %2 Refresh the history "
                           "before deploying again.")
                            .arg(shortId, check->lastReading().error ? check->lastReading().error->summary : QString()),
                        true);
                    break;
                case WriteCheck::State::Checking:
                    break;
                }
            });
    emit outcomeCheckStarted(check, versionId);
    check->start();
}

void DeployDialog::showOutcome(const QString &message, bool warning)
{
    m_outcome->setText(message);
    m_outcome->setStyleSheet(warning ? errorStyle(palette()) : QString());
    m_outcome->show();
    emit outcomeShown(message);
}

void DeployDialog::updateButtons()
{
    const QString target = selectedVersionId();
    const bool ready = m_loaded && !isBusy() && !target.isEmpty() && target != m_deployedVersionId &&
                       m_preview->comparedVersionId() == target && (!m_serverChanged || m_acknowledge->isChecked());
    m_deployButton->setEnabled(ready);
    m_picker->setEnabled(m_loaded && !m_deploying);
    const bool rollBack = isOlderThanDeployed(target);
    const QString shortId = VersionText::shortId(target);
    if (target.isEmpty()) {
        m_deployButton->setText(tr("Deploy"));
    } else if (target == m_deployedVersionId) {
        m_deployButton->setText(tr("Deployed"));
    } else {
        m_deployButton->setText(rollBack ? tr("Roll Back to %1").arg(shortId) : tr("Deploy %1").arg(shortId));
    }
    setWindowTitle(rollBack ? tr("Roll Back Route") : tr("Deploy Version"));
}

void DeployDialog::changeEvent(QEvent *event)
{
    if (event != nullptr) {
        QDialog::changeEvent(event);
    }
    if (event != nullptr && event->type() != QEvent::PaletteChange) {
        return;
    }
    m_error->setStyleSheet(errorStyle(palette()));
    const StatusColors::Band warning = StatusColors::band(StatusColors::Role::Warning, palette());
    m_warning->setStyleSheet(QStringLiteral("#serverChangeWarning { background: %1; border: 1px solid %2; "
                                            "border-radius: 6px; } #serverChangeWarning QLabel, "
                                            "#serverChangeWarning QCheckBox { color: %3; }")
                                 .arg(warning.background.name(), warning.border.name(), warning.text.name()));
}

} // namespace rd
