#pragma once

#include "model/ElementType.h"

#include <QFrame>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace rd {

// A small search popup listing element types: type to filter, Up/Down to move, Enter or a click to pick,
// Esc (or a click elsewhere) to cancel. The caller says which types to offer and in which order
// (offeredTypes: what can connect to the port it came from, most likely first; never a second start).
//
// In connect mode (popupConnect) it also lists existing elements, before the new types, under a heading
// naming the output being connected; Tab and Shift+Tab switch among the source element's outputs.
class QuickAddPopup : public QFrame
{
    Q_OBJECT

public:
    struct Existing
    {
        std::string id;
        ElementType type = ElementType::Unknown;
    };

    explicit QuickAddPopup(QWidget *parent = nullptr);

    // The types a quick-add offers, most likely first. From an output (`fromType` given) only types with an
    // input, ordered by what usually follows that output (a model's fallback: another model; its success: end);
    // on the empty canvas every type in the palette's order, start only while the route has none.
    static std::vector<ElementType> offeredTypes(bool routeHasStart, std::optional<ElementType> fromType = {},
                                                 std::string_view fromOutput = {});

    // Shows the popup with its top-left corner at `globalPos` and the search field focused and empty.
    void popup(const QPoint &globalPos, const std::vector<ElementType> &types);
    // Connect mode: `source`'s output `outputs[current]` is to be wired to one of `existing` or a new element
    // of one of `types`.
    void popupConnect(const QPoint &globalPos, const std::string &source, std::vector<std::string> outputs, int current,
                      const std::vector<Existing> &existing, const std::vector<ElementType> &types);

    QLineEdit *searchField() const { return m_search; }
    QListWidget *list() const { return m_list; }
    QLabel *heading() const { return m_heading; }
    // The types currently listed, in order.
    std::vector<ElementType> listedTypes() const;
    // The existing elements currently listed (connect mode), in order.
    std::vector<std::string> listedElements() const;
    // Connect mode: the output being connected; empty otherwise.
    std::string currentOutput() const;
    bool isConnectMode() const { return !m_outputs.empty(); }

signals:
    void typeChosen(ElementType type);
    void elementChosen(const std::string &id);
    void cancelled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void fill(const std::vector<Existing> &existing, const std::vector<ElementType> &types);
    void showAt(const QPoint &globalPos);
    void updateHeading();
    void refilter();
    void choose();

    QLabel *m_heading;
    QLineEdit *m_search;
    QListWidget *m_list;
    std::string m_source;
    std::vector<std::string> m_outputs;
    int m_currentOutput = 0;
    bool m_chosen = false;
};

} // namespace rd
