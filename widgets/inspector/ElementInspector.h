#pragma once

#include "model/ElementType.h"

#include <QPointer>
#include <QWidget>

#include <string>
#include <utility>
#include <vector>

class QLabel;
class QLineEdit;
class QScrollArea;
class QStackedWidget;

namespace rd {

class FindingsView;
class InspectorPage;
class RouteDocument;

// Edits one element of a RouteDocument: its id, its type's properties and what validation says about it.
// It never changes the route itself; every edit is a document call and so one undo step. It follows the
// document (undo, the canvas, renames, removal) on its own.
class ElementInspector : public QWidget
{
    Q_OBJECT

public:
    explicit ElementInspector(QWidget *parent = nullptr);
    ~ElementInspector() override;

    void setDocument(RouteDocument *document);
    RouteDocument *document() const;

    // The element to edit; empty shows "Select an element to edit it". An id not in the route is treated as
    // empty.
    void setElement(const std::string &id);
    const std::string &element() const { return m_id; }

    // The page showing now (nullptr in the empty state): for tests and screenshots.
    InspectorPage *currentPage() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    // Keeps the inspector at least as wide as the fields of the element shown need: it never scrolls sideways
    // or cuts a field off; the splitter beside it gives way instead.
    void fitWidthToContent();
    void refreshFindings();
    void commitRename();
    void revertId();
    void showRenameError(const QString &message);
    InspectorPage *pageFor(ElementType type) const;

    QPointer<RouteDocument> m_document; // not ours: null once destroyed
    std::string m_id;

    QStackedWidget *m_outer;
    QScrollArea *m_scroll;
    QLabel *m_typeIcon;
    QLabel *m_typeName;
    QLineEdit *m_idEdit;
    QLabel *m_idMessage;
    QStackedWidget *m_pages;
    // The page of each type: a page of its own where there is one, else a form built from its descriptor.
    std::vector<std::pair<ElementType, InspectorPage *>> m_pageOf;
    InspectorPage *m_unknownPage;
    FindingsView *m_findings;
};

} // namespace rd
