#include "ui/RouteEditorPage.h"

#include "app/AutoLayout.h"
#include "app/LayoutStore.h"
#include "app/RemoteRoute.h"
#include "app/RouteFile.h"
#include "app/RouteSource.h"
#include "app/StatusColors.h"
#include "ui/DeployDialog.h"
#include "ui/EditorBottomPanel.h"
#include "ui/ProblemsPanel.h"
#include "ui/RouteHistoryPanel.h"
#include "ui/RouteImageExport.h"
#include "ui/VersionText.h"
#include "ui/WriteAccessNotice.h"
#include "ui/engine/RouteEnginePanels.h"
#include "widgets/ElementTypeStyle.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/ElementPalette.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"
#include "widgets/inspector/ElementInspector.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QSvgGenerator>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace rd {

int RouteEditorPage::s_bottomPanelHeight = 0;

namespace {

const QString kBottomPanelHeightKey = QStringLiteral("routeEditor/bottomPanelHeight");

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QLabel *sectionHeading(const QString &text)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setContentsMargins(2, 0, 0, 2);
    return label;
}

} // namespace

RouteEditorPage::RouteEditorPage(Route route, RouteDocument::Positions positions, QString sourcePath,
                                 std::vector<DecodeIssue> importNotes, QWidget *parent)
    : QWidget(parent), m_importNotes(std::move(importNotes))
{
    setObjectName(QStringLiteral("routeEditorPage"));

    // A route the app has never seen has no positions (the API stores none): lay out what is missing.
    const bool unplaced = !LayoutStore::unplaced(route, positions).empty();
    const bool layoutInBackground = unplaced && route.size() >= AutoLayout::kSlowElementCount;
    if (unplaced && !layoutInBackground) {
        const auto laidOut = AutoLayout::layout(route, {});
        for (const auto &[id, point] : laidOut) {
            positions.try_emplace(id, point);
        }
    }
    m_document = new RouteDocument(std::move(route), std::move(positions), this);
    m_source = new RouteSource(m_document, std::move(sourcePath), this);
    connect(m_document, &RouteDocument::changed, this, [this] { ++m_revision; });

    // The canvas row takes the room; the Problems/History panel under it is a one-line bar until there is
    // something to read, and as tall as the user last made it when open.
    m_mainSplitter = new QSplitter(Qt::Vertical);
    m_mainSplitter->setObjectName(QStringLiteral("editorSplitter"));
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->addWidget(createEditor());
    m_bottomPanel = new EditorBottomPanel;
    m_problems = new ProblemsPanel;
    connect(m_problems, &ProblemsPanel::elementActivated, this, &RouteEditorPage::selectElement);
    m_problemsTab = m_bottomPanel->addPage(m_problems, tr("Problems"), QStringLiteral("problemsTab"));
    m_engine = new RouteEnginePanels(m_document, m_scene, m_view, m_bottomPanel, this);
    connect(m_engine, &RouteEnginePanels::elementActivated, this, &RouteEditorPage::selectElement);
    m_mainSplitter->addWidget(m_bottomPanel);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 0);
    connect(m_bottomPanel, &EditorBottomPanel::expandedChanged, this, [this](bool expanded) {
        if (expanded) {
            placeBottomPanel();
        }
    });
    connect(m_mainSplitter, &QSplitter::splitterMoved, this, [this] {
        if (m_bottomPanel->isExpanded()) {
            s_bottomPanelHeight = m_mainSplitter->sizes().value(1);
            QSettings().setValue(kBottomPanelHeightKey, s_bottomPanelHeight);
        }
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(8);
    layout->addWidget(createHeader());
    layout->addWidget(m_mainSplitter, 1);

    populateProblems();
    connect(m_document, &RouteDocument::findingsChanged, this, [this] {
        populateProblems();
        refreshHeader();
        emit statusChanged();
    });
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &RouteEditorPage::statusChanged);
    connect(m_document, &RouteDocument::documentReset, this, [this] {
        refreshHeader();
        emit statusChanged();
    });

    if (layoutInBackground) {
        startLayout(LayoutPurpose::Unplaced);
    }
}

void RouteEditorPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_fitted) {
        // Only now does the view have its real size; fitting earlier would zoom out too far.
        m_fitted = true;
        QMetaObject::invokeMethod(m_view, &RouteView::fitForReading, Qt::QueuedConnection);
    }
}

RouteEditorPage::~RouteEditorPage()
{
    // The undo stack announces a clean-state change as it dies; by then this page is half destroyed and
    // the window that listens to statusChanged may be too. Detach first, and take the views down before
    // the document they show.
    m_document->undoStack()->disconnect(this);
    m_document->disconnect(this);
    // A layout still running finishes on its own copies; its result has nowhere to go.
    if (m_layoutWatcher) {
        m_layoutWatcher->disconnect(this);
    }
    m_inspector->setDocument(nullptr);
    delete m_view;
    delete m_scene;
}

QTreeWidget *RouteEditorPage::problemList() const
{
    return m_problems->list();
}

const QString &RouteEditorPage::sourcePath() const
{
    return m_source->path();
}

RemoteRoute *RouteEditorPage::remote() const
{
    return m_source->remote();
}

bool RouteEditorPage::isReadOnly() const
{
    return m_source->isReadOnly();
}

QString RouteEditorPage::readOnlyVersion() const
{
    return m_source->versionId();
}

bool RouteEditorPage::canSaveInPlace() const
{
    return m_source->kind() == RouteSource::Kind::File && m_source->canSaveInPlace();
}

QString RouteEditorPage::title() const
{
    if (isReadOnly()) {
        return tr("%1 @ %2").arg(qs(route().name()), VersionText::shortId(m_source->versionId()));
    }
    if (remote()) {
        return remote()->name().isEmpty() ? qs(route().name()) : remote()->name();
    }
    if (!route().name().empty()) {
        return qs(route().name());
    }
    return QFileInfo(m_source->path()).fileName();
}

int RouteEditorPage::errorCount() const
{
    return static_cast<int>(std::count_if(findings().begin(), findings().end(),
                                          [](const Finding &f) { return f.severity == Severity::Error; }));
}

int RouteEditorPage::warningCount() const
{
    return static_cast<int>(findings().size()) - errorCount();
}

QIcon RouteEditorPage::statusIcon() const
{
    if (errorCount() > 0) {
        return QIcon(QStringLiteral(":/icons/error.svg"));
    }
    if (warningCount() > 0) {
        return QIcon(QStringLiteral(":/icons/warning.svg"));
    }
    return QIcon(QStringLiteral(":/icons/ok.svg"));
}

QString RouteEditorPage::statusSummary() const
{
    const QString elements = tr("%n element(s)", nullptr, static_cast<int>(route().size()));
    if (findings().empty()) {
        return tr("%1 · no problems found").arg(elements);
    }
    QStringList parts;
    if (const int errors = errorCount(); errors > 0) {
        parts << tr("%n error(s)", nullptr, errors);
    }
    if (const int warnings = warningCount(); warnings > 0) {
        parts << tr("%n warning(s)", nullptr, warnings);
    }
    return tr("%1 · %2").arg(elements, parts.join(QStringLiteral(", ")));
}

QWidget *RouteEditorPage::createHeader()
{
    m_titleLabel = new QLabel;
    m_titleLabel->setObjectName(QStringLiteral("routeTitle"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setWeight(QFont::DemiBold);
    m_titleLabel->setFont(titleFont);
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_statusIconLabel = new QLabel;
    m_statusLabel = new QLabel;
    m_statusLabel->setObjectName(QStringLiteral("routeStatus"));

    m_pathLabel = new QLabel;
    m_pathLabel->setObjectName(QStringLiteral("routePath"));
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Where the route lives can be long (a path, a gateway and version): it must not set the window's minimum
    // width. Cut short, the whole text is in the tooltip.
    m_pathLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QPalette muted = m_pathLabel->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_pathLabel->setPalette(muted);

    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    row->addWidget(m_titleLabel);
    row->addSpacing(16);
    row->addWidget(m_statusIconLabel);
    row->addWidget(m_statusLabel);
    row->addSpacing(14);
    row->addWidget(m_pathLabel, 1);

    // Which account a server route belongs to, and what became of its last uncertain request: a second line,
    // hidden for route files.
    m_accountLabel = new QLabel;
    m_accountLabel->setObjectName(QStringLiteral("routeAccount"));
    m_accountLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_accountLabel->setVisible(false);
    m_noticeLabel = new QLabel;
    m_noticeLabel->setObjectName(QStringLiteral("routeNotice"));
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_noticeLabel->setVisible(false);
    auto *second = new QHBoxLayout;
    second->setSpacing(14);
    second->addWidget(m_accountLabel);
    second->addWidget(m_noticeLabel, 1);

    m_writeAccess = new WriteAccessNotice(tr("Save Version and Deploy"), true);

    auto *header = new QWidget;
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(row);
    layout->addLayout(second);
    layout->addWidget(m_writeAccess);
    refreshHeader();
    return header;
}

void RouteEditorPage::refreshHeader()
{
    m_titleLabel->setText(title());
    m_statusIconLabel->setPixmap(statusIcon().pixmap(QSize(16, 16)));
    m_statusLabel->setText(statusSummary());
    // Routes opened from the app's resources have a ":/..." path that means nothing to a user.
    const bool builtIn = m_source->path().startsWith(QLatin1Char(':'));
    if (remote()) {
        const QString shown = isReadOnly() ? m_source->versionId() : remote()->shownVersionId();
        const QString deployed = remote()->deployedVersionId();
        QString which;
        if (shown.isEmpty()) {
            which = tr("new version");
        } else if (shown == deployed) {
            which = tr("version %1 (deployed)").arg(VersionText::shortId(shown));
        } else if (deployed.isEmpty()) {
            which = tr("version %1 · nothing deployed").arg(VersionText::shortId(shown));
        } else {
            // Which one runs matters as much as which one is shown: a deployment elsewhere must not go unseen.
            which = tr("version %1 · deployed: %2").arg(VersionText::shortId(shown), VersionText::shortId(deployed));
        }
        const QString account =
            remote()->connectionName().isEmpty() ? tr("this connection") : remote()->connectionName();
        m_accountLabel->setVisible(true);
        if (isOtherConnection()) {
            m_accountLabel->setText(tr("⚠ Account: %1 — the window now uses “%2”; saving and deploying from this "
                                       "tab still go to “%1”")
                                        .arg(account, m_windowConnectionName));
            m_accountLabel->setStyleSheet(
                QStringLiteral("color: %1; font-weight: 600;")
                    .arg(StatusColors::text(StatusColors::Role::Warning, QWidget::palette()).name()));
        } else {
            m_accountLabel->setText(tr("Account: %1").arg(account));
            m_accountLabel->setStyleSheet(QString());
        }
        m_accountLabel->setToolTip(
            tr("This tab was opened from the connection “%1” and saves and deploys there.").arg(account));
        const QString mode = isReadOnly() ? tr(" · read-only") : QString();
        m_pathLabel->setText(tr("%1 / %2 · %3%4").arg(remote()->gatewayId(), title(), which, mode));
        m_pathLabel->setToolTip(tr("Route %1 in gateway %2\nShowing %3\nDeployed: %4\nNewest: %5")
                                    .arg(remote()->routeId(), remote()->gatewayId(), shown.isEmpty() ? which : shown,
                                         remote()->deployedVersionId(), remote()->latestVersionId()));
        return;
    }
    m_pathLabel->setText(builtIn ? tr("Built-in example") : QDir::toNativeSeparators(m_source->path()));
    m_pathLabel->setToolTip(m_pathLabel->text());
}

QWidget *RouteEditorPage::createEditor()
{
    m_scene = new RouteScene(m_document, this);
    m_view = new RouteView(m_scene);
    m_view->setObjectName(QStringLiteral("routeView"));

    m_palette = new ElementPalette;
    m_palette->setObjectName(QStringLiteral("elementPalette"));
    connect(m_palette, &ElementPalette::elementTypeActivated, m_view, &RouteView::addElementAtCenter);
    // A route has exactly one start: the palette stops offering a second one, as quick-add does.
    const auto offerStart = [this] {
        const auto &elements = m_document->route().elements();
        const bool hasStart = std::any_of(elements.begin(), elements.end(),
                                          [](const Element &e) { return e.type == ElementType::Start; });
        m_palette->setTypeAvailable(ElementType::Start, !hasStart,
                                    tr("This route has its start already: a route has exactly one."));
    };
    connect(m_document, &RouteDocument::changed, m_palette, offerStart);
    offerStart();

    m_inspector = new ElementInspector;
    m_inspector->setObjectName(QStringLiteral("elementInspector"));
    m_inspector->setDocument(m_document);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        const auto selected = m_scene->selectedElementIds();
        const std::string id = selected.size() == 1 ? selected.front() : std::string();
        if (!id.empty() && id != m_inspector->element()) {
            // Through the empty state, as a click on another card goes (Qt clears, then selects): the inspector's
            // scroll area sizes its page afresh there, where going straight from a wide page kept its width.
            m_inspector->setElement({});
        }
        m_inspector->setElement(id);
    });

    auto *paletteColumn = new QWidget;
    auto *paletteLayout = new QVBoxLayout(paletteColumn);
    paletteLayout->setContentsMargins(0, 0, 0, 0);
    paletteLayout->setSpacing(6);
    paletteLayout->addWidget(sectionHeading(tr("Elements")));
    paletteLayout->addWidget(m_palette, 1);

    auto *splitter = new QSplitter(Qt::Horizontal);
    m_editorSplitter = splitter;
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(paletteColumn);
    splitter->addWidget(m_view);
    splitter->addWidget(m_inspector);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({150, 900, 280});
    connect(splitter, &QSplitter::splitterMoved, this, [this] { m_columnsUserSized = true; });
    return splitter;
}

void RouteEditorPage::placeBottomPanel()
{
    const QList<int> sizes = m_mainSplitter->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    if (total <= 0 || !isVisible()) {
        return; // not laid out yet: the first resize places it (settleLayout)
    }
    if (s_bottomPanelHeight <= 0) {
        s_bottomPanelHeight = QSettings().value(kBottomPanelHeightKey, 0).toInt();
    }
    // A quarter of the page by default; opened, never so tall that the canvas stops being the main thing
    // (the user can still drag it taller).
    const int wanted = s_bottomPanelHeight > 0 ? s_bottomPanelHeight : total / 4;
    const int lowest = m_bottomPanel->barHeight() + 80;
    const int height = qMax(lowest, qMin(wanted, total * 3 / 10));
    m_mainSplitter->setSizes({total - height, height});
}

void RouteEditorPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Queued: the splitters get their new sizes after this page's.
    QMetaObject::invokeMethod(this, &RouteEditorPage::settleLayout, Qt::QueuedConnection);
}

void RouteEditorPage::settleLayout()
{
    if (!isVisible()) {
        return;
    }
    const QList<int> columns = m_editorSplitter->sizes();
    const int width = columns.value(0) + columns.value(1) + columns.value(2);
    if (!m_columnsUserSized && width > 0) {
        // Until the user drags a divider, the columns follow the window: in a narrow one the palette and the
        // inspector give up some width, so that the canvas stays the widest column; they never get narrower
        // than their fields need.
        const int palette = qBound(110, width * 15 / 100, 150);
        const int inspector = qMax(m_inspector->minimumSizeHint().width(), qBound(240, width * 27 / 100, 280));
        m_editorSplitter->setSizes({palette, width - palette - inspector, inspector});
    }
    // The open panel keeps its height in proportion too: a panel sized in a large window must not eat a small one.
    if (m_bottomPanel->isExpanded()) {
        placeBottomPanel();
    }
}

void RouteEditorPage::populateProblems()
{
    const int count = m_problems->setProblems(findings(), m_importNotes);
    m_bottomPanel->setPageTitle(m_problemsTab, count == 0 ? tr("Problems") : tr("Problems (%1)").arg(count));
    if (count == 0) {
        m_bottomPanel->setSummary(QIcon(QStringLiteral(":/icons/ok.svg")),
                                  tr("No problems found. The API would accept this route as it is."));
    } else {
        m_bottomPanel->setSummary(QIcon(), QString());
    }
    // The panel opens when problems appear and closes again when the last one is fixed; in between its
    // height and whether it is open are the user's. A page the user is reading (a trace of this very draft,
    // the history) is not taken away: the bar counts the problems beside it.
    const bool hasProblems = count > 0;
    const bool readingOtherPage = m_bottomPanel->isExpanded() && m_bottomPanel->currentPage() != m_problemsTab;
    if (hasProblems && !m_hadProblems && !readingOtherPage) {
        m_bottomPanel->showPage(m_problemsTab);
    } else if (!hasProblems && m_hadProblems && m_bottomPanel->currentPage() == m_problemsTab) {
        m_bottomPanel->setExpanded(false);
    }
    m_hadProblems = hasProblems;
}

void RouteEditorPage::setRemote(RemoteRoute *remote)
{
    m_source->setServerRoute(remote);
    m_engine->setGateway(remote->client(), remote->gatewayId(), remote->routeId(), remote->name());
    if (!isReadOnly()) {
        m_writeAccess->setClient(remote->client());
    }
    connect(remote, &RemoteRoute::stateChanged, this, [this] {
        m_engine->setRouteName(this->remote()->name());
        refreshHeader();
        if (m_history) {
            m_history->setExpectedState(this->remote()->deployedVersionId(), this->remote()->latestVersionId());
        }
        emit statusChanged();
    });
    if (!isReadOnly()) {
        m_history = new RouteHistoryPanel(remote->client(), remote->gatewayId(), remote->routeId());
        m_history->setObjectName(QStringLiteral("historyPanel"));
        m_history->setExpectedState(remote->deployedVersionId(), remote->latestVersionId());
        // Closed until asked for (its tab in the bar): the canvas comes first.
        m_historyTab = m_bottomPanel->addPage(m_history, tr("History"), QStringLiteral("historyTab"));
    }
    refreshHeader();
    emit statusChanged();
}

void RouteEditorPage::setWindowConnection(const QString &connectionId, const QString &connectionName)
{
    m_windowConnectionId = connectionId;
    m_windowConnectionName = connectionName;
    m_windowConnectionKnown = true;
    refreshHeader();
}

bool RouteEditorPage::isOtherConnection() const
{
    return remote() && m_windowConnectionKnown && m_windowConnectionId != remote()->connectionId();
}

void RouteEditorPage::showNotice(const QString &text, NoticeKind kind)
{
    m_noticeLabel->setText(text);
    m_noticeLabel->setVisible(!text.isEmpty());
    m_noticeLabel->setStyleSheet(
        kind == NoticeKind::Warning
            ? QStringLiteral("color: %1;").arg(StatusColors::text(StatusColors::Role::Error, QWidget::palette()).name())
            : QString());
}

QString RouteEditorPage::noticeText() const
{
    return m_noticeLabel->isVisible() ? m_noticeLabel->text() : QString();
}

QString RouteEditorPage::accountText() const
{
    return m_accountLabel->isVisible() ? m_accountLabel->text() : QString();
}

QString RouteEditorPage::locationText() const
{
    return m_pathLabel->text();
}

void RouteEditorPage::setReadOnlyVersion(const QString &versionId)
{
    m_source->setVersion(versionId);
    m_view->setReadOnly(true);
    m_inspector->setEnabled(false);
    m_palette->setVisible(false);
    refreshHeader();
    emit statusChanged();
}

void RouteEditorPage::selectElement(const QString &id)
{
    if (id.isEmpty() || !route().contains(id.toStdString())) {
        return;
    }
    m_scene->selectElements({id.toStdString()});
    m_view->fitToSelection();
}

bool RouteEditorPage::save(const QString &path, QString *error)
{
    bool saved = false;
    // A file answers before saveAs() returns.
    m_source->saveAs(path, [&saved, error](const RouteSource::SaveOutcome &outcome) {
        saved = outcome.saved();
        if (!saved && error) {
            *error = outcome.fileError;
        }
    });
    if (saved) {
        refreshHeader();
        emit statusChanged();
    }
    return saved;
}

bool RouteEditorPage::exportImage(const QString &path, QString *error) const
{
    return RouteImageExport::write(*m_scene, title(), path, error);
}

std::unordered_map<std::string, QSizeF> RouteEditorPage::cardSizes() const
{
    // The cards' real sizes: a percentage split with five branches is taller than a model.
    std::unordered_map<std::string, QSizeF> sizes;
    for (const Element &element : route().elements()) {
        if (const auto *item = m_scene->elementItem(element.id)) {
            sizes.emplace(element.id, item->boundingRect().size());
        }
    }
    return sizes;
}

void RouteEditorPage::autoLayout()
{
    startLayout(LayoutPurpose::Everything);
}

void RouteEditorPage::startLayout(LayoutPurpose purpose)
{
    if (isLayoutRunning()) {
        return;
    }
    m_layoutPurpose = purpose;
    m_layoutRevision = m_revision;
    m_layoutWatcher = new QFutureWatcher<RouteDocument::Positions>(this);
    connect(m_layoutWatcher, &QFutureWatcherBase::finished, this, &RouteEditorPage::finishLayout);
    m_layoutWatcher->setFuture(AutoLayout::layoutAsync(route(), cardSizes()));
    setCursor(Qt::BusyCursor);
    emit layoutRunningChanged(true);
    emit statusMessage(tr("Laying out %n element(s)…", nullptr, static_cast<int>(route().size())), 0);
}

void RouteEditorPage::finishLayout()
{
    QFutureWatcher<RouteDocument::Positions> *watcher = std::exchange(m_layoutWatcher, nullptr);
    watcher->deleteLater();
    unsetCursor();
    const RouteDocument::Positions laidOut = watcher->result();
    if (m_revision != m_layoutRevision) {
        // The positions fit the route as it was; applied now they would undo or scatter the edit just made.
        emit layoutRunningChanged(false);
        emit statusMessage(tr("Auto layout discarded: the route changed while it was being laid out."), 10000);
        return;
    }
    if (m_layoutPurpose == LayoutPurpose::Unplaced) {
        RouteDocument::Positions missing;
        for (const auto &[id, point] : laidOut) {
            if (!m_document->position(id)) {
                missing.emplace(id, point);
            }
        }
        if (m_document->undoStack()->count() == 0 && m_document->isClean()) {
            // Part of opening the route, like the synchronous layout of small routes: no undo step, no
            // unsaved-changes mark.
            RouteDocument::Positions positions = m_document->positions();
            positions.merge(missing);
            m_document->reset(route(), std::move(positions));
        } else {
            m_document->setPositions(missing, tr("Auto layout"));
        }
    } else {
        m_document->setPositions(laidOut, tr("Auto layout"));
    }
    // Laying out unplaced cards is part of opening the route: it opens readable. A requested layout shows
    // the whole result.
    if (m_layoutPurpose == LayoutPurpose::Unplaced) {
        m_view->fitForReading();
    } else {
        m_view->fitToView();
    }
    emit layoutRunningChanged(false);
    emit statusMessage(tr("Auto layout done"), 3000);
}

} // namespace rd
