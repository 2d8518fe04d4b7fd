#include "ui/OpenErrorsDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

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
    auto *heading = new QLabel((count == 1 ? tr("1 file could not be opened as a route.")
                                           : tr("%1 files could not be opened as routes.").arg(count)) +
                               QLatin1Char(' ') + tr("Each row says what is wrong with the file."));
    heading->setObjectName(QStringLiteral("openErrorsHeading"));
    heading->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(heading, 1);

    m_list->setObjectName(QStringLiteral("openErrorsList"));
    m_list->setHeaderLabels({tr("File"), tr("Reason")});
    m_list->setRootIsDecorated(false);
    m_list->setWordWrap(true);
    m_list->setUniformRowHeights(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::NoFocus);
    for (const Failure &failure : failures) {
        auto *item = new QTreeWidgetItem(m_list);
        const bool builtIn = failure.path.startsWith(QLatin1Char(':'));
        item->setText(0, builtIn ? failure.path : QFileInfo(failure.path).fileName());
        item->setToolTip(0, QDir::toNativeSeparators(failure.path));
        item->setText(1, failure.reason.isEmpty() ? tr("The file could not be read.") : failure.reason);
        item->setToolTip(1, item->text(1));
    }
    m_list->header()->setStretchLastSection(true);
    m_list->resizeColumnToContents(0);
    m_list->setColumnWidth(0, qMin(m_list->columnWidth(0) + 16, 240));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(640, qMin(440, 170 + 44 * static_cast<int>(failures.size())));
}

} // namespace rd
