#include "widgets/inspector/FindingsView.h"

#include "widgets/inspector/InspectorPage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace rd {

FindingsView::FindingsView(QWidget *parent) : QWidget(parent), m_rows(new QVBoxLayout), m_none(new QLabel(this))
{
    auto *title = new QLabel(tr("Problems"), this);
    QFont font = title->font();
    font.setBold(true);
    title->setFont(font);
    m_none->setText(tr("None found."));
    m_none->setEnabled(false);
    m_rows->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_none);
    layout->addLayout(m_rows);
}

void FindingsView::setFindings(const std::vector<Finding> &findings)
{
    qDeleteAll(m_rowWidgets);
    m_rowWidgets.clear();
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    // Errors first: they are what stops a deploy.
    for (Severity severity : {Severity::Error, Severity::Warning}) {
        for (const Finding &finding : findings) {
            if (finding.severity != severity) {
                continue;
            }
            auto *row = new QWidget(this);
            auto *icon = new QLabel(row);
            const QStyle::StandardPixmap pixmap =
                severity == Severity::Error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning;
            icon->setPixmap(style()->standardIcon(pixmap, nullptr, this).pixmap(iconSize, iconSize));
            icon->setAlignment(Qt::AlignTop);
            icon->setToolTip(severity == Severity::Error ? tr("Error") : tr("Warning"));
            auto *text = new QLabel(InspectorPage::wrappable(QString::fromStdString(finding.message)), row);
            text->setObjectName(QStringLiteral("finding"));
            text->setWordWrap(true);
            text->setTextInteractionFlags(Qt::TextSelectableByMouse);
            text->setToolTip(QString::fromStdString(finding.code));
            auto *h = new QHBoxLayout(row);
            h->setContentsMargins(0, 0, 0, 0);
            h->addWidget(icon, 0, Qt::AlignTop);
            h->addWidget(text, 1);
            m_rows->addWidget(row);
            m_rowWidgets << row;
        }
    }
    m_count = static_cast<int>(m_rowWidgets.size());
    m_none->setVisible(m_count == 0);
}

} // namespace rd
