#include "ui/LogFilterChips.h"

#include "app/DatasetFilters.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace rd {

LogFilterChips::LogFilterChips(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("logsMoreFilters"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto *label = new QLabel(tr("Also filtered by:"));
    label->setToolTip(tr("Filters the bar above has no field for, such as a dataset's; they apply as well"));
    layout->addWidget(label);
    m_chips = new QHBoxLayout;
    m_chips->setSpacing(4);
    layout->addLayout(m_chips);
    auto *clearAll = new QPushButton(tr("Remove these"));
    clearAll->setObjectName(QStringLiteral("logsMoreFiltersClear"));
    clearAll->setFlat(true);
    connect(clearAll, &QPushButton::clicked, this, [this] {
        clear();
        emit removed();
    });
    layout->addWidget(clearAll);
    layout->addStretch(1);
    hide();
}

void LogFilterChips::setFilters(const std::vector<LogFilter> &filters)
{
    m_filters = filters;
    rebuild();
}

QStringList LogFilterChips::chipTexts() const
{
    QStringList texts;
    for (const LogFilter &filter : m_filters) {
        texts << DatasetFilters::describe(filter);
    }
    return texts;
}

void LogFilterChips::rebuild()
{
    while (QLayoutItem *item = m_chips->takeAt(0)) {
        // Later: the chip being removed is the one whose click runs this.
        item->widget()->hide();
        item->widget()->deleteLater();
        delete item;
    }
    for (std::size_t i = 0; i < m_filters.size(); ++i) {
        auto *chip = new QToolButton;
        chip->setObjectName(QStringLiteral("logsFilterChip"));
        chip->setText(DatasetFilters::describe(m_filters[i]));
        chip->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
        chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        chip->setLayoutDirection(Qt::RightToLeft); // the cross after the words, as chips have it
        chip->setToolTip(tr("Remove this filter"));
        connect(chip, &QToolButton::clicked, this, [this, i] {
            m_filters.erase(m_filters.begin() + static_cast<std::ptrdiff_t>(i));
            rebuild();
            emit removed();
        });
        m_chips->addWidget(chip);
    }
    setVisible(!m_filters.empty());
}

} // namespace rd
