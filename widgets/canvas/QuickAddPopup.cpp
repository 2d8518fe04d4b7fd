#include "widgets/canvas/QuickAddPopup.h"

#include "app/StatusColors.h"
#include "model/ElementTypes.h"
#include "widgets/ElementTypeStyle.h"

#include <QHideEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

namespace {

constexpr int kTypeRole = Qt::UserRole + 1;
constexpr int kElementRole = Qt::UserRole + 2; // set on existing elements: their id
constexpr int kMaxVisibleRows = 12;

} // namespace

QuickAddPopup::QuickAddPopup(QWidget *parent)
    : QFrame(parent, Qt::Popup), m_heading(new QLabel(this)), m_search(new QLineEdit(this)),
      m_list(new QListWidget(this))
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("QuickAddPopup"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    m_heading->setTextFormat(Qt::RichText);
    m_heading->setWordWrap(true);
    m_heading->hide();
    m_search->setClearButtonEnabled(true);
    m_list->setIconSize(QSize(18, 18));
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus); // typing always goes to the search field
    layout->addWidget(m_heading);
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

std::vector<ElementType> QuickAddPopup::offeredTypes(bool routeHasStart, std::optional<ElementType> fromType,
                                                     std::string_view fromOutput)
{
    if (!fromType) {
        std::vector<ElementType> all;
        for (ElementType type : kKnownElementTypes) {
            if (type != ElementType::Start || !routeHasStart) {
                all.push_back(type);
            }
        }
        return all;
    }
    // What usually follows (ElementTypes), then any type with an input that order leaves out.
    const ElementTypeDescriptor &from = ElementTypes::of(*fromType);
    const auto likely = from.isFallback(fromOutput) && !from.likelyNextAfterFallback.empty()
                            ? from.likelyNextAfterFallback
                            : from.likelyNext;
    std::vector<ElementType> offered(likely.begin(), likely.end());
    for (ElementType type : kKnownElementTypes) {
        if (ElementTypes::of(type).hasInput && std::find(offered.begin(), offered.end(), type) == offered.end()) {
            offered.push_back(type);
        }
    }
    return offered;
}

void QuickAddPopup::popup(const QPoint &globalPos, const std::vector<ElementType> &types)
{
    m_source.clear();
    m_outputs.clear();
    m_currentOutput = 0;
    m_heading->hide();
    m_search->setPlaceholderText(tr("Add element…"));
    setFixedWidth(220);
    fill({}, types);
    showAt(globalPos);
}

void QuickAddPopup::popupConnect(const QPoint &globalPos, const std::string &source, std::vector<std::string> outputs,
                                 int current, const std::vector<Existing> &existing,
                                 const std::vector<ElementType> &types)
{
    m_source = source;
    m_outputs = std::move(outputs);
    m_currentOutput = std::clamp(current, 0, std::max(0, static_cast<int>(m_outputs.size()) - 1));
    m_search->setPlaceholderText(tr("Element or new type…"));
    setFixedWidth(300);
    updateHeading();
    m_heading->show();
    fill(existing, types);
    showAt(globalPos);
}

void QuickAddPopup::fill(const std::vector<Existing> &existing, const std::vector<ElementType> &types)
{
    m_chosen = false;
    m_list->clear();
    const bool connecting = isConnectMode();
    for (const Existing &element : existing) {
        const QString id = QString::fromStdString(element.id);
        auto *item = new QListWidgetItem(ElementTypeStyle::icon(element.type),
                                         tr("%1  · %2").arg(id, ElementTypeStyle::displayName(element.type)));
        item->setData(kTypeRole, static_cast<int>(element.type));
        item->setData(kElementRole, id);
        item->setToolTip(tr("Connect to the existing element %1").arg(id));
        m_list->addItem(item);
    }
    for (ElementType type : types) {
        const QString name = ElementTypeStyle::displayName(type);
        auto *item = new QListWidgetItem(ElementTypeStyle::icon(type), connecting ? tr("New %1").arg(name) : name);
        item->setData(kTypeRole, static_cast<int>(type));
        item->setToolTip(QString::fromLatin1(elementTypeName(type)));
        m_list->addItem(item);
    }
    m_search->blockSignals(true);
    m_search->clear();
    m_search->blockSignals(false);
    refilter();
    const int rows = std::clamp(m_list->count(), 1, kMaxVisibleRows);
    m_list->setFixedHeight(rows * (m_list->sizeHintForRow(0) + 1) + 2 * m_list->frameWidth() + 2);
    adjustSize();
}

void QuickAddPopup::showAt(const QPoint &globalPos)
{
    move(globalPos);
    QFrame::show();
    raise();
    activateWindow();
    m_search->setFocus(Qt::PopupFocusReason);
}

void QuickAddPopup::updateHeading()
{
    const QString output = QString::fromStdString(m_outputs.at(static_cast<std::size_t>(m_currentOutput)));
    QString text = tr("Connect <b>%1</b> › <b>%2</b> to:")
                       .arg(QString::fromStdString(m_source).toHtmlEscaped(), output.toHtmlEscaped());
    if (m_outputs.size() > 1) {
        text += QStringLiteral("<br><span style=\"color:%1\">%2</span>")
                    .arg(StatusColors::muted(palette()).name(), tr("Tab: next output"));
    }
    m_heading->setText(text);
}

std::string QuickAddPopup::currentOutput() const
{
    return m_outputs.empty() ? std::string() : m_outputs.at(static_cast<std::size_t>(m_currentOutput));
}

std::vector<ElementType> QuickAddPopup::listedTypes() const
{
    std::vector<ElementType> types;
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem *item = m_list->item(i);
        if (!item->isHidden() && !item->data(kElementRole).isValid()) {
            types.push_back(static_cast<ElementType>(item->data(kTypeRole).toInt()));
        }
    }
    return types;
}

std::vector<std::string> QuickAddPopup::listedElements() const
{
    std::vector<std::string> ids;
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem *item = m_list->item(i);
        if (!item->isHidden() && item->data(kElementRole).isValid()) {
            ids.push_back(item->data(kElementRole).toString().toStdString());
        }
    }
    return ids;
}

void QuickAddPopup::refilter()
{
    // Matches the name people read and the API's spelling, so "rate" and "limit" both find Rate limit; an
    // existing element also by its id.
    const QString needle = m_search->text().trimmed();
    QListWidgetItem *first = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const auto type = static_cast<ElementType>(item->data(kTypeRole).toInt());
        const bool matches = needle.isEmpty() || item->text().contains(needle, Qt::CaseInsensitive) ||
                             QString::fromLatin1(elementTypeName(type)).contains(needle, Qt::CaseInsensitive);
        item->setHidden(!matches);
        if (first == nullptr && matches) {
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
    const QVariant element = item->data(kElementRole);
    hide();
    if (element.isValid()) {
        emit elementChosen(element.toString().toStdString());
    } else {
        emit typeChosen(type);
    }
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
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            if (m_outputs.size() > 1) {
                const int n = static_cast<int>(m_outputs.size());
                const bool back = key->key() == Qt::Key_Backtab || (key->modifiers() & Qt::ShiftModifier);
                m_currentOutput = (m_currentOutput + (back ? n - 1 : 1)) % n;
                updateHeading();
            }
            return true; // focus stays in the search field either way
        case Qt::Key_Down:
        case Qt::Key_Up: {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            for (int r = row + step; r >= 0 && r < m_list->count(); r += step) {
                if (!m_list->item(r)->isHidden()) {
                    m_list->setCurrentRow(r);
                    m_list->scrollToItem(m_list->item(r));
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
