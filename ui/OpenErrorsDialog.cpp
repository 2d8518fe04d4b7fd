#include "ui/OpenErrorsDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

// `text` with line breaks where it would run past `width`, breaking between words.
QString wrapped(const QString &text, const QFontMetrics &metrics, int width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(candidate) > width) {
            lines << line;
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.isEmpty()) {
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

OpenErrorsDialog::OpenErrorsDialog(const QList<Failure> &failures, QWidget *parent)
    : QDialog(parent), m_list(new QTreeWidget)
{
    setObjectName(QStringLiteral("openErrorsDialog"));
    setWindowTitle(tr("Cannot Open Routes"));

    auto *icon = new QLabel;
    const int side = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(side, side));
    icon->setAlignment(Qt::AlignTop);
    const int count = static_cast<int>(failures.size());
    auto *heading = new QLabel(tr("%n file(s) could not be opened as route(s).", nullptr, count) + QLatin1Char(' ') +
                               tr("Each row says what is wrong with the file."));
    heading->setObjectName(QStringLiteral("openErrorsHeading"));
    heading->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(heading, 1);

    m_list->setObjectName(QStringLiteral("openErrorsList"));
    m_list->setHeaderLabels({tr("File"), tr("Reason")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setUniformRowHeights(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::NoFocus);
    for (const Failure &failure : failures) {
        auto *item = new QTreeWidgetItem(m_list);
        const bool builtIn = failure.path.startsWith(QLatin1Char(':'));
        item->setText(0, builtIn ? failure.path : QFileInfo(failure.path).fileName());
        item->setToolTip(0, QDir::toNativeSeparators(failure.path));
        const QString reason = failure.reason.isEmpty() ? tr("The file could not be read.") : failure.reason;
        item->setToolTip(1, reason);
        item->setData(1, Qt::UserRole, reason);
    }
    m_list->header()->setStretchLastSection(true);
    m_list->resizeColumnToContents(0);
    m_list->setColumnWidth(0, qMin(m_list->columnWidth(0) + 16, 240));
    constexpr int kWidth = 680;
    // Item views do not wrap text to the column on their own: the reasons are broken into lines that fit it, so
    // that a long parser message is read in full rather than cut off.
    const int reasonWidth = kWidth - m_list->columnWidth(0) - 80;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        item->setText(1, wrapped(item->data(1, Qt::UserRole).toString(), m_list->fontMetrics(), reasonWidth));
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(kWidth, qMin(460, 170 + 48 * static_cast<int>(failures.size())));
}

} // namespace rd
