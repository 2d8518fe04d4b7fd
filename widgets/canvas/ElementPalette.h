#pragma once

#include "model/ElementType.h"

#include <QListWidget>

#include <optional>

class QMimeData;

namespace rd {

// Every known element type with its swatch, name and description (ElementTypes). Drag one onto a RouteView
// to create it where it is dropped; double-click (or Enter) emits elementTypeActivated, which the window
// connects to RouteView::addElementAtCenter.
class ElementPalette : public QListWidget
{
    Q_OBJECT

public:
    explicit ElementPalette(QWidget *parent = nullptr);

    static QString mimeType();
    static QMimeData *createMimeData(ElementType type);
    static std::optional<ElementType> typeFromMimeData(const QMimeData *mime);

    QListWidgetItem *itemFor(ElementType type) const;
    // A type that cannot be added now (a second start) is greyed out, neither draggable nor activatable, and
    // its tooltip says why.
    void setTypeAvailable(ElementType type, bool available, const QString &reason = {});

signals:
    void elementTypeActivated(ElementType type);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
};

} // namespace rd
