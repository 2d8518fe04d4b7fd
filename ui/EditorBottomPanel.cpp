#include "ui/EditorBottomPanel.h"

#include "widgets/ElidedLabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

EditorBottomPanel::EditorBottomPanel(QWidget *parent)
    : QWidget(parent), m_bar(new QWidget), m_summaryIcon(new QLabel), m_summary(new ElidedLabel),
      m_toggle(new QToolButton), m_pages(new QStackedWidget)
{
    setObjectName(QStringLiteral("editorBottomPanel"));
    m_bar->setObjectName(QStringLiteral("bottomPanelBar"));
    m_summary->setObjectName(QStringLiteral("bottomPanelSummary"));
    m_toggle->setObjectName(QStringLiteral("bottomPanelToggle"));
    m_toggle->setAutoRaise(true);
    connect(m_toggle, &QToolButton::clicked, this, [this] { setExpanded(!m_expanded); });

    auto *barLayout = new QHBoxLayout(m_bar);
    barLayout->setContentsMargins(0, 0, 0, 0);
    barLayout->setSpacing(4);
    barLayout->addSpacing(8);
    barLayout->addWidget(m_summaryIcon);
    barLayout->addWidget(m_summary, 1);
    barLayout->addWidget(m_toggle);

    m_pages->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_bar);
    layout->addWidget(m_pages, 1);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    updateButtons();
}

int EditorBottomPanel::addPage(QWidget *page, const QString &title, const QString &objectName)
{
    const int index = m_pages->addWidget(page);
    auto *button = new QToolButton;
    button->setObjectName(objectName);
    button->setText(title);
    button->setCheckable(true);
    button->setAutoRaise(true);
    QFont font = button->font();
    font.setWeight(QFont::DemiBold);
    button->setFont(font);
    connect(button, &QToolButton::clicked, this, [this, index] {
        // The open page's button closes the panel, as tabs of a bottom panel commonly do.
        if (m_expanded && m_pages->currentIndex() == index) {
            setExpanded(false);
        } else {
            showPage(index);
        }
    });
    // Tab buttons go before the summary, in the order added.
    static_cast<QHBoxLayout *>(m_bar->layout())->insertWidget(static_cast<int>(m_tabs.size()), button);
    m_tabs.push_back(button);
    updateButtons();
    return index;
}

void EditorBottomPanel::setPageTitle(int index, const QString &title)
{
    tabButton(index)->setText(title);
}

int EditorBottomPanel::currentPage() const
{
    return m_pages->currentIndex();
}

QWidget *EditorBottomPanel::page(int index) const
{
    return m_pages->widget(index);
}

void EditorBottomPanel::setSummary(const QIcon &icon, const QString &text)
{
    m_summaryIcon->setPixmap(icon.isNull() ? QPixmap() : icon.pixmap(QSize(16, 16)));
    m_summaryIcon->setVisible(!icon.isNull());
    m_summary->setText(text);
}

QString EditorBottomPanel::summary() const
{
    return m_summary->text();
}

void EditorBottomPanel::setExpanded(bool expanded)
{
    if (expanded == m_expanded) {
        return;
    }
    m_expanded = expanded;
    m_pages->setVisible(expanded);
    // Closed, the bar is all there is: the splitter above cannot give the panel more than that.
    setMaximumHeight(expanded ? QWIDGETSIZE_MAX : barHeight());
    updateButtons();
    emit expandedChanged(expanded);
}

void EditorBottomPanel::showPage(int index)
{
    const bool changed = index != m_pages->currentIndex();
    m_pages->setCurrentIndex(index);
    if (changed) {
        emit currentPageChanged(index);
    }
    if (m_expanded) {
        updateButtons();
    } else {
        setExpanded(true);
    }
}

int EditorBottomPanel::barHeight() const
{
    return m_bar->sizeHint().height();
}

void EditorBottomPanel::updateButtons()
{
    for (std::size_t i = 0; i < m_tabs.size(); ++i) {
        m_tabs[i]->setChecked(m_expanded && static_cast<int>(i) == m_pages->currentIndex());
    }
    m_toggle->setArrowType(m_expanded ? Qt::DownArrow : Qt::UpArrow);
    m_toggle->setToolTip(m_expanded ? tr("Hide the panel") : tr("Show the panel"));
    if (!m_expanded) {
        setMaximumHeight(barHeight());
    }
}

} // namespace rd
