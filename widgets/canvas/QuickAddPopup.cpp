#include "widgets/canvas/QuickAddPopup.h"

#include "widgets/ElementTypeStyle.h"

#include <QHideEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace rd {

namespace {
constexpr int kTypeRole = Qt::UserRole + 1;
}

QuickAddPopup::QuickAddPopup(QWidget *parent)
    : QFrame(parent, Qt::Popup), m_search(new QLineEdit(this)), m_list(new QListWidget(this))
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("QuickAddPopup"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    m_search->setPlaceholderText(tr("Add element…"));
    m_search->setClearButtonEnabled(true);
    m_list->setIconSize(QSize(18, 18));
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus); // typing always goes to the search field
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    setFixedWidth(220);

    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, &QuickAddPopup::refilter);
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        m_list->setCurrentItem(item);
        choose();
    });
}

void QuickAddPopup::popup(const QPoint &globalPos, bool connectableOnly)
{
    m_connectableOnly = connectableOnly;
    m_chosen = false;
    m_search->clear();
    refilter();
    const int rows = m_list->count();
    m_list->setFixedHeight(rows * (m_list->sizeHintForRow(0) + 1) + 2 * m_list->frameWidth() + 2);
    adjustSize();
    move(globalPos);
    show();
    raise();
    activateWindow();
    m_search->setFocus(Qt::PopupFocusReason);
}

std::vector<ElementType> QuickAddPopup::listedTypes() const
{
    std::vector<ElementType> types;
    for (int i = 0; i < m_list->count(); ++i) {
        if (!m_list->item(i)->isHidden()) {
            types.push_back(static_cast<ElementType>(m_list->item(i)->data(kTypeRole).toInt()));
        }
    }
    return types;
}

void QuickAddPopup::refilter()
{
    if (m_list->count() == 0) {
        for (ElementType type : kKnownElementTypes) {
            auto *item = new QListWidgetItem(ElementTypeStyle::icon(type), ElementTypeStyle::displayName(type));
            item->setData(kTypeRole, static_cast<int>(type));
            item->setToolTip(QString::fromLatin1(elementTypeName(type)));
            m_list->addItem(item);
        }
    }
    // Matches the name people read and the API's spelling, so "rate" and "limit" both find Rate limit.
    const QString needle = m_search->text().trimmed();
    QListWidgetItem *first = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const auto type = static_cast<ElementType>(item->data(kTypeRole).toInt());
        const bool allowed = !(m_connectableOnly && type == ElementType::Start);
        const bool matches = needle.isEmpty() || item->text().contains(needle, Qt::CaseInsensitive) ||
                             QString::fromLatin1(elementTypeName(type)).contains(needle, Qt::CaseInsensitive);
        item->setHidden(!(allowed && matches));
        if (first == nullptr && !item->isHidden()) {
            first = item;
        }
    }
    m_list->setCurrentItem(first);
}

void QuickAddPopup::choose()
{
    QListWidgetItem *item = m_list->currentItem();
    if (item == nullptr || item->isHidden()) {
        return;
    }
    m_chosen = true;
    const auto type = static_cast<ElementType>(item->data(kTypeRole).toInt());
    hide();
    emit typeChosen(type);
}

bool QuickAddPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int row = m_list->currentRow();
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            choose();
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        case Qt::Key_Down:
        case Qt::Key_Up: {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            for (int r = row + step; r >= 0 && r < m_list->count(); r += step) {
                if (!m_list->item(r)->isHidden()) {
                    m_list->setCurrentRow(r);
                    break;
                }
            }
            return true;
        }
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void QuickAddPopup::hideEvent(QHideEvent *event)
{
    QFrame::hideEvent(event);
    if (!m_chosen) {
        m_chosen = true; // one answer per popup
        emit cancelled();
    }
}

} // namespace rd
