#include "ui/DeployDialog.h"

#include "app/AutoLayout.h"
#include "app/RouteComparison.h"
#include "app/RouteDocument.h"
#include "app/RouteWriteProbes.h"
#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "ui/VersionText.h"
#include "widgets/ApiActivityBar.h"
#include "widgets/canvas/DiffGhostItem.h"
#include "widgets/canvas/DiffMark.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace rd {

namespace {

constexpr int kPerPage = 50;

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor errorColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xF2, 0xB8, 0xB5) : QColor(0xB3, 0x26, 0x1E);
}

QIcon dotIcon(const QColor &color)
{
    QPixmap pixmap(24, 24);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(5, 5, 14, 14));
    return QIcon(pixmap);
}

DiffMark::Kind markKind(RouteDiff::Status status)
{
    switch (status) {
    case RouteDiff::Status::Added:
        return DiffMark::Kind::Added;
    case RouteDiff::Status::Removed:
        return DiffMark::Kind::Removed;
    default:
        return DiffMark::Kind::Changed;
    }
}

PageQuery newestFirst()
{
    return PageQuery{1, kPerPage, {}, QStringLiteral("created_at"), QStringLiteral("desc")};
}

// The API lists newest first when asked to; sorting again keeps that true should a server ignore the order.
template<class T> void sortNewestFirst(std::vector<T> &items)
{
    std::stable_sort(items.begin(), items.end(), [](const T &a, const T &b) { return a.createdAt() > b.createdAt(); });
}

} // namespace

DeployDialog::DeployDialog(ApiClient *client, QString gatewayId, QString routeId, QWidget *parent)
    : QDialog(parent), m_client(client), m_gatewayId(std::move(gatewayId)), m_routeId(std::move(routeId)),
      m_comparison(new RouteComparison(this)), m_picker(new QComboBox), m_summary(new QLabel),
      m_comparingBar(new QProgressBar), m_warning(new QFrame), m_warningText(new QLabel),
      m_acknowledge(new QCheckBox(tr("Deploy anyway: I have looked at the changes made on the server"))),
      m_document(new RouteDocument({}, {}, this)), m_scene(new RouteScene(m_document, this)),
      m_view(new RouteView(m_scene)), m_changes(new QListWidget), m_diffView(new QPlainTextEdit),
      m_activity(new ApiActivityBar), m_error(new QLabel), m_outcome(new QLabel),
      m_deployButton(new QPushButton(tr("Deploy")))
{
    setObjectName(QStringLiteral("deployDialog"));
    setWindowTitle(tr("Deploy Version"));
    resize(1180, 780);

    m_picker->setObjectName(QStringLiteral("versionPicker"));
    m_picker->setMinimumWidth(340);
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    auto *pickerLabel = new QLabel(tr("&Version:"));
    pickerLabel->setBuddy(m_picker);
    auto *top = new QHBoxLayout;
    top->addWidget(pickerLabel);
    top->addWidget(m_picker);
    top->addSpacing(12);
    top->addWidget(m_summary, 1);
    // Busy (no known end) while the comparison is computed.
    m_comparingBar->setObjectName(QStringLiteral("comparingBar"));
    m_comparingBar->setRange(0, 0);
    m_comparingBar->setTextVisible(false);
    m_comparingBar->setMaximumWidth(160);
    m_comparingBar->setAccessibleName(tr("Comparing with the deployed version"));
    m_comparingBar->hide();
    top->addWidget(m_comparingBar);

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

    m_view->setObjectName(QStringLiteral("deployPreview"));
    m_view->setReadOnly(true);
    m_view->minimapAction()->setChecked(false);
    m_changes->setObjectName(QStringLiteral("changeList"));
    m_changes->setUniformItemSizes(true);
    auto *changesColumn = new QWidget;
    auto *changesLayout = new QVBoxLayout(changesColumn);
    changesLayout->setContentsMargins(0, 0, 0, 0);
    changesLayout->addWidget(new QLabel(tr("Changes against the deployed version")));
    changesLayout->addWidget(m_changes, 1);
    auto *canvasSplit = new QSplitter(Qt::Horizontal);
    canvasSplit->addWidget(m_view);
    canvasSplit->addWidget(changesColumn);
    canvasSplit->setStretchFactor(0, 3);
    canvasSplit->setStretchFactor(1, 1);
    canvasSplit->setSizes({820, 300});

    m_diffView->setObjectName(QStringLiteral("jsonDiff"));
    m_diffView->setReadOnly(true);
    m_diffView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diffView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *diffColumn = new QWidget;
    auto *diffLayout = new QVBoxLayout(diffColumn);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(new QLabel(tr("JSON diff (elements in id order)")));
    diffLayout->addWidget(m_diffView, 1);
    auto *mainSplit = new QSplitter(Qt::Vertical);
    mainSplit->addWidget(canvasSplit);
    mainSplit->addWidget(diffColumn);
    mainSplit->setStretchFactor(0, 3);
    mainSplit->setStretchFactor(1, 2);
    mainSplit->setSizes({470, 230});

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
    layout->addWidget(mainSplit, 1);
    layout->addWidget(m_activity);
    layout->addWidget(m_error);
    layout->addWidget(m_outcome);
    layout->addWidget(buttons);

    connect(m_picker, &QComboBox::currentIndexChanged, this, [this] {
        compareSelected();
        updateButtons();
    });
    connect(m_comparison, &RouteComparison::finished, this, &DeployDialog::finishComparison);
    connect(m_comparison, &RouteComparison::failed, this, &DeployDialog::failComparison);
    connect(m_changes, &QListWidget::itemClicked, this, &DeployDialog::onChangeClicked);
    connect(m_changes, &QListWidget::itemActivated, this, &DeployDialog::onChangeClicked);
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
    // The scene's items point into the document: the view and scene go first.
    delete m_view;
    delete m_scene;
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

bool DeployDialog::isComparing() const
{
    return m_comparison->isRunning();
}

QString DeployDialog::diffText() const
{
    return m_diffView->toPlainText();
}

const RouteVersion *DeployDialog::version(const QString &versionId) const
{
    const std::string id = versionId.toStdString();
    const auto it = std::find_if(m_versions.begin(), m_versions.end(),
                                 [&id](const RouteVersion &v) { return v.versionId() == id; });
    return it == m_versions.end() ? nullptr : &*it;
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

QString DeployDialog::deployedOf(const ServerState &state)
{
    // The route's own deployment is the server's answer; the lists are the fallback for servers without it.
    if (state.route && state.route->metadata().deployment && state.route->metadata().deployment->is_object()) {
        const Json &deployment = *state.route->metadata().deployment;
        if (const auto it = deployment.find("version_id"); it != deployment.end() && it->is_string()) {
            return QString::fromStdString(it->get<std::string>());
        }
    }
    if (!state.deployments.empty()) {
        return QString::fromStdString(state.deployments.front().versionId());
    }
    for (const RouteVersion &v : state.versions) {
        if (v.isActive()) {
            return QString::fromStdString(v.versionId());
        }
    }
    return {};
}

// --- loading

void DeployDialog::reload()
{
    startLoad(false);
}

void DeployDialog::startLoad(bool thenDeploy)
{
    clearError();
    auto state = std::make_shared<ServerState>();
    auto remaining = std::make_shared<int>(thenDeploy ? 3 : 2);
    auto failed = std::make_shared<bool>(false);
    const QString where = thenDeploy ? tr("Checking the route on the server before deploying")
                                     : tr("Loading the versions and deployments of the route");
    auto done = [this, state, remaining, failed, thenDeploy] {
        if (--*remaining > 0 || *failed) {
            return;
        }
        if (thenDeploy) {
            checkThenDeploy(*state);
        } else {
            applyState(*state);
        }
    };
    auto fail = [this, failed, where](const ApiError &error) {
        if (*failed || error.kind == ApiError::Kind::Cancelled) {
            *failed = true;
            return;
        }
        *failed = true;
        m_activity->cancel(); // the sibling calls: their answers would be of no use
        m_deploying = false;
        showError(where, error);
    };

    m_activity->track(m_client->listVersions(m_gatewayId, m_routeId, newestFirst(), this,
                                             [state, done, fail](const ApiResult<ListPage<RouteVersion>> &r) {
                                                 if (!r) {
                                                     fail(*r.error);
                                                     return;
                                                 }
                                                 state->versions = r.value->items;
                                                 sortNewestFirst(state->versions);
                                                 done();
                                             }),
                      thenDeploy ? tr("Checking the route on the server…") : tr("Loading versions…"));
    m_activity->track(m_client->listDeployments(m_gatewayId, m_routeId, newestFirst(), this,
                                                [state, done, fail](const ApiResult<ListPage<RouteDeployment>> &r) {
                                                    if (!r) {
                                                        fail(*r.error);
                                                        return;
                                                    }
                                                    state->deployments = r.value->items;
                                                    sortNewestFirst(state->deployments);
                                                    done();
                                                }),
                      thenDeploy ? tr("Checking the route on the server…") : tr("Loading versions…"));
    if (thenDeploy) {
        m_activity->track(m_client->getRoute(m_gatewayId, m_routeId, this,
                                             [state, done, fail](const ApiResult<Route> &r) {
                                                 if (!r) {
                                                     fail(*r.error);
                                                     return;
                                                 }
                                                 state->route = *r.value;
                                                 done();
                                             }),
                          tr("Checking the route on the server…"));
    }
    updateButtons();
}

void DeployDialog::applyState(const ServerState &state)
{
    m_versions = state.versions;
    m_deployments = state.deployments;
    m_deployedVersionId = deployedOf(state);
    m_latestVersionId = m_versions.empty() ? QString() : QString::fromStdString(m_versions.front().versionId());
    if (!m_expected) {
        m_expected = std::make_pair(m_deployedVersionId, m_latestVersionId);
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
    for (std::size_t i = 0; i < m_versions.size(); ++i) {
        const RouteVersion &v = m_versions[i];
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
    stopComparing(); // for what was selected before
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
    if (missing) {
        m_diffFor.clear(); // not deployable until the comparison for it is on screen
    } else {
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
    const Route &to = m_routes.at(target);
    m_diff.reset();
    m_diffFor.clear(); // not deployable until the comparison for it is on screen
    m_comparingFor = target;
    m_comparison->start(m_deployedVersionId.isEmpty() ? Route() : m_routes.at(m_deployedVersionId), to);
    m_comparingBar->show();

    // Versions carry no positions: lay the graph out with the cards' real sizes. The graph shows at once; its
    // marks follow with the comparison.
    m_document->reset(to, {});
    std::unordered_map<std::string, QSizeF> sizes;
    for (const Element &element : to.elements()) {
        if (const ElementItem *item = m_scene->elementItem(element.id)) {
            sizes.emplace(element.id, item->cardRect().size());
        }
    }
    m_document->reset(to, AutoLayout::layout(to, sizes));
    m_scene->setDiffHighlights({});
    m_changes->clear();
    m_summary->setText(tr("Comparing with the deployed version…"));
    renderDiffText();
    m_view->fitForReading();
    updateButtons();
}

void DeployDialog::stopComparing()
{
    m_comparison->stop();
    m_comparingBar->hide();
}

void DeployDialog::failComparison(const QString &message)
{
    m_comparingBar->hide();
    m_summary->setText(tr("The versions could not be compared."));
    showPlainDiffText(tr("%1\n\nClose this dialog and open it again to retry.").arg(message));
    updateButtons();
}

void DeployDialog::finishComparison(const RouteDiff &diff)
{
    m_comparingBar->hide();
    const QString target = m_comparingFor;
    m_diff = diff;
    m_diffFor = target;

    std::unordered_map<std::string, DiffMark> marks;
    m_changes->clear();
    const auto addChanges = [this, &marks](RouteDiff::Status status) {
        for (const RouteDiff::ElementChange &change : m_diff->elements()) {
            if (change.status != status) {
                continue;
            }
            DiffMark mark;
            mark.kind = markKind(status);
            mark.type = elementTypeFromName(change.typeName);
            mark.typeName = QString::fromStdString(change.typeName);
            QString what;
            switch (status) {
            case RouteDiff::Status::Added:
                what = tr("added");
                mark.description = tr("not in the deployed version");
                break;
            case RouteDiff::Status::Removed:
                what = tr("removed");
                mark.description = tr("in the deployed version, not in this one");
                break;
            default:
                mark.description =
                    tr("%1 changed").arg(QString::fromStdString(RouteDiff::describeAspects(change.aspects)));
                what = mark.description;
                break;
            }
            const QString id = QString::fromStdString(change.id);
            auto *item =
                new QListWidgetItem(dotIcon(DiffMark::color(mark.kind)), QStringLiteral("%1 — %2").arg(id, what));
            item->setData(Qt::UserRole, id);
            item->setToolTip(tr("%1 (%2): %3").arg(id, mark.typeName, mark.description));
            m_changes->addItem(item);
            marks.emplace(change.id, std::move(mark));
        }
    };
    addChanges(RouteDiff::Status::Changed);
    addChanges(RouteDiff::Status::Added);
    addChanges(RouteDiff::Status::Removed);
    m_scene->setDiffHighlights(std::move(marks));

    const std::size_t changed = m_diff->count(RouteDiff::Status::Changed);
    const std::size_t added = m_diff->count(RouteDiff::Status::Added);
    const std::size_t removed = m_diff->count(RouteDiff::Status::Removed);
    if (target == m_deployedVersionId) {
        m_summary->setText(tr("This version is the one deployed."));
    } else if (m_diff->isEmpty()) {
        m_summary->setText(tr("Same elements as the deployed version."));
    } else {
        m_summary->setText(tr("%1 changed, %2 added, %3 removed").arg(changed).arg(added).arg(removed));
    }
    if (m_changes->count() == 0) {
        auto *item = new QListWidgetItem(tr("No differences"));
        item->setFlags(Qt::NoItemFlags);
        m_changes->addItem(item);
    }
    renderDiffText();
    m_view->fitForReading();
    // Again once pending layout has given the view its final size.
    QTimer::singleShot(0, m_view, &RouteView::fitForReading);
    updateButtons();
    emit diffShown();
}

void DeployDialog::showPlainDiffText(const QString &text)
{
    m_diffView->clear();
    m_diffView->setPlainText(text);
    // Plain lines: the colours of the diff shown before must not stick to them (it read as an error in red).
    QTextCursor all(m_diffView->document());
    all.select(QTextCursor::Document);
    QTextCharFormat plain;
    plain.setForeground(palette().color(QPalette::Text));
    all.setCharFormat(plain);
    all.setBlockFormat(QTextBlockFormat());
}

void DeployDialog::renderDiffText()
{
    m_diffView->clear();
    if (isComparing()) {
        showPlainDiffText(tr("Comparing with the deployed version…"));
        return;
    }
    if (!m_diff) {
        return;
    }
    if (m_diff->isTextTooLarge()) {
        showPlainDiffText(
            tr("The JSON diff is too large to show line by line: more than %L1 lines differ.\n\nThe changed, added "
               "and removed elements are listed above and marked on the canvas; you can review them there and "
               "still deploy this version.")
                .arg(qulonglong(m_diff->changedLineLimit())));
        return;
    }
    if (m_diff->hunks().empty()) {
        showPlainDiffText(tr("No differences in the route's JSON."));
        return;
    }
    // The dialog's palette: on a PaletteChange the text view's may not have been updated yet.
    const bool dark = isDark(palette());
    const QColor addedBg = dark ? QColor(0x1E, 0x3A, 0x28) : QColor(0xE6, 0xF4, 0xEA);
    const QColor addedFg = dark ? QColor(0xA8, 0xE6, 0xB4) : QColor(0x0D, 0x65, 0x2D);
    const QColor removedBg = dark ? QColor(0x4A, 0x22, 0x22) : QColor(0xFC, 0xE8, 0xE6);
    const QColor removedFg = dark ? QColor(0xF6, 0xB3, 0xAE) : QColor(0xA5, 0x0E, 0x0E);
    const QColor hunkBg = dark ? QColor(0x26, 0x30, 0x40) : QColor(0xE8, 0xEE, 0xF7);
    const QColor hunkFg = dark ? QColor(0xA8, 0xC4, 0xEE) : QColor(0x1A, 0x4D, 0x8F);
    const QColor plainFg = palette().color(QPalette::Text);

    QTextCursor cursor(m_diffView->document());
    cursor.beginEditBlock();
    bool firstBlock = true;
    const auto line = [&](const QString &text, const QColor &bg, const QColor &fg) {
        QTextBlockFormat block;
        if (bg.isValid()) {
            block.setBackground(bg);
        }
        QTextCharFormat chars;
        chars.setForeground(fg);
        if (firstBlock) {
            cursor.setBlockFormat(block);
            cursor.setCharFormat(chars);
            firstBlock = false;
        } else {
            cursor.insertBlock(block, chars);
        }
        cursor.insertText(text);
    };
    const QString fromLabel = m_deployedVersionId.isEmpty()
                                  ? tr("nothing deployed")
                                  : tr("deployed %1").arg(VersionText::shortId(m_deployedVersionId));
    line(QStringLiteral("--- %1").arg(fromLabel), removedBg, removedFg);
    line(QStringLiteral("+++ %1").arg(tr("version %1").arg(VersionText::shortId(m_diffFor))), addedBg, addedFg);
    for (const RouteDiff::Hunk &hunk : m_diff->hunks()) {
        line(QString::fromStdString(hunk.header()), hunkBg, hunkFg);
        for (const RouteDiff::Line &l : hunk.lines) {
            const QString text = QString::fromStdString(l.text);
            switch (l.kind) {
            case RouteDiff::Line::Kind::Added:
                line(QLatin1Char('+') + text, addedBg, addedFg);
                break;
            case RouteDiff::Line::Kind::Removed:
                line(QLatin1Char('-') + text, removedBg, removedFg);
                break;
            case RouteDiff::Line::Kind::Context:
                line(QLatin1Char(' ') + text, QColor(), plainFg);
                break;
            }
        }
    }
    cursor.endEditBlock();
    m_diffView->moveCursor(QTextCursor::Start);
}

void DeployDialog::onChangeClicked(QListWidgetItem *item)
{
    const std::string id = item->data(Qt::UserRole).toString().toStdString();
    if (id.empty()) {
        return;
    }
    if (ElementItem *card = m_scene->elementItem(id)) {
        m_scene->selectElements({id});
        m_view->centerOn(card);
        return;
    }
    m_scene->clearSelection();
    for (QGraphicsItem *graphic : m_scene->items()) {
        if (graphic->type() == DiffGhostItem::Type && static_cast<DiffGhostItem *>(graphic)->elementId() == id) {
            m_view->centerOn(graphic);
            return;
        }
    }
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

void DeployDialog::checkThenDeploy(const ServerState &state)
{
    const QString deployedNow = deployedOf(state);
    const QString latestNow =
        state.versions.empty() ? QString() : QString::fromStdString(state.versions.front().versionId());
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
    m_outcome->setStyleSheet(warning ? QStringLiteral("color: %1;").arg(errorColor(palette()).name()) : QString());
    m_outcome->show();
    emit outcomeShown(message);
}

void DeployDialog::updateButtons()
{
    const QString target = selectedVersionId();
    const bool ready = m_loaded && !isBusy() && !target.isEmpty() && target != m_deployedVersionId &&
                       m_diffFor == target && (!m_serverChanged || m_acknowledge->isChecked());
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
    const bool dark = isDark(palette());
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(errorColor(palette()).name()));
    m_warning->setStyleSheet(dark ? QStringLiteral("#serverChangeWarning { background: #3a2f0b; border: 1px solid "
                                                   "#8a6d1a; border-radius: 6px; } #serverChangeWarning QLabel, "
                                                   "#serverChangeWarning QCheckBox { color: #fde7a9; }")
                                  : QStringLiteral("#serverChangeWarning { background: #fef7e0; border: 1px solid "
                                                   "#f9ab00; border-radius: 6px; } #serverChangeWarning QLabel, "
                                                   "#serverChangeWarning QCheckBox { color: #4d3800; }"));
    if (event != nullptr) {
        renderDiffText();
    }
}

} // namespace rd
