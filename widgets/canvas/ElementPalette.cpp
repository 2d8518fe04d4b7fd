#include "widgets/canvas/ElementPalette.h"

#include "widgets/ElementTypeStyle.h"

#include <QMimeData>

namespace rd {

namespace {

constexpr int kTypeRole = Qt::UserRole + 1;

QString usage(ElementType type)
{
    return ElementTypeStyle::description(type) + QStringLiteral("\n") +
           QObject::tr("Drag onto the canvas, or double-click (Enter) to add it near the centre.");
}

} // namespace

ElementPalette::ElementPalette(QWidget *parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("ElementPalette"));
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(20, 20));
    setUniformItemSizes(true);
    setSpacing(1);
    for (ElementType type : kKnownElementTypes) {
        auto *item = new QListWidgetItem(ElementTypeStyle::icon(type), ElementTypeStyle::displayName(type), this);
        item->setData(kTypeRole, static_cast<int>(type));
        item->setToolTip(usage(type));
    }
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        // Enter activates the current item even when it is disabled: a type not offered now stays not offered.
        if (!(item->flags() & Qt::ItemIsEnabled)) {
            return;
        }
        emit elementTypeActivated(static_cast<ElementType>(item->data(kTypeRole).toInt()));
    });
}

QString ElementPalette::mimeType()
{
    return QStringLiteral("application/x-route-designer-element-type");
}

QMimeData *ElementPalette::createMimeData(ElementType type)
{
    auto *mime = new QMimeData;
    const std::string_view name = elementTypeName(type);
    mime->setData(mimeType(), QByteArray(name.data(), static_cast<qsizetype>(name.size())));
    return mime;
}

std::optional<ElementType> ElementPalette::typeFromMimeData(const QMimeData *mime)
{
    if (mime == nullptr || !mime->hasFormat(mimeType())) {
        return std::nullopt;
    }
    const QByteArray name = mime->data(mimeType());
    const ElementType type =
        elementTypeFromName(std::string_view(name.constData(), static_cast<std::size_t>(name.size())));
    if (type == ElementType::Unknown) {
        return std::nullopt;
    }
    return type;
}

QListWidgetItem *ElementPalette::itemFor(ElementType type) const
{
    for (int i = 0; i < count(); ++i) {
        if (item(i)->data(kTypeRole).toInt() == static_cast<int>(type)) {
            return item(i);
        }
    }
    return nullptr;
}

QStringList ElementPalette::mimeTypes() const
{
    return {mimeType()};
}

QMimeData *ElementPalette::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty()) {
        return nullptr;
    }
    return createMimeData(static_cast<ElementType>(items.front()->data(kTypeRole).toInt()));
}

void ElementPalette::setTypeAvailable(ElementType type, bool available, const QString &reason)
{
    QListWidgetItem *item = itemFor(type);
    if (!item) {
        return;
    }
    const Qt::ItemFlags usable = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    item->setFlags(available ? (item->flags() | usable) : (item->flags() & ~usable));
    item->setToolTip(available || reason.isEmpty()
                         ? usage(type)
                         : ElementTypeStyle::description(type) + QStringLiteral("\n") + reason);
}

} // namespace rd
