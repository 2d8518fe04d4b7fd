#include "ui/DeployPreview.h"

#include "app/AutoLayout.h"
#include "app/RouteComparison.h"
#include "app/RouteDocument.h"
#include "app/StatusColors.h"
#include "ui/VersionText.h"
#include "widgets/canvas/DiffGhostItem.h"
#include "widgets/canvas/DiffMark.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSplitter>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

#include <unordered_map>

namespace rd {

namespace {

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

// `body` under a title, with no margins of its own: one pane of a splitter.
QWidget *titled(const QString &title, QWidget *body)
{
    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(title));
    layout->addWidget(body, 1);
    return column;
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

} // namespace

DeployPreview::DeployPreview(QWidget *parent)
    : QWidget(parent), m_comparison(new RouteComparison(this)), m_status(new QWidget), m_summary(new QLabel),
      m_comparingBar(new QProgressBar), m_document(new RouteDocument({}, {}, this)),
      m_scene(new RouteScene(m_document, this)), m_view(new RouteView(m_scene)), m_changes(new QListWidget),
      m_diffView(new QPlainTextEdit)
{
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    // Busy (no known end) while the comparison is computed.
    m_comparingBar->setObjectName(QStringLiteral("comparingBar"));
    m_comparingBar->setRange(0, 0);
    m_comparingBar->setTextVisible(false);
    m_comparingBar->setMaximumWidth(160);
    m_comparingBar->setAccessibleName(tr("Comparing with the deployed version"));
    m_comparingBar->hide();
    auto *statusLayout = new QHBoxLayout(m_status);
    statusLayout->setContentsMargins(0, 0, 0, 0);
    statusLayout->addWidget(m_summary, 1);
    statusLayout->addWidget(m_comparingBar);

    m_view->setObjectName(QStringLiteral("deployPreview"));
    m_view->setReadOnly(true);
    m_view->minimapAction()->setChecked(false);
    m_changes->setObjectName(QStringLiteral("changeList"));
    m_changes->setUniformItemSizes(true);
    auto *canvasSplit = new QSplitter(Qt::Horizontal);
    canvasSplit->addWidget(m_view);
    canvasSplit->addWidget(titled(tr("Changes against the deployed version"), m_changes));
    canvasSplit->setStretchFactor(0, 3);
    canvasSplit->setStretchFactor(1, 1);
    canvasSplit->setSizes({820, 300});

    m_diffView->setObjectName(QStringLiteral("jsonDiff"));
    m_diffView->setReadOnly(true);
    m_diffView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diffView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *mainSplit = new QSplitter(Qt::Vertical);
    mainSplit->addWidget(canvasSplit);
    mainSplit->addWidget(titled(tr("JSON diff (elements in id order)"), m_diffView));
    mainSplit->setStretchFactor(0, 3);
    mainSplit->setStretchFactor(1, 2);
    mainSplit->setSizes({470, 230});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mainSplit);

    connect(m_comparison, &RouteComparison::finished, this, &DeployPreview::finishComparison);
    connect(m_comparison, &RouteComparison::failed, this, &DeployPreview::failComparison);
    connect(m_changes, &QListWidget::itemClicked, this, &DeployPreview::onChangeClicked);
    connect(m_changes, &QListWidget::itemActivated, this, &DeployPreview::onChangeClicked);
}

DeployPreview::~DeployPreview()
{
    // The scene's items point into the document: the view and scene go first.
    delete m_view;
    delete m_scene;
}

bool DeployPreview::isComparing() const
{
    return m_comparison->isRunning();
}

QString DeployPreview::diffText() const
{
    return m_diffView->toPlainText();
}

void DeployPreview::compare(const QString &fromId, const Route &from, const QString &toId, const Route &to)
{
    m_diff.reset();
    m_comparedId.clear();
    m_fromId = fromId;
    m_toId = toId;
    m_comparison->start(from, to);
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
}

void DeployPreview::stop()
{
    m_comparison->stop();
    m_comparingBar->hide();
    m_comparedId.clear();
}

void DeployPreview::failComparison(const QString &message)
{
    m_comparingBar->hide();
    m_summary->setText(tr("The versions could not be compared."));
    showPlainDiffText(tr("%1\n\nClose this dialog and open it again to retry.").arg(message));
    emit comparisonFailed(message);
}

void DeployPreview::finishComparison(const RouteDiff &diff)
{
    m_comparingBar->hide();
    m_diff = diff;
    m_comparedId = m_toId;

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
    if (m_toId == m_fromId) {
        m_summary->setText(tr("This version is the one deployed."));
    } else if (m_diff->isEmpty()) {
        m_summary->setText(tr("Same elements as the deployed version."));
    } else {
        m_summary->setText(tr("%1, %2, %3")
                               .arg(tr("%n changed", nullptr, static_cast<int>(changed)),
                                    tr("%n added", nullptr, static_cast<int>(added)),
                                    tr("%n removed", nullptr, static_cast<int>(removed))));
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
    emit diffShown();
}

void DeployPreview::showPlainDiffText(const QString &text)
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

void DeployPreview::renderDiffText()
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
    // This widget's palette: on a PaletteChange the text view's may not have been updated yet.
    const StatusColors::Band added = StatusColors::band(StatusColors::Role::Added, palette());
    const StatusColors::Band removed = StatusColors::band(StatusColors::Role::Removed, palette());
    const StatusColors::Band hunkBand = StatusColors::band(StatusColors::Role::DiffHunk, palette());
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
    const QString fromLabel =
        m_fromId.isEmpty() ? tr("nothing deployed") : tr("deployed %1").arg(VersionText::shortId(m_fromId));
    line(QStringLiteral("--- %1").arg(fromLabel), removed.background, removed.text);
    line(QStringLiteral("+++ %1").arg(tr("version %1").arg(VersionText::shortId(m_comparedId))), added.background,
         added.text);
    for (const RouteDiff::Hunk &hunk : m_diff->hunks()) {
        line(QString::fromStdString(hunk.header()), hunkBand.background, hunkBand.text);
        for (const RouteDiff::Line &l : hunk.lines) {
            const QString text = QString::fromStdString(l.text);
            switch (l.kind) {
            case RouteDiff::Line::Kind::Added:
                line(QLatin1Char('+') + text, added.background, added.text);
                break;
            case RouteDiff::Line::Kind::Removed:
                line(QLatin1Char('-') + text, removed.background, removed.text);
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

void DeployPreview::onChangeClicked(QListWidgetItem *item)
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

void DeployPreview::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        renderDiffText();
    }
}

} // namespace rd
