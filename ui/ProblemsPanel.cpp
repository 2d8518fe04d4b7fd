#include "ui/ProblemsPanel.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

namespace {

enum ProblemColumn { ProblemSeverityColumn, ProblemCodeColumn, ProblemElementColumn, ProblemMessageColumn };

constexpr int kElementIdRole = Qt::UserRole + 1;

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

ProblemsPanel::ProblemsPanel(QWidget *parent) : QStackedWidget(parent), m_list(new QTreeWidget)
{
    m_list->setObjectName(QStringLiteral("problemList"));
    m_list->setHeaderLabels({tr("Severity"), tr("Code"), tr("Element"), tr("Message")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->header()->setStretchLastSection(true);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item) {
            emit elementActivated(item->data(ProblemElementColumn, kElementIdRole).toString());
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

    addWidget(m_list);
    addWidget(noProblems);
}

int ProblemsPanel::setProblems(const std::vector<Finding> &findings, const std::vector<DecodeIssue> &notes)
{
    const QIcon errorIcon(QStringLiteral(":/icons/error.svg"));
    const QIcon warningIcon(QStringLiteral(":/icons/warning.svg"));
    const QIcon infoIcon(QStringLiteral(":/icons/info.svg"));

    // Errors first: they are what blocks a deploy. Within a severity, validation's order (the route's) holds.
    m_list->clear();
    std::vector<const Finding *> ordered;
    ordered.reserve(findings.size());
    for (const Finding &finding : findings) {
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
    for (const DecodeIssue &note : notes) {
        auto *item = new QTreeWidgetItem;
        item->setIcon(ProblemSeverityColumn, infoIcon);
        item->setText(ProblemSeverityColumn, tr("Note"));
        item->setText(ProblemCodeColumn, QStringLiteral("import"));
        item->setText(ProblemMessageColumn, qs(note.toString()));
        item->setToolTip(ProblemMessageColumn, qs(note.toString()));
        items << item;
    }
    m_list->addTopLevelItems(items);
    for (int column : {ProblemSeverityColumn, ProblemCodeColumn, ProblemElementColumn}) {
        m_list->resizeColumnToContents(column);
        m_list->setColumnWidth(column, m_list->columnWidth(column) + 24);
    }

    setCurrentIndex(items.isEmpty() ? 1 : 0);
    return static_cast<int>(items.size());
}

} // namespace rd
