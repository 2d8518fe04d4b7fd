#include "ui/RouteEditorPage.h"

#include "model/Validator.h"
#include "widgets/ElementTypeStyle.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

namespace {

enum ElementColumn { ElementIdColumn, ElementTypeColumn, ElementSummaryColumn, ElementOutputsColumn };
enum ProblemColumn { ProblemSeverityColumn, ProblemCodeColumn, ProblemElementColumn, ProblemMessageColumn };

constexpr int kElementIdRole = Qt::UserRole + 1;

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

// "true → free_rate_limit, false → paid_split": enough to follow the route until the canvas draws it.
QString outputsText(const Element &element)
{
    QStringList parts;
    for (const Output &output : element.outputs) {
        parts << QStringLiteral("%1 → %2").arg(qs(output.name),
                                               output.target.empty() ? QStringLiteral("(unwired)") : qs(output.target));
    }
    return parts.join(QStringLiteral(", "));
}

QString pluralize(int count, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? one : many);
}

} // namespace

RouteEditorPage::RouteEditorPage(Route route, QString sourcePath, std::vector<DecodeIssue> importNotes, QWidget *parent)
    : QWidget(parent), m_route(std::move(route)), m_sourcePath(std::move(sourcePath)),
      m_importNotes(std::move(importNotes)), m_findings(Validator::validate(m_route))
{
    setObjectName(QStringLiteral("routeEditorPage"));

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createElementsPanel());
    splitter->addWidget(createProblemsPanel());
    // Problems get room when there are some; a clean route leaves the space to its elements.
    const bool hasProblems = !m_findings.empty() || !m_importNotes.empty();
    splitter->setStretchFactor(0, hasProblems ? 1 : 2);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(12);
    layout->addWidget(createHeader());
    layout->addWidget(splitter, 1);

    populateElements();
    populateProblems();
}

QString RouteEditorPage::title() const
{
    if (!m_route.name().empty()) {
        return qs(m_route.name());
    }
    return QFileInfo(m_sourcePath).fileName();
}

int RouteEditorPage::errorCount() const
{
    return static_cast<int>(std::count_if(m_findings.begin(), m_findings.end(),
                                          [](const Finding &f) { return f.severity == Severity::Error; }));
}

int RouteEditorPage::warningCount() const
{
    return static_cast<int>(m_findings.size()) - errorCount();
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
    const QString elements = pluralize(static_cast<int>(m_route.size()), tr("element"), tr("elements"));
    if (m_findings.empty()) {
        return tr("%1 · no problems found").arg(elements);
    }
    QStringList parts;
    if (const int errors = errorCount(); errors > 0) {
        parts << pluralize(errors, tr("error"), tr("errors"));
    }
    if (const int warnings = warningCount(); warnings > 0) {
        parts << pluralize(warnings, tr("warning"), tr("warnings"));
    }
    return tr("%1 · %2").arg(elements, parts.join(QStringLiteral(", ")));
}

QWidget *RouteEditorPage::createHeader()
{
    auto *titleLabel = new QLabel(title());
    titleLabel->setObjectName(QStringLiteral("routeTitle"));
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    titleFont.setWeight(QFont::DemiBold);
    titleLabel->setFont(titleFont);
    titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *statusIconLabel = new QLabel;
    statusIconLabel->setPixmap(statusIcon().pixmap(QSize(16, 16)));
    auto *status = new QLabel(statusSummary());
    status->setObjectName(QStringLiteral("routeStatus"));

    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(6);
    statusRow->addWidget(statusIconLabel);
    statusRow->addWidget(status);
    statusRow->addSpacing(14);

    // Routes opened from the app's resources have a ":/..." path that means nothing to a user.
    const bool builtIn = m_sourcePath.startsWith(QLatin1Char(':'));
    auto *path = new QLabel(builtIn ? tr("Built-in example") : QDir::toNativeSeparators(m_sourcePath));
    path->setObjectName(QStringLiteral("routePath"));
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    path->setToolTip(path->text());
    QPalette muted = path->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    path->setPalette(muted);
    statusRow->addWidget(path, 1);

    auto *header = new QWidget;
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(titleLabel);
    layout->addLayout(statusRow);
    return header;
}

QWidget *RouteEditorPage::createElementsPanel()
{
    m_elementList = new QTreeWidget;
    m_elementList->setObjectName(QStringLiteral("elementList"));
    m_elementList->setHeaderLabels({tr("Element"), tr("Type"), tr("Summary"), tr("Outputs")});
    m_elementList->setRootIsDecorated(false);
    m_elementList->setUniformRowHeights(true);
    m_elementList->setAlternatingRowColors(true);
    m_elementList->setAllColumnsShowFocus(true);
    m_elementList->header()->setStretchLastSection(true);

    auto *panel = new QWidget;
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(sectionHeading(tr("Elements")));
    layout->addWidget(m_elementList, 1);
    return panel;
}

QWidget *RouteEditorPage::createProblemsPanel()
{
    m_problemList = new QTreeWidget;
    m_problemList->setObjectName(QStringLiteral("problemList"));
    m_problemList->setHeaderLabels({tr("Severity"), tr("Code"), tr("Element"), tr("Message")});
    m_problemList->setRootIsDecorated(false);
    m_problemList->setUniformRowHeights(true);
    m_problemList->setAlternatingRowColors(true);
    m_problemList->setAllColumnsShowFocus(true);
    m_problemList->header()->setStretchLastSection(true);
    connect(m_problemList, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item) {
            selectElement(item->data(ProblemElementColumn, kElementIdRole).toString());
        }
    });

    auto *okIcon = new QLabel;
    okIcon->setPixmap(QIcon(QStringLiteral(":/icons/ok.svg")).pixmap(QSize(20, 20)));
    auto *okText = new QLabel(tr("No problems found. The API would accept this route as it is."));
    auto *okRow = new QHBoxLayout;
    okRow->addStretch();
    okRow->addWidget(okIcon);
    okRow->addWidget(okText);
    okRow->addStretch();
    // Framed like the list it stands in for, so the panel does not jump when problems appear.
    auto *noProblems = new QFrame;
    noProblems->setObjectName(QStringLiteral("noProblems"));
    noProblems->setFrameShape(QFrame::StyledPanel);
    noProblems->setBackgroundRole(QPalette::Base);
    noProblems->setAutoFillBackground(true);
    auto *noProblemsLayout = new QVBoxLayout(noProblems);
    noProblemsLayout->addStretch();
    noProblemsLayout->addLayout(okRow);
    noProblemsLayout->addStretch();

    m_problemStack = new QStackedWidget;
    m_problemStack->addWidget(m_problemList);
    m_problemStack->addWidget(noProblems);

    m_problemsHeading = sectionHeading(tr("Problems"));

    auto *panel = new QWidget;
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_problemsHeading);
    layout->addWidget(m_problemStack, 1);
    return panel;
}

void RouteEditorPage::populateElements()
{
    QList<QTreeWidgetItem *> items;
    items.reserve(static_cast<qsizetype>(m_route.size()));
    for (const Element &element : m_route.elements()) {
        auto *item = new QTreeWidgetItem;
        item->setText(ElementIdColumn, qs(element.id));
        item->setData(ElementIdColumn, kElementIdRole, qs(element.id));
        item->setIcon(ElementTypeColumn, ElementTypeStyle::icon(element.type));
        item->setText(ElementTypeColumn, element.type == ElementType::Unknown
                                             ? qs(element.unknownTypeName)
                                             : ElementTypeStyle::displayName(element.type));
        item->setText(ElementSummaryColumn, qs(element.summary()));
        item->setText(ElementOutputsColumn, outputsText(element));
        item->setToolTip(ElementOutputsColumn, item->text(ElementOutputsColumn));
        items << item;
    }
    m_elementList->addTopLevelItems(items);
    for (int column : {ElementIdColumn, ElementTypeColumn, ElementSummaryColumn}) {
        m_elementList->resizeColumnToContents(column);
        // Leave breathing room: resizeColumnToContents packs text against the next column.
        m_elementList->setColumnWidth(column, m_elementList->columnWidth(column) + 24);
    }
}

void RouteEditorPage::populateProblems()
{
    const QIcon errorIcon(QStringLiteral(":/icons/error.svg"));
    const QIcon warningIcon(QStringLiteral(":/icons/warning.svg"));
    const QIcon infoIcon(QStringLiteral(":/icons/info.svg"));

    // Errors first: they are what blocks a deploy. Within a severity, validation's order (the route's) holds.
    std::vector<const Finding *> ordered;
    ordered.reserve(m_findings.size());
    for (const Finding &finding : m_findings) {
        ordered.push_back(&finding);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const Finding *a, const Finding *b) {
        return a->severity == Severity::Error && b->severity != Severity::Error;
    });

    QList<QTreeWidgetItem *> items;
    for (const Finding *findingPtr : ordered) {
        const Finding &finding = *findingPtr;
        auto *item = new QTreeWidgetItem;
        const bool error = finding.severity == Severity::Error;
        item->setIcon(ProblemSeverityColumn, error ? errorIcon : warningIcon);
        item->setText(ProblemSeverityColumn, error ? tr("Error") : tr("Warning"));
        item->setText(ProblemCodeColumn, qs(finding.code));
        QString element = qs(finding.elementId);
        if (!finding.output.empty()) {
            element += QStringLiteral(" · ") + qs(finding.output);
        }
        item->setText(ProblemElementColumn, element);
        item->setData(ProblemElementColumn, kElementIdRole, qs(finding.elementId));
        item->setText(ProblemMessageColumn, qs(finding.message));
        item->setToolTip(ProblemMessageColumn, qs(finding.message));
        items << item;
    }
    for (const DecodeIssue &note : m_importNotes) {
        auto *item = new QTreeWidgetItem;
        item->setIcon(ProblemSeverityColumn, infoIcon);
        item->setText(ProblemSeverityColumn, tr("Note"));
        item->setText(ProblemCodeColumn, QStringLiteral("import"));
        item->setText(ProblemMessageColumn, qs(note.toString()));
        item->setToolTip(ProblemMessageColumn, qs(note.toString()));
        items << item;
    }
    m_problemList->addTopLevelItems(items);
    for (int column : {ProblemSeverityColumn, ProblemCodeColumn, ProblemElementColumn}) {
        m_problemList->resizeColumnToContents(column);
        m_problemList->setColumnWidth(column, m_problemList->columnWidth(column) + 24);
    }

    m_problemStack->setCurrentIndex(items.isEmpty() ? 1 : 0);
    m_problemsHeading->setText(items.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(items.size()));
}

void RouteEditorPage::selectElement(const QString &id)
{
    if (id.isEmpty()) {
        return;
    }
    for (int i = 0; i < m_elementList->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_elementList->topLevelItem(i);
        if (item->data(ElementIdColumn, kElementIdRole).toString() == id) {
            m_elementList->setCurrentItem(item);
            m_elementList->scrollToItem(item);
            return;
        }
    }
}

} // namespace rd
