#pragma once

#include "model/ElementType.h"

#include <QFrame>

#include <vector>

class QLineEdit;
class QListWidget;

namespace rd {

// A small search popup listing element types: type to filter, Up/Down to move, Enter or a click to pick,
// Esc (or a click elsewhere) to cancel. Opened from a wire dropped on empty canvas it lists only the types
// that can take an input, i.e. everything but start.
class QuickAddPopup : public QFrame
{
    Q_OBJECT

public:
    explicit QuickAddPopup(QWidget *parent = nullptr);

    // Shows the popup with its top-left corner at `globalPos` and the search field focused and empty.
    void popup(const QPoint &globalPos, bool connectableOnly);

    QLineEdit *searchField() const { return m_search; }
    QListWidget *list() const { return m_list; }
    // The types currently listed, in order.
    std::vector<ElementType> listedTypes() const;

signals:
    void typeChosen(ElementType type);
    void cancelled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void refilter();
    void choose();

    QLineEdit *m_search;
    QListWidget *m_list;
    bool m_connectableOnly = false;
    bool m_chosen = false;
};

} // namespace rd
